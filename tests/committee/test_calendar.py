"""Invitations carry the meeting as iCalendar in Europe/Warsaw time, right across the change
from summer to winter time (issue 17, must-hold 5)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from committee.calendar import meeting_calendar
from committee.services import meeting_schedule
from workflows.outbox import outbox_rehand

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def meeting_at(body, secretary, start):
    return meeting_schedule(
        body=body,
        actor=secretary,
        title="Posiedzenie jesienne",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="ROPS Kielce",
        online_url="https://meet.example.pl/rkres",
    )


@pytest.mark.parametrize(
    ("local", "utc_hour"),
    [
        # Saturday 24 October 2026, summer time (UTC+2), and Sunday 25 October, the last
        # Sunday of October, after the change at 03:00 (UTC+1): 10:00 local both days.
        ((2026, 10, 24, 10, 0), 8),
        ((2026, 10, 25, 10, 0), 9),
        # The very morning of the change: 01:30 is still summer time, 04:00 winter time.
        ((2026, 10, 25, 1, 30), 23),
        ((2026, 10, 25, 4, 0), 3),
    ],
)
def test_the_file_parses_and_keeps_the_warsaw_hour(body, seated, local, utc_hour):
    start = datetime.datetime(*local, tzinfo=WARSAW)
    meeting = meeting_at(body, seated["secretary"], start)
    cal = Calendar.from_ical(meeting_calendar(meeting))
    (event,) = cal.walk("VEVENT")
    dtstart = event.decoded("dtstart")
    assert dtstart.tzinfo is not None
    assert str(event["dtstart"].params["TZID"]) == "Europe/Warsaw"
    assert dtstart.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert dtstart.astimezone(datetime.UTC).hour == utc_hour
    assert event.decoded("dtend") - dtstart == datetime.timedelta(hours=2)
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Warsaw"
    # The zone carries both its summer and its winter rules (offsets +2 and +1).
    offsets = {sub.decoded("tzoffsetto") for sub in vtimezone.subcomponents}
    assert offsets == {datetime.timedelta(hours=2), datetime.timedelta(hours=1)}
    assert "meet.example.pl" in str(event["location"])


def test_the_invitation_e_mail_attaches_the_file(body, seated):
    start = datetime.datetime(2026, 10, 25, 10, 0, tzinfo=WARSAW)
    meeting = meeting_at(body, seated["secretary"], start)
    outbox_rehand(now=timezone.now() + datetime.timedelta(days=1))
    invitations = [m for m in mail.outbox if m.attachments]
    assert len(invitations) == body.organisation.memberships.count()
    name, content, mimetype = invitations[0].attachments[0]
    assert (name, mimetype) == ("posiedzenie.ics", "text/calendar")
    assert Calendar.from_ical(content).walk("VEVENT")[0].decoded("dtstart") == start
    assert meeting.title in invitations[0].body


def test_the_file_is_for_members_only(client, body, seated, advisor):
    start = datetime.datetime(2026, 10, 25, 10, 0, tzinfo=WARSAW)
    meeting = meeting_at(body, seated["secretary"], start)
    url = reverse("committee:meeting-ics", args=[meeting.pk])
    client.force_login(advisor)
    assert client.get(url).status_code == 404
    client.force_login(seated["members"][0])
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert Calendar.from_ical(response.content).walk("VEVENT")[0].decoded("dtstart") == start
