"""Resolutions and minutes as verifiable documents (``documents``), in Polish, public: the
register of resolutions on the portal links to them."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.registry import register_document_kind

from . import permissions as perms
from .models import Minutes, Resolution

RESOLUTION_DOCUMENT = "committee_resolution"
MINUTES_DOCUMENT = "committee_minutes"


def _resolution_context(resolution: Resolution) -> dict:
    items = list(resolution.items.select_related("case").order_by("position", "pk"))
    return {
        "resolution": resolution,
        "body": resolution.body,
        "items": items,
        "title": f"Uchwała nr {resolution.number}",
    }


def _minutes_context(minutes: Minutes) -> dict:
    meeting = minutes.meeting
    attendance = list(
        meeting.attendance.select_related("membership__user").order_by(
            "membership__user__full_name"
        )
    )
    return {
        "minutes": minutes,
        "meeting": meeting,
        "body": meeting.body,
        "attendance": attendance,
        "items": list(meeting.items.select_related("case", "resolution")),
        "resolutions": list(meeting.resolutions.order_by("seq")),
        "title": f"Protokół: {meeting.title}",
    }


def _organisers(user, source) -> bool:
    body = source.body if isinstance(source, Resolution) else source.meeting.body
    return perms.may_organise(user, body)


def register_kinds() -> None:
    register_document_kind(
        RESOLUTION_DOCUMENT,
        template="committee/documents/resolution.html",
        build_context=_resolution_context,
        label=_("committee resolution"),
        may_manage=_organisers,
        # The number alone, as other kinds' references are: the kind's label names it.
        reference=lambda r: r.number,
        file_prefix="uchwala",
    )
    register_document_kind(
        MINUTES_DOCUMENT,
        template="committee/documents/minutes.html",
        build_context=_minutes_context,
        label=_("minutes of a meeting"),
        may_manage=_organisers,
        # The meeting's day where it was held (Warsaw), not in UTC.
        reference=lambda m: f"{timezone.localdate(m.meeting.starts_at):%d.%m.%Y}",
        file_prefix="protokol",
    )
