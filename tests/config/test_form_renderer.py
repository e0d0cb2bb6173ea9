"""``config.forms.FastRenderer`` writes exactly what Django's widget templates write."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st

from config.forms import FastRenderer

TEMPLATES = DjangoTemplates()
FAST = FastRenderer()

text = st.text(
    alphabet=st.sampled_from(list("aąbćęłńóśźżŁ <>&\"'=/\\x0%{}")), min_size=0, max_size=12
)


class Sample(forms.Form):
    name = forms.CharField(label="Nazwa", help_text="Pomoc", max_length=20)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False)
    number = forms.IntegerField(required=False, min_value=0)
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"inputmode": "numeric"}))
    agree = forms.BooleanField(required=False)
    url = forms.URLField(required=False)
    choice = forms.ChoiceField(choices=[("", "Wszystkie"), ("a", "Ą & B"), ("b", "<b>")])
    grouped = forms.ChoiceField(
        required=False,
        choices=[("", "—"), ("Grupa <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
    )
    many = forms.MultipleChoiceField(required=False, choices=[("1", "jeden"), ("2", "dwa")])
    safe = forms.ChoiceField(required=False, choices=[("s", mark_safe("<em>bezpieczny</em>"))])


def _both(form_data, field_name):
    slow = Sample(form_data, renderer=TEMPLATES)[field_name]
    fast = Sample(form_data, renderer=FAST)[field_name]
    return str(slow), str(fast)


FIELDS = list(Sample.base_fields)


@pytest.mark.parametrize("field_name", FIELDS)
def test_unbound_fields_render_the_same(field_name):
    slow = Sample(renderer=TEMPLATES)[field_name]
    fast = Sample(renderer=FAST)[field_name]
    assert str(fast) == str(slow)


@pytest.mark.parametrize("field_name", FIELDS)
def test_bound_fields_with_errors_render_the_same(field_name):
    data = {"name": "", "number": "-1", "email": "x", "choice": "nope", "many": ["1", "3"]}
    slow, fast = _both(data, field_name)
    assert fast == slow


@settings(max_examples=60, deadline=None)
@given(value=text, attr=text)
def test_any_text_value_and_attribute_render_the_same(value, attr):
    for field_name in ("name", "hidden", "email", "when", "url", "choice", "grouped"):
        data = {field_name: value, "choice": value, "grouped": value}
        slow = Sample(data, renderer=TEMPLATES)[field_name]
        fast = Sample(data, renderer=FAST)[field_name]
        assert fast.as_widget(attrs={"data-x": attr}) == slow.as_widget(attrs={"data-x": attr})


def test_initial_values_render_the_same():
    initial = {"when": datetime.date(2026, 3, 31), "agree": True, "many": ["1", "2"], "number": 5}
    for field_name in FIELDS:
        slow = Sample(initial=initial, renderer=TEMPLATES)[field_name]
        fast = Sample(initial=initial, renderer=FAST)[field_name]
        assert str(fast) == str(slow), field_name


def test_other_templates_fall_back_to_django():
    class WithTextarea(forms.Form):
        body = forms.CharField(widget=forms.Textarea)
        pick = forms.ChoiceField(widget=forms.RadioSelect, choices=[("a", "A")])

    for field_name in ("body", "pick"):
        assert str(WithTextarea(renderer=FAST)[field_name]) == str(
            WithTextarea(renderer=TEMPLATES)[field_name]
        )


def test_the_project_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "config.forms.FastRenderer"
    assert isinstance(get_default_renderer(), FastRenderer)
