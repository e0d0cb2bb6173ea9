"""A meeting as an iCalendar file (RFC 5545), attached to the invitation.

Times are written in Europe/Warsaw with its VTIMEZONE (``add_missing_timezones``), as the
events' files are, so a calendar shows the right hour on both sides of the change between
summer and winter time (a meeting on the last Sunday of October keeps its local hour).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//esflow//committee//PL"


def meeting_calendar(meeting) -> bytes:
    tz = timezone.get_default_timezone()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    ve = VEvent()
    ve.add("uid", f"committee-meeting-{meeting.pk}@esflow")
    ve.add("summary", f"{meeting.body.name}: {meeting.title}")
    ve.add("dtstart", meeting.starts_at.astimezone(tz))
    ve.add("dtend", meeting.ends_at.astimezone(tz))
    ve.add("dtstamp", timezone.now())
    if location := ", ".join(p for p in (meeting.place, meeting.online_url) if p):
        ve.add("location", location)
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    ve.add("url", base + reverse("committee:meeting", args=[meeting.pk]))
    cal.add_component(ve)
    cal.add_missing_timezones()
    return cal.to_ical()
