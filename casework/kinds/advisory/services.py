"""The writers of the advisory kind: opening a request, its draft, the opinion's draft, its
frozen versions and its documents. State changes go through ``casework.services``."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from casework.constants import Channel
from casework.models import Case
from casework.services import case_create, case_draft_update, case_locked, filing_check, refuse
from casework.versions import version_freeze
from directory.models import Organisation

from .constants import KIND, OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT
from .constants import AdvisoryStatus as S
from .models import AdvisoryRequest, OpinionVersion

ERROR_FILING_NEEDS_DATE = _("Give the date the request was received.")
ERROR_FILING_CHANNEL = _("Staff filing on a requester's behalf must say how it arrived.")
ERROR_OPINION_NOT_EDITABLE = _(
    "Only the assignee can edit the opinion while the case is in review."
)


@transaction.atomic
def advisory_create(
    *,
    requesting_organisation: Organisation,
    topic: str,
    title: str,
    filed_by: Any,
    channel: str = Channel.ONLINE,
    date_received: datetime.date | None = None,
    intake: dict | None = None,
    consent_to_publish: bool = False,
) -> Case:
    """Open an advisory draft; staff filing on a gmina's behalf give the channel and date."""
    filing_check(
        filed_by=filed_by, requesting_organisation=requesting_organisation, channel=channel,
        date_received=date_received, channel_error=ERROR_FILING_CHANNEL,
        date_error=ERROR_FILING_NEEDS_DATE,
    )  # fmt: skip
    case = case_create(
        kind=KIND,
        title=title,
        requesting_organisation=requesting_organisation,
        filed_by=filed_by,
        channel=channel,
        date_received=date_received,
    )
    AdvisoryRequest.objects.create(
        case=case,
        topic=topic,
        intake=intake or {},
        consent_to_publish=consent_to_publish,
    )
    return case


@transaction.atomic
def advisory_draft_update(
    *, case: Case, actor: Any, title: str, intake: dict, consent_to_publish: bool
) -> Case:
    """Save the intake answers of a draft (the requester side only)."""
    locked = case_draft_update(case=case, actor=actor, title=title)
    advisory = locked.advisory
    advisory.intake = intake
    advisory.consent_to_publish = consent_to_publish
    advisory.save(update_fields=["intake", "consent_to_publish"])
    return locked


def may_edit_opinion(user: Any, case: Case) -> bool:
    """The assignee drafts the opinion while the case is in review."""
    return (
        case.status == S.IN_REVIEW
        and case.assignee_id is not None
        and (case.assignee_id == user.pk)
    )


@transaction.atomic
def opinion_edit(
    *,
    case: Case,
    actor: Any,
    text: str,
    recommendations: str,
    legal_references: str,
    clauses: list[dict] | None = None,
    insert_clause_types=(),
):
    """The assignee drafts the opinion while the case is in review; editors are recorded.

    ``clauses`` (the edited draft clauses) replaces the stored list when given; then the
    current templates of ``insert_clause_types`` are appended (``clauses.clauses_insert``)."""
    from .clauses import clauses_insert

    locked = case_locked(case, ERROR_OPINION_NOT_EDITABLE)
    if not may_edit_opinion(actor, locked):
        raise refuse(ERROR_OPINION_NOT_EDITABLE)
    advisory = locked.advisory
    advisory.opinion_text = text
    advisory.opinion_recommendations = recommendations
    advisory.opinion_legal_references = legal_references
    if clauses is not None:
        advisory.opinion_clauses = clauses
    if insert_clause_types:
        advisory.opinion_clauses, _added = clauses_insert(
            locked, advisory.opinion_clauses or [], insert_clause_types
        )
    advisory.save(
        update_fields=[
            "opinion_text",
            "opinion_recommendations",
            "opinion_legal_references",
            "opinion_clauses",
        ]
    )
    advisory.opinion_editors.add(actor)
    return advisory


def opinion_canonical(
    *, text: str, recommendations: str, legal_references: str, clauses: list | None = None
) -> bytes:
    """The canonical serialisation the opinion's fingerprint is taken of."""
    return OpinionVersion.canonical_of(
        {
            "text": text,
            "recommendations": recommendations,
            "legal_references": legal_references,
            "clauses": clauses or [],
        }
    )


def opinion_freeze(*, advisory: AdvisoryRequest, sent_by: Any) -> OpinionVersion:
    """Freeze the current draft as a numbered, hashed version (called by submit_for_approval
    inside its transaction); drafters are the sender and every editor of the opinion."""
    version = version_freeze(
        owner=advisory,
        model=OpinionVersion,
        sent_by=sent_by,
        editors=list(advisory.opinion_editors.all()),
        text=advisory.opinion_text,
        recommendations=advisory.opinion_recommendations,
        legal_references=advisory.opinion_legal_references,
        # A copy of the texts: later edits of the draft or of a template change nothing here.
        clauses=[dict(clause) for clause in advisory.opinion_clauses or []],
    )
    advisory.current_version = version
    advisory.save(update_fields=["current_version"])
    return version


def opinion_document_request(*, version: OpinionVersion, actor: Any, public: bool):
    """Queue the opinion PDF of an approved version (in the caller's transaction)."""
    from documents.services import document_request

    kind = PUBLIC_OPINION_DOCUMENT if public else OPINION_DOCUMENT
    return document_request(
        kind=kind,
        source=version,
        actor=actor,
        key=f"{kind}:{version.pk}",
        public=public,
    )
