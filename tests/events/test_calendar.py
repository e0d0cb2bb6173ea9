"""iCalendar files and the feed parse with icalendar, with Europe/Warsaw times right on both
sides of a change between summer and winter time."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from .conftest import make_event

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
# Summer time ends on 25 October 2026 and begins on 28 March 2027.
SUMMER = datetime.datetime(2026, 10, 24, 10, 0, tzinfo=WARSAW)
WINTER = datetime.datetime(2026, 10, 26, 10, 0, tzinfo=WARSAW)
SPRING = datetime.datetime(2027, 3, 29, 10, 0, tzinfo=WARSAW)


@pytest.fixture
def cycle(db):
    return make_event(sessions=[(SUMMER, None), (WINTER, None), (SPRING, None)])


def _starts(ics: bytes) -> list[datetime.datetime]:
    cal = Calendar.from_ical(ics)
    assert any(c.name == "VTIMEZONE" and str(c["TZID"]) == "Europe/Warsaw" for c in cal.walk())
    return sorted(c.decoded("dtstart") for c in cal.walk("VEVENT"))


def test_event_file_keeps_local_hours_across_dst(client, cycle):
    response = client.get(reverse("events:ics", args=[cycle.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    starts = _starts(response.content)
    assert starts == [SUMMER, WINTER, SPRING]
    assert [s.astimezone(WARSAW).hour for s in starts] == [10, 10, 10]
    assert [s.utcoffset() for s in starts] == [
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    ]


def test_feed_parses_and_holds_every_session(client, cycle):
    make_event(title="Targi")
    starts = _starts(client.get(reverse("events:feed")).content)
    assert len(starts) == 4
    assert SUMMER in starts
    assert WINTER in starts
