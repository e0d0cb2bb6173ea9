"""The writers of casework. State changes go through ``workflows.services.transition_apply``
(here: ``case_transition``, which adds the files that come with a transition); a refused
write raises ``TransitionRefused``, the one refusal type, whose message is safe to show."""

import datetime
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organisation
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from . import permissions
from .constants import DRAFT, AttachmentVisibility, Channel
from .models import Attachment, Case, CaseComment, Notification
from .registry import get_kind, kind_of
from .uploads import upload_store

ERROR_COMMENT_NOT_ALLOWED = _("You cannot add this comment to this case.")
ERROR_NOT_YOUR_NOTIFICATION = _("This notification is not yours.")
ERROR_NOT_A_DRAFT = _("Only a draft that was never submitted can be deleted.")
ERROR_NOT_YOUR_DRAFT = _("Only the requesting organisation or the filer may delete this draft.")
ERROR_NOT_EDITABLE = _("Only the requester can edit a draft that has not been submitted.")
ERROR_ATTACH_NOT_ALLOWED = _("You cannot add attachments to this case now.")
ERROR_INTERNAL_ATTACHMENT = _("Only staff can add internal attachments.")


def refuse(message, code: str = RefusalCode.FORBIDDEN) -> TransitionRefused:
    return TransitionRefused(code, message)


def case_locked(case: Case, refusal) -> Case:
    """Re-read the case locked; one deleted meanwhile (another tab) is a refusal, not a 500."""
    try:
        return Case.objects.select_for_update().get(pk=case.pk)
    except Case.DoesNotExist:
        raise refuse(refusal, RefusalCode.CONFLICT) from None


@transaction.atomic
def filing_check(
    *,
    filed_by: Any,
    requesting_organisation: Organisation,
    channel: str,
    date_received: datetime.date | None,
    channel_error,
    date_error,
) -> None:
    """Someone filing for an organisation they are not a member of (staff, on its behalf)
    says how the case arrived (not online) and when; each kind words the refusals with its
    own noun (``channel_error``, ``date_error``)."""
    filed_for = Case(requesting_organisation=requesting_organisation)
    if permissions.holds(permissions.REQUESTING_ORGANISATION, filed_by, filed_for):
        return
    if channel == Channel.ONLINE:
        raise refuse(channel_error, RefusalCode.INVALID)
    if date_received is None:
        raise refuse(date_error, RefusalCode.INVALID)


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
    case.status = get_kind(kind).flow.initial
    case.save()
    return case


def may_edit_draft(user: Any, case: Case) -> bool:
    """The requesting side may edit (and delete) a draft that was never submitted."""
    return (
        case.status == DRAFT
        and case.number_seq is None
        and permissions.holds(permissions.REQUESTER_SIDE, user, case)
    )


@transaction.atomic
def case_draft_update(*, case: Case, actor: Any, title: str) -> Case:
    """Save a draft's title (the requesting side only); a kind saves its details after."""
    locked = case_locked(case, ERROR_NOT_EDITABLE)
    if not may_edit_draft(actor, locked):
        raise refuse(ERROR_NOT_EDITABLE)
    locked.title = title
    locked.save(update_fields=["title", "updated_at"])
    return locked


@transaction.atomic
def case_draft_delete(*, case: Case, actor: Any) -> None:
    """Delete a draft that was never submitted (it has no number and no events)."""
    locked = case_locked(case, ERROR_NOT_A_DRAFT)
    if locked.status != DRAFT or locked.number_seq is not None:
        raise refuse(ERROR_NOT_A_DRAFT)
    if not permissions.holds(permissions.REQUESTER_SIDE, actor, locked):
        raise refuse(ERROR_NOT_YOUR_DRAFT)
    locked.delete()


@transaction.atomic
def comment_add(*, case: Case, author: Any, body: str, internal: bool) -> CaseComment:
    """Add a comment to a case the author can see; internal comments are for staff only."""
    if not permissions.can_view(author, case) or (
        internal and not permissions.sees_internal(author)
    ):
        raise refuse(ERROR_COMMENT_NOT_ALLOWED)
    return CaseComment.objects.create(case=case, author=author, body=body, is_internal=internal)


def notification_mark_read(*, notification: Notification, user: Any) -> Notification:
    """Mark one of the user's notifications read."""
    if notification.recipient_id != user.pk:
        raise refuse(ERROR_NOT_YOUR_NOTIFICATION)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def can_attach(user: Any, case: Case, *, internal: bool = False) -> bool:
    """May ``user`` add an attachment to ``case`` now (external, or internal for staff)?

    Staff add files in their kind's ``staff_attach_states``; the requesting side (external
    files only) in its ``requester_attach_states``."""
    if not permissions.can_view(user, case):
        return False
    kind = kind_of(case)
    if kind is None:
        return False
    if permissions.sees_internal(user) and case.status in kind.staff_attach_states:
        return True
    if internal:
        return False
    return (
        permissions.holds(permissions.REQUESTER_SIDE, user, case)
        and case.status in kind.requester_attach_states
    )


@transaction.atomic
def attachment_add(*, case: Case, uploaded_file: Any, actor: Any, visibility: str) -> Attachment:
    """Store an inspected upload (``AttachmentField`` set ``uploaded_file.inspected``) and
    record it; if the row cannot be written, the stored file is removed again."""
    internal = visibility == AttachmentVisibility.INTERNAL
    if internal and not permissions.sees_internal(actor):
        raise refuse(ERROR_INTERNAL_ATTACHMENT)
    if not can_attach(actor, case, internal=internal):
        raise refuse(ERROR_ATTACH_NOT_ALLOWED)
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
def case_transition(
    *,
    case: Case,
    name: str,
    actor: Any,
    expected_status: str,
    data: dict | None = None,
    files: tuple = (),
) -> Case:
    """Run a transition and add the files that came with it (e.g. an answer's attachments)
    in one transaction: a refused transition stores no file."""
    updated = transition_apply(
        case=case, name=name, actor=actor, data=data, expected_status=expected_status
    )
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
        for attachment in stored:
            default_storage.delete(attachment.storage_name)
        raise
    return updated
