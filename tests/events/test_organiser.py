"""The organiser's pages: who may (deny by default, 404 for events one does not organise),
check-in per session, the list as CSV/XLSX, and retention."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from directory.constants import MembershipRole
from events.certificates import certificates_issue
from events.constants import RegistrationStatus as S
from events.models import Attendance, Registration
from events.services import confirm, participants_erase_expired, register
from tests.accounts.test_personal_data import all_text_in_database
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_event(rops):
    return make_event(organiser=rops)


@pytest.fixture
def other_advisor(db):
    return MembershipFactory(
        organisation=OrganisationFactory(kind="owes"), role=MembershipRole.ADVISOR
    ).user


def _urls(event, reg):
    return [
        ("get", reverse("events:participants", args=[event.pk])),
        ("get", reverse("events:participants-export", args=[event.pk, "csv"])),
        ("get", reverse("events:participants-export", args=[event.pk, "xlsx"])),
        ("post", reverse("events:check-in", args=[event.pk, reg.pk])),
    ]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("advisor", 200),  # staff of the organising ROPS
        ("coordinator", 200),
        ("other_advisor", 404),  # staff of another organisation
        ("municipality_user", 404),
        ("committee_member", 404),
    ],
)
def test_only_the_organisers_staff_and_coordinators_may(client, request, org_event, who, expected):
    reg = register(org_event, data=person(1))
    confirm(reg)
    client.force_login(request.getfixturevalue(who))
    for method, url in _urls(org_event, reg):
        data = {"session": org_event.sessions.get().pk} if method == "post" else None
        status = getattr(client, method)(url, data).status_code
        assert status == (302 if method == "post" and expected == 200 else expected), url
    assert Attendance.objects.exists() == (expected == 200)


def test_anonymous_is_sent_to_sign_in(client, org_event):
    reg = register(org_event, data=person(1))
    for method, url in _urls(org_event, reg):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_the_organisers_list_shows_only_their_events(client, advisor, org_event):
    make_event(title="Cudze wydarzenie")
    client.force_login(advisor)
    text = client.get(reverse("events:organiser")).content.decode()
    assert org_event.title in text
    assert "Cudze wydarzenie" not in text


def test_check_in_only_confirmed_and_once(client, advisor, org_event):
    confirmed = confirm(register(org_event, data=person(1)))
    pending = register(org_event, data=person(2))
    session = org_event.sessions.get()
    client.force_login(advisor)
    for reg in (confirmed, confirmed, pending):
        client.post(
            reverse("events:check-in", args=[org_event.pk, reg.pk]), {"session": session.pk}
        )
    assert list(Attendance.objects.values_list("registration_id", flat=True)) == [confirmed.pk]
    client.post(
        reverse("events:check-in", args=[org_event.pk, confirmed.pk]),
        {"session": session.pk, "undo": "1"},
    )
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("session", ["", "x", "99999999999999999999999", "0"])
def test_check_in_with_a_bad_session_is_refused_with_a_message(client, advisor, org_event, session):
    reg = confirm(register(org_event, data=person(1)))
    client.force_login(advisor)
    response = client.post(
        reverse("events:check-in", args=[org_event.pk, reg.pk]), {"session": session}, follow=True
    )
    assert response.status_code == 200
    assert "Wybierz termin tego wydarzenia." in response.content.decode()
    assert not Attendance.objects.exists()


def test_exports_open_as_a_polish_spreadsheet_expects(client, advisor, org_event):
    reg = confirm(register(org_event, data=person(1, institution="=HYPERLINK(1)")))
    Attendance.objects.create(
        registration=reg, session=org_event.sessions.get(), checked_in_by=advisor
    )
    client.force_login(advisor)
    raw = client.get(reverse("events:participants-export", args=[org_event.pk, "csv"])).content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Lp.", "Imię i nazwisko", "E-mail"]
    assert rows[1][1] == "Uczestnik Numer1"
    assert rows[1][3] == "'=HYPERLINK(1)"
    assert rows[1][-1] == "tak"
    xlsx = client.get(reverse("events:participants-export", args=[org_event.pk, "xlsx"])).content
    ws = load_workbook(io.BytesIO(xlsx)).active
    assert ws["A2"].data_type == "n"
    assert ws["D2"].data_type == "s"
    assert ws["D2"].value == "=HYPERLINK(1)"
    assert ws["G2"].is_date


def test_unknown_export_format_is_404(client, advisor, org_event):
    client.force_login(advisor)
    url = reverse("events:participants-export", args=[org_event.pk, "pdfx"])
    assert client.get(url).status_code == 404


def test_retention_erases_every_personal_field_and_keeps_the_counts(org_event, advisor):
    regs = [
        register(org_event, data=person(i, accessibility_needs=f"potrzeba{i}")) for i in range(4)
    ]
    confirm(regs[0])
    Attendance.objects.create(
        registration=regs[0], session=org_event.sessions.get(), checked_in_by=advisor
    )
    certificates_issue(org_event, advisor)  # the certificate names the participant too
    before = sorted(Registration.objects.values_list("status", "audience"))
    assert participants_erase_expired() == 0  # not yet
    later = timezone.now() + datetime.timedelta(days=400)
    assert participants_erase_expired(later) == 1
    assert participants_erase_expired(later) == 0  # idempotent
    leftovers = [
        (table, col)
        for table, col, value in all_text_in_database()
        for i in range(4)
        if f"Numer{i}" in value or f"uczestnik{i}@" in value or f"potrzeba{i}" in value
    ]
    assert leftovers == []
    assert sorted(Registration.objects.values_list("status", "audience")) == before
    assert Attendance.objects.count() == 1
    assert Registration.objects.filter(status=S.CONFIRMED).count() == 1
