"""The advisory kind as the case-kind registry knows it (registered in ``apps.py``)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.registry import CaseKind, QueueColumn, QueueFilter
from directory.constants import Role
from directory.roles import is_coordinator, is_staff, roles_of

from .clauses import suggest_clause_types
from .constants import KIND, OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT
from .constants import AdvisoryStatus as S
from .flow import AdvisoryFlow
from .forms import ClauseInsertForm, OpinionForm, clause_formset
from .intake.constants import Topic
from .intake.topics import intake_form
from .models import AdvisoryRequest, OpinionVersion
from .services import may_edit_opinion


def intake_rows(advisory) -> list[tuple[str, str]]:
    """The intake answers as (label, shown value) pairs, in the form's order."""
    form = intake_form(advisory.topic, intake=advisory.intake)
    rows = []
    for name, field in form.fields.items():
        value = advisory.intake.get(name)
        if value in (None, "", []):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(v, v)) for v in value)
        elif isinstance(value, bool):
            shown = _("yes") if value else _("no")
        else:
            shown = str(choices.get(value, value))
        rows.append((field.label, shown))
    return rows


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
        "approval_requested": gettext_lazy("The opinion on case %(number)s awaits approval"),
        "returned": gettext_lazy("The opinion on case %(number)s was returned for changes"),
        "published": gettext_lazy("The opinion on case %(number)s was issued"),
        "withdrawn": gettext_lazy("Case %(number)s was withdrawn by the requester"),
    },
    expected_of_requester={
        S.APPROVED: gettext_lazy("Nothing: the opinion has been approved and will be sent to you."),
        S.PUBLISHED: gettext_lazy("Read the opinion."),
    },
    document_kinds=(OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT),
    documents_visible=documents_visible,
    version_model=OpinionVersion,
    version_issued_states=frozenset({S.PUBLISHED}),
)
