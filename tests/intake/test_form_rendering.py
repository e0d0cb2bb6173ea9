"""The intake partial shows an error summary linking to every field, without inline code."""

import pytest
from django.template.loader import render_to_string

from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.intake.topics import MODE_SUBMIT, intake_form

pytestmark = pytest.mark.urls("tests.intake.urls")


def render(form) -> str:
    return render_to_string("advisory/intake/form_fields.html", {"form": form})


def test_error_summary_links_to_every_missing_field():
    form = intake_form(Topic.SOCIAL_CLAUSES, data={}, mode=MODE_SUBMIT)
    assert not form.is_valid()
    html = render(form)
    assert 'class="error-summary" role="alert" tabindex="-1" id="error-summary" autofocus' in html
    assert 'href="#id_contact_email"' in html
    assert 'href="#id_clause_types_0"' in html  # a checkbox group: its first box
    assert 'href="#id_contract_type_0"' in html
    assert "<script" not in html
    assert "style=" not in html


def test_choice_groups_are_fieldsets_with_legends():
    html = render(intake_form(Topic.LOCAL_PLAN))
    assert "<fieldset" in html
    assert "<legend" in html
    assert 'id="id_sections_for_review_0"' in html


def test_cpv_fields_carry_the_lookup():
    html = render(intake_form(Topic.SOCIAL_CLAUSES))
    assert 'id="id_cpv_main-q"' in html
    assert 'id="id_cpv_additional-results"' in html


def test_warnings_are_shown_without_blocking():
    form = intake_form(
        Topic.SOCIAL_CLAUSES,
        data={"clause_types": ["art361"], "contract_type": "supplies"},
    )
    assert form.is_valid()
    html = render(form)
    assert 'class="intake-warnings" role="status"' in html
    assert "error-summary" not in html
