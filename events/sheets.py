"""The attendance sheet (lista obecności) of one session as a PDF document: the confirmed
participants with a column to sign on paper, rendered in the background like every document."""

from django.utils.translation import gettext_lazy as _

from documents.registry import register_document_kind
from documents.services import document_request

from .constants import RegistrationStatus
from .models import Event

ATTENDANCE_SHEET = "event_attendance_sheet"


def _context(session) -> dict:
    event = session.event
    participants = event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by(
        "name", "pk"
    )
    return {
        "event": event,
        "session": session,
        "participants": [(n, r) for n, r in enumerate(participants, start=1)],
        "title": f"Lista obecności: {event.title}",
    }


def _organisers(user, session) -> bool:
    return Event.objects.managed_by(user).filter(pk=session.event_id).exists()


def register_kinds() -> None:
    register_document_kind(
        ATTENDANCE_SHEET,
        template="events/attendance_sheet.html",
        build_context=_context,
        label=_("attendance sheet"),
        may_manage=_organisers,
    )


def attendance_sheet_request(session, actor):
    """Queue a new version of the session's sheet (the list as it is now)."""
    return document_request(kind=ATTENDANCE_SHEET, source=session, actor=actor)
