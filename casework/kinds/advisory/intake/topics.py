"""The public face of the intake: one form per topic, completeness, JSON in and out.

The advisory request stores ``topic`` and ``intake`` (a JSON dict). A view builds the form
with ``intake_form``; the submit service asks ``missing_fields`` (and refuses while it is not
empty), so the rule is the same whether the request comes from the form or elsewhere.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import Topic
from .forms import INCOMPLETE_SUBMISSION, INTAKE_FORMS, MODE_DRAFT, MODE_SUBMIT, IntakeForm

__all__ = [
    "MODE_DRAFT",
    "MODE_SUBMIT",
    "UNKNOWN_TOPIC",
    "Topic",
    "check_complete",
    "form_class_for",
    "intake_form",
    "intake_from_form",
    "missing_fields",
    "requester_initial",
]

UNKNOWN_TOPIC = _("Choose one of the advisory topics.")


def form_class_for(topic: str) -> type[IntakeForm]:
    """The intake form class of ``topic``; ValidationError for an unknown topic."""
    try:
        return INTAKE_FORMS[Topic(topic)]
    except ValueError:
        raise ValidationError(UNKNOWN_TOPIC, code="unknown_topic") from None


def intake_form(
    topic: str,
    *,
    data: Any = None,
    intake: dict | None = None,
    initial: dict | None = None,
    mode: str = MODE_DRAFT,
    prefix: str | None = None,
) -> IntakeForm:
    """The form of ``topic``: bound to posted ``data``, or to a stored ``intake`` dict, or
    unbound with ``initial`` (e.g. ``requester_initial(organisation)``)."""
    form_class = form_class_for(topic)
    if data is None and intake is not None:
        data = form_class.json_to_data(intake)
    return form_class(data=data, initial=initial, mode=mode, prefix=prefix)


def intake_from_form(form: IntakeForm) -> dict:
    """The JSON-safe dict to store, from a valid form."""
    return form.to_json()


def missing_fields(topic: str, data: dict) -> list[tuple[str, str]]:
    """(field name, translated label) of every field a submission of ``data`` lacks."""
    return form_class_for(topic).missing_fields(data or {})


def check_complete(topic: str, data: dict) -> None:
    """Raise a ValidationError naming every missing field; for the submit service."""
    missing = missing_fields(topic, data)
    if missing:
        raise ValidationError(
            INCOMPLETE_SUBMISSION,
            code="incomplete",
            params={"fields": ", ".join(label for _name, label in missing)},
        )


def requester_initial(organisation) -> dict:
    """Initial values taken from the requesting organisation's record."""
    initial = {}
    if getattr(organisation, "regon", ""):
        initial["requester_regon"] = organisation.regon
    gmina = getattr(organisation, "gmina", None)
    if gmina is not None:
        initial["requester_teryt"] = gmina.code
    if getattr(organisation, "email", ""):
        initial["contact_email"] = organisation.email
    if getattr(organisation, "phone", ""):
        initial["contact_phone"] = organisation.phone
    return initial
