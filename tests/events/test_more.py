"""Reminders, the month view, check-in by the QR code and the attendance sheet."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from documents.services import document_render
from events.constants import EventKind, Module
from events.links import registration_token
from events.models import Attendance
from events.services import confirm, register, reminders_send
from events.sheets import ATTENDANCE_SHEET
from tests.documents.conftest import pdf_text
from workflows.outbox import outbox_rehand

from .conftest import make_event, person

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_reminders_go_once_to_confirmed_participants_shortly_before(rops):
    soon = make_event(
        organiser=rops, sessions=[(timezone.now() + datetime.timedelta(hours=30), None)]
    )
    later = make_event(
        organiser=rops, sessions=[(timezone.now() + datetime.timedelta(days=9), None)]
    )
    confirmed = confirm(register(soon, data=person(1)))
    register(soon, data=person(2))  # pending: no reminder
    confirm(register(later, data=person(3)))
    assert reminders_send() == 1
    assert reminders_send() == 0
    mail.outbox.clear()
    outbox_rehand()
    reminders = [m for m in mail.outbox if "Przypomnienie" in m.subject]
    assert [m.to for m in reminders] == [[confirmed.email]]


def test_the_month_view_lists_sessions_on_their_local_day_and_filters(client):
    late = datetime.datetime(2027, 1, 15, 23, 30, tzinfo=WARSAW)  # 22:30 UTC
    make_event(
        title="Warsztat A", kind=EventKind.WORKSHOP, module=Module.CLAUSES, sessions=[(late, None)]
    )
    make_event(title="Targi B", kind=EventKind.FAIR, sessions=[(late, None)])
    page = client.get(reverse("events:month"), {"m": "2027-01"}).content.decode()
    assert "Warsztat A" in page
    assert "Targi B" in page
    filtered = client.get(reverse("events:month"), {"m": "2027-01", "module": "1"}).content.decode()
    assert "Warsztat A" in filtered
    assert "Targi B" not in filtered
    for bad in ("2027-13", "x", "99999-01", ""):
        assert client.get(reverse("events:month"), {"m": bad}).status_code == 200


@pytest.mark.parametrize(("who", "status"), [("advisor", 200), ("municipality_user", 404)])
def test_check_in_by_the_qr_code_only_for_organisers(client, request, rops, who, status):
    event = make_event(organiser=rops)
    reg = confirm(register(event, data=person(1)))
    url = reverse("events:check-in-code", args=[registration_token(reg, "checkin")])
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == status
    response = client.post(url, {"session": event.sessions.get().pk})
    assert response.status_code == (302 if status == 200 else 404)
    assert Attendance.objects.filter(registration=reg).exists() == (status == 200)


def test_a_confirm_token_does_not_open_the_check_in(client, rops, advisor):
    reg = confirm(register(make_event(organiser=rops), data=person(1)))
    client.force_login(advisor)
    url = reverse("events:check-in-code", args=[registration_token(reg, "confirm")])
    assert client.get(url).status_code == 404


def test_the_confirmation_email_carries_the_qr_and_the_calendar(rops):
    confirm(register(make_event(organiser=rops), data=person(1)))
    outbox_rehand()
    confirmed = next(m for m in mail.outbox if m.attachments and len(m.attachments) == 2)
    assert {a[0] for a in confirmed.attachments} == {"wydarzenie.ics", "kod-obecnosci.png"}
    assert confirmed.attachments[1][1][:8] == b"\x89PNG\r\n\x1a\n"


def test_the_attendance_sheet_lists_confirmed_participants(client, rops, advisor):
    event = make_event(organiser=rops)
    confirm(register(event, data=person(1)))
    register(event, data=person(2))  # pending: not on the sheet
    client.force_login(advisor)
    response = client.post(
        reverse("events:attendance-sheet", args=[event.pk]), {"session": event.sessions.get().pk}
    )
    document = Document.objects.get(kind=ATTENDANCE_SHEET)
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    document_render(document_id=document.pk)
    document.refresh_from_db()
    text = pdf_text(document.file.read())
    assert "Uczestnik Numer1" in text
    assert "Uczestnik Numer2" not in text


@pytest.mark.parametrize("who", ["municipality_user", "committee_member"])
def test_others_cannot_ask_for_the_sheet(client, request, rops, who):
    event = make_event(organiser=rops)
    client.force_login(request.getfixturevalue(who))
    url = reverse("events:attendance-sheet", args=[event.pk])
    assert client.post(url, {"session": event.sessions.get().pk}).status_code == 404
    assert not Document.objects.exists()
