"""Every group of radio buttons or checkboxes is a fieldset named by its legend (WCAG 1.3.1),
and no label points at nothing (``<label for="">``), whichever include renders the form."""

import re
from html.parser import HTMLParser

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.registry.factories import load_teryt, make_entry


class _GroupChecker(HTMLParser):
    """Collects what is wrong: empty ``for``, and grouped inputs outside a named fieldset."""

    def __init__(self):
        super().__init__()
        self.stack: list[dict] = []  # open fieldsets: {"legend": text seen?}
        self.in_legend = False
        self.names: dict[str, list[bool]] = {}  # name -> inside a fieldset with a legend?
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and "for" in attrs and not (attrs["for"] or "").strip():
            self.problems.append('<label for="">')
        if tag == "fieldset":
            self.stack.append({"legend": False})
        elif tag == "legend" and self.stack:
            self.in_legend = True
        elif tag == "input" and attrs.get("type") in {"radio", "checkbox"}:
            named = bool(self.stack) and self.stack[-1]["legend"]
            self.names.setdefault(attrs.get("name", ""), []).append(named)

    def handle_endtag(self, tag):
        if tag == "fieldset" and self.stack:
            self.stack.pop()
        elif tag == "legend":
            self.in_legend = False

    def handle_data(self, data):
        if self.in_legend and data.strip():
            self.stack[-1]["legend"] = True

    def check(self, html: str) -> list[str]:
        self.feed(html)
        for name, placed in self.names.items():
            # A group: radio buttons, or several checkboxes under one name.
            if len(placed) > 1 and not all(placed):
                self.problems.append(f"group {name!r} not in a fieldset with a legend")
        return self.problems


def group_problems(html: str) -> list[str]:
    return _GroupChecker().check(html)


CHOICES = [("a", "Alfa"), ("b", "Beta"), ("c", "Gamma")]


class EveryKindOfField(forms.Form):
    text = forms.CharField(label="Text", help_text="Some help")
    one = forms.ChoiceField(label="One of", choices=CHOICES, widget=forms.RadioSelect)
    some = forms.MultipleChoiceField(
        label="Some of", choices=CHOICES, widget=forms.CheckboxSelectMultiple, help_text="Any"
    )
    several = forms.MultipleChoiceField(label="Several", choices=CHOICES, required=False)
    agree = forms.BooleanField(label="I agree", required=False)


def _renderings(form):
    yield "includes/form_fields.html", render_to_string("includes/form_fields.html", {"form": form})
    for template in (
        "directory/registry/_field.html",
        "casework/partials/field.html",
        "documents/_field.html",
    ):
        yield template, "".join(render_to_string(template, {"field": f}) for f in form)


@pytest.mark.parametrize("bound", [False, True], ids=["blank", "with-errors"])
def test_every_field_include_puts_groups_in_a_fieldset_with_a_legend(bound):
    form = EveryKindOfField(data={} if bound else None)
    if bound:
        assert not form.is_valid()
    for template, html in _renderings(form):
        assert group_problems(html) == [], template
        assert html.count("<fieldset") == 2, template
        assert "<legend>One of" in html, template
        assert "<legend>Some of" in html, template
        # Every description a control names is there (Django 5.2 names "<id>_error").
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        described = {i for v in re.findall(r'aria-describedby="([^"]*)"', html) for i in v.split()}
        assert described <= ids, (template, described - ids)
        assert len(re.findall(r'\bid="', html)) == len(ids), template  # no id twice
        if bound:
            assert "id_text_error" in described
            assert "id_one_error" in described
        # The single checkbox and the select keep their labels.
        assert 'for="id_agree"' in html, template
        assert 'for="id_several"' in html, template


def test_the_error_summary_links_a_group_to_its_first_input():
    form = EveryKindOfField(data={})
    html = render_to_string("includes/form_fields.html", {"form": form})
    assert 'href="#id_one_0"' in html
    assert 'href="#id_some_0"' in html
    assert 'id="id_one_0"' in html
    assert 'href="#"' not in html


def test_the_checker_sees_the_old_faults():
    assert group_problems('<label for="">Topic</label><input type="radio" name="t">') == [
        '<label for="">'
    ]
    loose = '<div><input type="checkbox" name="s"><input type="checkbox" name="s"></div>'
    assert group_problems(loose) == ["group 's' not in a fieldset with a legend"]


@pytest.mark.django_db
def test_the_topic_radio_group_on_the_new_request_page(client, municipality_user):
    client.force_login(municipality_user)
    html = client.get(reverse("casework:advisory-new")).content.decode()
    assert 'type="radio" name="topic"' in html
    assert group_problems(html) == []


@pytest.mark.django_db
def test_the_checkbox_groups_of_a_registry_change_proposal(client):
    load_teryt()
    entry = make_entry("Nasza Spółdzielnia", offer="obiady")
    user = MembershipFactory(organisation=entry.organisation, user__email="rep@pes.pl").user
    client.force_login(user)
    html = client.get(reverse("directory:registry-propose", args=[entry.pk])).content.decode()
    assert 'type="checkbox" name="sectors"' in html
    assert 'type="checkbox" name="social_services"' in html
    assert group_problems(html) == []
