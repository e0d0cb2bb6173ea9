"""The advisory kind as the case-kind registry knows it (registered in ``apps.py``)."""

import datetime

from django import forms
from django.db.models import Q
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.l10n import money_format
from casework.registry import CaseKind, QueueColumn, QueueFilter
from directory.constants import Role
from directory.roles import is_coordinator, is_staff, roles_of

from .clauses import suggest_clause_types
from .constants import KIND, OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT
from .constants import AdvisoryStatus as S
from .flow import AdvisoryFlow
from .forms import ClauseInsertForm, OpinionForm, clause_formset
from .intake.constants import ThresholdBand, Topic
from .intake.fields import CPVCodeField, MoneyField
from .intake.topics import intake_form
from .models import AdvisoryRequest, OpinionVersion
from .services import may_edit_opinion


def intake_rows(advisory) -> list[tuple[str, str, str]]:
    """The intake answers as (label, shown value, language) triples, in the form's order.

    Dates are shown in the prose style of the page's language, amounts in its money style
    (the value with its threshold band); free text the requester wrote carries ``"pl"`` as
    its language, so an English page marks it ``lang="pl"`` (screen readers, hyphenation).
    """
    form = intake_form(advisory.topic, intake=advisory.intake)
    rows = []
    for name, field in form.fields.items():
        value = advisory.intake.get(name)
        if value in (None, "", []):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        language = ""
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, bool):
            shown = _("yes") if value else _("no")
        elif isinstance(field, MoneyField):
            shown = money_format(value)
            band = advisory.intake.get("threshold_band")
            if band in ThresholdBand.values:
                shown = f"{shown} ({ThresholdBand(band).label})"
        elif isinstance(field, forms.DateField):
            day = parse_date(str(value))
            shown = date_format(day, "DATE_FORMAT") if day else str(value)
        elif choices:
            shown = str(choices.get(value, value))
        else:
            shown = str(value)
            if isinstance(field, forms.CharField) and not isinstance(
                field, forms.EmailField | CPVCodeField
            ):
                language = "pl"
        rows.append((field.label, shown, language))
    return rows


