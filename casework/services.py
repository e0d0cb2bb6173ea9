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
