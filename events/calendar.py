"""Events as iCalendar (RFC 5545): one file per event (attached to the confirmation e-mail)
and the public feed. Times are written in Europe/Warsaw with its VTIMEZONE, so calendars
show the right hour on both sides of a change between summer and winter time."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//esflow//events//PL"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _location(event) -> str:
    parts = [event.address, str(event.gmina) if event.gmina_id else "", event.online_url]
    return ", ".join(p for p in parts if p)


def _vevents(event, base_url: str):
    tz = timezone.get_default_timezone()
    url = f"{base_url}/wydarzenia/{event.pk}/"
    for session in event.sessions.all():
        ve = VEvent()
        ve.add("uid", f"event-{event.pk}-session-{session.pk}@esflow")
        ve.add("summary", f"{event.title} \u2013 {session.title}" if session.title else event.title)
        ve.add("dtstart", session.starts_at.astimezone(tz))
        ve.add("dtend", session.ends_at.astimezone(tz))
        ve.add("dtstamp", timezone.now())
        if location := _location(event):
            ve.add("location", location)
        ve.add("url", url)
        if event.description:
            ve.add("description", event.description)
        yield ve


def event_calendar(event) -> bytes:
    cal = _calendar(event.title)
    for ve in _vevents(event, settings.ESFLOW_BASE_URL.rstrip("/")):
        cal.add_component(ve)
    cal.add_missing_timezones()
    return cal.to_ical()


def events_feed(events, name: str) -> bytes:
    cal = _calendar(name)
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    for event in events:
        for ve in _vevents(event, base):
            cal.add_component(ve)
    cal.add_missing_timezones()
    return cal.to_ical()
