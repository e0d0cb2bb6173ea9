"""``FilterSelect`` writes exactly what Django's ``Select`` writes (see casework/queues/widgets.py
for why it exists)."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from casework.queues.forms import QueueFilterForm
from casework.queues.widgets import FilterSelect

text = st.text(alphabet=st.sampled_from(list("aąbćęłŁ <>&\"'=/\\x0%{}")), max_size=10)


@given(
    choices=st.lists(st.tuples(text, text), max_size=6),
    value=st.one_of(st.none(), text, st.lists(text, max_size=2)),
    required=st.booleans(),
)
def test_same_markup_as_djangos_select(choices, value, required):
    attrs = {"id": "id_f", "required": required, "data-x": 'a"b'}
    assert FilterSelect(choices=choices).render("f", value, attrs=attrs) == forms.Select(
        choices=choices
    ).render("f", value, attrs=attrs)


def test_labels_lazy_safe_and_numbers_as_django_prints_them():
    choices = [
        ("", lazy(lambda: "All", str)()),  # a lazy label, as gettext_lazy gives
        (7, "Powiat <b>"),
        (8, mark_safe("<i>safe</i>")),
        (None, "none"),
        (7, "again"),
    ]
    for value in (7, "7", None, "", "8"):
        assert FilterSelect(choices=choices).render("g", value) == forms.Select(
            choices=choices
        ).render("g", value)


def test_option_groups_go_through_djangos_templates():
    choices = [("Group", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert FilterSelect(choices=choices).render("g", "b") == forms.Select(choices=choices).render(
        "g", "b"
    )


@pytest.mark.django_db
def test_the_queue_filter_renders_its_places_as_django_would(advisor):
    from tests.queues.factories import territory

    territory()
    data = QueryDict("gmina=x&powiat=")
    ours, djangos = QueueFilterForm(data, assignees=[]), QueueFilterForm(data, assignees=[])
    for name in ("powiat", "gmina"):
        field = djangos.fields[name]
        field.widget = forms.Select(choices=field.choices)
        assert str(ours[name]) == str(djangos[name])
    assert "aria-invalid" in str(ours["gmina"])  # "x" is not a gmina: the error is marked
