"""The writers of casework (state changes go through ``workflows.services.transition_apply``)."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from directory.roles import organisation_ids_of, roles_of
from workflows.registry import flow_class

from .constants import DRAFT, Channel
from .models import Case, CaseComment, Notification
from .permissions import can_view
from .querysets import STAFF_ROLES

ERROR_COMMENT_NOT_ALLOWED = _("You cannot add this comment to this case.")
ERROR_NOT_YOUR_NOTIFICATION = _("This notification is not yours.")
ERROR_NOT_A_DRAFT = _("Only a draft that was never submitted can be deleted.")
ERROR_NOT_YOUR_DRAFT = _("Only the requesting organisation or the filer may delete this draft.")


class CaseworkError(Exception):
    """A refused casework write; ``message`` is translated and safe to show."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


@transaction.atomic
def case_create(
    *,
    kind: str,
    title: str,
    requesting_organisation: Organisation,
    filed_by: Any,
    channel: str = Channel.ONLINE,
    date_received: datetime.date | None = None,
    is_complex: bool = False,
) -> Case:
    """Open a draft of a kind (no number, no events yet)."""
    case = Case(
        kind=kind,
        title=title,
        requesting_organisation=requesting_organisation,
        filed_by=filed_by,
        channel=channel,
        date_received=date_received,
        is_complex=is_complex,
    )
    case.status = flow_class(kind).initial
    case.save()
    return case


@transaction.atomic
def case_draft_delete(*, case: Case, actor: Any) -> None:
    """Delete a draft that was never submitted (it has no number and no events)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != DRAFT or locked.number_seq is not None:
        raise CaseworkError(ERROR_NOT_A_DRAFT)
    if not (
        locked.requesting_organisation_id in organisation_ids_of(actor)
        or locked.filed_by_id == actor.pk
    ):
        raise CaseworkError(ERROR_NOT_YOUR_DRAFT)
    locked.delete()


@transaction.atomic
def comment_add(*, case: Case, author: Any, body: str, internal: bool) -> CaseComment:
    """Add a comment to a case the author can see; internal comments are for staff only."""
    if not can_view(author, case) or (internal and not roles_of(author) & STAFF_ROLES):
        raise CaseworkError(ERROR_COMMENT_NOT_ALLOWED)
    return CaseComment.objects.create(case=case, author=author, body=body, is_internal=internal)


def notification_mark_read(*, notification: Notification, user: Any) -> Notification:
    """Mark one of the user's notifications read."""
    if notification.recipient_id != user.pk:
        raise CaseworkError(ERROR_NOT_YOUR_NOTIFICATION)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


# Advisory requests ---------------------------------------------------------------------------

ERROR_NOT_EDITABLE = _("Only the requester can edit a draft that has not been submitted.")
ERROR_OPINION_NOT_EDITABLE = _(
    "Only the assignee can edit the opinion while the case is in review."
)
ERROR_ATTACH_NOT_ALLOWED = _("You cannot add attachments to this case now.")
ERROR_INTERNAL_ATTACHMENT = _("Only staff can add internal attachments.")
ERROR_FILING_NEEDS_DATE = _("Give the date the request was received.")
ERROR_FILING_CHANNEL = _("Staff filing on a requester's behalf must say how it arrived.")

#: States in which the requester may add (external) attachments.
REQUESTER_ATTACH_STATES = frozenset({"draft", "submitted", "in_review", "awaiting_info"})
#: States in which staff may add attachments.
STAFF_ATTACH_STATES = frozenset(
    {"submitted", "in_review", "awaiting_info", "in_approval", "approved", "published"}
)