def _needed_by(value) -> datetime.date | None:
    """The requester's "opinion needed by" date as the intake stores it (ISO text)."""
    if isinstance(value, datetime.date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        return None


def needed_by_display(value) -> str:
    day = _needed_by(value)
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def needed_by_flag(value, row: dict) -> str:
    """Warn the advisor when the case's deadline falls after the date the requester needs the
    opinion by (the deadline alone would be too late for them)."""
    day, due = _needed_by(value), row.get("due_date")
    if day and due and due > day:
        return _("deadline later")
    return ""


def detail_context(case, user, extra: dict) -> dict:
    """What the advisory partial of the case page shows: the request, the opinion's draft
    (for its assignee in review) and the frozen versions (staff and the committee)."""
    advisory = case.advisory
    opinion_form = extra.pop("opinion_form", None)
    formset = extra.pop("clause_formset", None)
    picker = extra.pop("clause_picker", None)
    if may_edit_opinion(user, case):
        opinion_form = opinion_form or OpinionForm(
            initial={
                "text": advisory.opinion_text,
                "recommendations": advisory.opinion_recommendations,
                "legal_references": advisory.opinion_legal_references,
            }
        )
        formset = formset or clause_formset(clauses=advisory.opinion_clauses or [])
        picker = picker or ClauseInsertForm(
            suggestions=suggest_clause_types(advisory.intake or {}),
            present=[c.get("clause_type") for c in advisory.opinion_clauses or []],
        )
        kind_forms = [opinion_form, *formset.forms, picker]
    else:
        opinion_form = formset = picker = None
        kind_forms = []
    sees_versions = is_staff(user) or Role.COMMITTEE in roles_of(user)
    # After publication everyone who sees the case gets the issued clauses, ready to paste.
    issued = advisory.current_version if case.status == S.PUBLISHED else None
    return {
        "advisory": advisory,
        "intake_rows": intake_rows(advisory),
        "opinion_form": opinion_form,
        "clause_formset": formset,
        "clause_picker": picker,
        "issued_clauses": issued.clauses if issued else [],
        "edits_clause_templates": is_coordinator(user),
        "kind_forms": kind_forms,
        "versions": advisory.versions.select_related("sent_by", "approved_by")
        if sees_versions
        else [],
    }


def follow_ups(case) -> tuple[str, ...]:
    """A request on cooperation and partnership may lead to a partnership agreement (the
    agreement kind, by its registered name: kinds never import each other)."""
    advisory = getattr(case, "advisory", None)
    return ("agreement",) if advisory is not None and advisory.topic == Topic.COOPERATION else ()


def documents_visible(case, user) -> list:
    from .documents import opinion_documents_visible

    return opinion_documents_visible(case, user)


ADVISORY = CaseKind(
    name=KIND,
    label=gettext_lazy("advisory request"),
    label_plural=gettext_lazy("advisory requests"),
    flow=AdvisoryFlow,
    detail_model=AdvisoryRequest,
    detail_relation="advisory",
    detail_template="advisory/_detail.html",
    detail_context=detail_context,
    urls="casework.kinds.advisory.urls",
    create_url="casework:advisory-new",
    create_label=gettext_lazy("New advisory request"),
    edit_url="casework:advisory-edit",
    staff_attach_states=frozenset(
        {S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL, S.APPROVED, S.PUBLISHED}
    ),
    requester_attach_states=frozenset({S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO}),
    queue_columns=(
        QueueColumn(
            "advisory__topic",
            gettext_lazy("Topic"),
            lambda value: dict(Topic.choices).get(value, value),
        ),
        QueueColumn(
            "advisory__intake__requested_date",
            gettext_lazy("Needed by"),
            needed_by_display,
            column=True,
            flag=needed_by_flag,
        ),
    ),
    queue_filters=(
        QueueFilter(
            "topic",
            lambda: forms.ChoiceField(
                label=gettext_lazy("Topic"),
                required=False,
                choices=[("", gettext_lazy("All")), *Topic.choices],
            ),
            lambda value: Q(advisory__topic=value),
        ),
    ),
    notification_subjects={
        "submitted": gettext_lazy("A new request was submitted: case %(number)s"),
        "received": gettext_lazy("Receipt of request %(number)s"),
        "approval_requested": gettext_lazy("The opinion on case %(number)s awaits approval"),
        "returned": gettext_lazy("The opinion on case %(number)s was returned for changes"),
        "published": gettext_lazy("The opinion on case %(number)s was issued"),
        "withdrawn": gettext_lazy("Case %(number)s was withdrawn by the requester"),
    },
    done_messages={
        "submit": gettext_lazy("Request %(number)s was submitted."),
        "accept": gettext_lazy(
            "Request %(number)s was accepted for review; assignee: %(assignee)s."
        ),
        "decline": gettext_lazy("Request %(number)s was not accepted for review."),
        "submit_for_approval": gettext_lazy(
            "The opinion on request %(number)s was sent for approval."
        ),
        "return_for_changes": gettext_lazy(
            "The opinion on request %(number)s was returned for changes."
        ),
        "approve": gettext_lazy("The opinion on request %(number)s was approved."),
        "reject": gettext_lazy("Request %(number)s was rejected."),
        "publish": gettext_lazy("The opinion on request %(number)s was issued to the requester."),
        "publish_public": gettext_lazy(
            "The anonymised public version of the opinion on request %(number)s was issued."
        ),
        "withdraw": gettext_lazy("Request %(number)s was withdrawn."),
        "reassign": gettext_lazy("Request %(number)s has a new assignee: %(assignee)s."),
    },
    next_steps=gettext_lazy(
        "A coordinator assigns your request to an advisor, who prepares the opinion; a member "
        "of the committee approves it before it is issued to you. If the advisor needs more "
        "information, you will be asked here and by e-mail; the deadline pauses until you "
        "answer."
    ),
    expected_of_requester={
        S.APPROVED: gettext_lazy("Nothing: the opinion has been approved and will be sent to you."),
        S.PUBLISHED: gettext_lazy("Read the opinion."),
    },
    document_kinds=(OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT),
    documents_visible=documents_visible,
    version_model=OpinionVersion,
    version_issued_states=frozenset({S.PUBLISHED}),
    follow_ups=follow_ups,
)