def _is_requester_side(user: Any, case: Case) -> bool:
    return case.requesting_organisation_id in organisation_ids_of(user) or (
        case.filed_by_id == user.pk
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
    from .constants import CaseKind
    from .models import AdvisoryRequest

    on_behalf = requesting_organisation.pk not in organisation_ids_of(filed_by)
    if on_behalf:
        if channel == Channel.ONLINE:
            raise CaseworkError(ERROR_FILING_CHANNEL)
        if date_received is None:
            raise CaseworkError(ERROR_FILING_NEEDS_DATE)
    case = case_create(
        kind=CaseKind.ADVISORY,
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
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != DRAFT or not _is_requester_side(actor, locked):
        raise CaseworkError(ERROR_NOT_EDITABLE)
    locked.title = title
    locked.save(update_fields=["title", "updated_at"])
    advisory = locked.advisory
    advisory.intake = intake
    advisory.consent_to_publish = consent_to_publish
    advisory.save(update_fields=["intake", "consent_to_publish"])
    return locked


@transaction.atomic
def opinion_edit(*, case: Case, actor: Any, text: str, recommendations: str, legal_references: str):
    """The assignee drafts the opinion while the case is in review; editors are recorded."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != "in_review" or locked.assignee_id != actor.pk:
        raise CaseworkError(ERROR_OPINION_NOT_EDITABLE)
    advisory = locked.advisory
    advisory.opinion_text = text
    advisory.opinion_recommendations = recommendations
    advisory.opinion_legal_references = legal_references
    advisory.save(
        update_fields=["opinion_text", "opinion_recommendations", "opinion_legal_references"]
    )
    advisory.opinion_editors.add(actor)
    return advisory


def opinion_canonical(*, text: str, recommendations: str, legal_references: str) -> bytes:
    """The canonical serialisation the fingerprint is taken of (sorted keys, UTF-8, NFC)."""
    import json
    import unicodedata

    def norm(value: str) -> str:
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()

    return json.dumps(
        {
            "legal_references": norm(legal_references),
            "recommendations": norm(recommendations),
            "text": norm(text),
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def opinion_freeze(*, advisory, sent_by: Any):
    """Freeze the current draft as a numbered, hashed version (called by submit_for_approval
    inside its transaction); drafters are the sender and every editor of the opinion."""
    import hashlib

    from .models import OpinionVersion

    canonical = opinion_canonical(
        text=advisory.opinion_text,
        recommendations=advisory.opinion_recommendations,
        legal_references=advisory.opinion_legal_references,
    )
    version = OpinionVersion.objects.create(
        advisory=advisory,
        number=advisory.versions.count() + 1,
        text=advisory.opinion_text,
        recommendations=advisory.opinion_recommendations,
        legal_references=advisory.opinion_legal_references,
        sha256=hashlib.sha256(canonical).hexdigest(),
        sent_by=sent_by,
    )
    version.drafters.set([sent_by, *advisory.opinion_editors.all()])
    advisory.current_version = version
    advisory.save(update_fields=["current_version"])
    return version


def opinion_document_request(*, version, actor: Any, public: bool):
    """Queue the opinion PDF of an approved version (in the caller's transaction)."""
    from documents.services import document_request

    from .flows.advisory import OPINION_DOCUMENT, PUBLIC_OPINION_DOCUMENT

    kind = PUBLIC_OPINION_DOCUMENT if public else OPINION_DOCUMENT
    return document_request(
        kind=kind,
        source=version,
        actor=actor,
        key=f"{kind}:{version.pk}",
        public=public,
    )


def can_attach(user: Any, case: Case, *, internal: bool = False) -> bool:
    """May ``user`` add an attachment to ``case`` now (external, or internal for staff)?"""
    if not can_view(user, case):
        return False
    staff = bool(roles_of(user) & STAFF_ROLES)
    if staff and case.status in STAFF_ATTACH_STATES:
        return True
    if internal:
        return False
    return _is_requester_side(user, case) and case.status in REQUESTER_ATTACH_STATES


@transaction.atomic
def attachment_add(*, case: Case, uploaded_file: Any, actor: Any, visibility: str):
    """Store an inspected upload (``AttachmentField`` set ``uploaded_file.inspected``) and
    record it; if the row cannot be written, the stored file is removed again."""
    from django.core.files.storage import default_storage

    from .constants import AttachmentVisibility
    from .models import Attachment
    from .uploads import upload_store

    internal = visibility == AttachmentVisibility.INTERNAL
    if internal and not roles_of(actor) & STAFF_ROLES:
        raise CaseworkError(ERROR_INTERNAL_ATTACHMENT)
    if not can_attach(actor, case, internal=internal):
        raise CaseworkError(ERROR_ATTACH_NOT_ALLOWED)
    inspected = uploaded_file.inspected
    name = upload_store(uploaded_file=uploaded_file)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                case=case,
                storage_name=name,
                original_name=inspected.safe_name,
                size=inspected.size,
                sha256=inspected.sha256,
                content_type=inspected.content_type,
                kind=inspected.kind,
                uploaded_by=actor,
                visibility=visibility,
            )
    except Exception:
        default_storage.delete(name)
        raise
    return attachment


@transaction.atomic
def advisory_transition(
    *, case: Case, name: str, actor: Any, data: dict | None = None, files: tuple = ()
) -> Case:
    """Run a transition and add the files that came with it (e.g. an answer's attachments)
    in one transaction: a refused transition stores no file."""
    from workflows.services import transition_apply

    from .constants import AttachmentVisibility

    updated = transition_apply(case=case, name=name, actor=actor, data=data)
    stored = []
    try:
        for uploaded in files:
            stored.append(
                attachment_add(
                    case=updated,
                    uploaded_file=uploaded,
                    actor=actor,
                    visibility=AttachmentVisibility.EXTERNAL,
                )
            )
    except Exception:
        from django.core.files.storage import default_storage

        for attachment in stored:
            default_storage.delete(attachment.storage_name)
        raise
    return updated
