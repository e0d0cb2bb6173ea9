"""Certificates: only for those present at every session, the cycle certificate only after
workshops of all four modules, both verifiable; the participant's signed link; who may issue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from documents.services import document_render, document_verify_code
from events.certificates import (
    ATTENDANCE_DOCUMENT,
    CYCLE_DOCUMENT,
    certificate_document,
    certificates_issue,
)
from events.constants import EventKind, Module
from events.links import certificate_token
from events.models import Attendance, Certificate, CertificateKind
from events.services import confirm, register
from tests.documents.conftest import pdf_text

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def attend(reg, actor, sessions=None):
    for session in sessions or reg.event.sessions.all():
        Attendance.objects.create(registration=reg, session=session, checked_in_by=actor)


def test_only_those_present_get_a_certificate_and_only_once(advisor, rops):
    event = make_event(organiser=rops, capacity=5)
    regs = [confirm(register(event, data=person(i))) for i in range(3)]
    attend(regs[0], advisor)
    attend(regs[2], advisor)
    assert certificates_issue(event, advisor) == 2
    assert certificates_issue(event, advisor) == 0
    certified = set(Certificate.objects.values_list("registration_id", flat=True))
    assert certified == {regs[0].pk, regs[2].pk}


def test_present_at_one_of_two_sessions_is_not_enough(advisor, rops):
    start = timezone.now() + datetime.timedelta(days=3)
    event = make_event(
        organiser=rops, sessions=[(start, None), (start + datetime.timedelta(days=1), None)]
    )
    reg = confirm(register(event, data=person(1)))
    attend(reg, advisor, sessions=[event.sessions.first()])
    assert certificates_issue(event, advisor) == 0
    attend(reg, advisor, sessions=[event.sessions.last()])
    assert certificates_issue(event, advisor) == 1


def test_the_cycle_certificate_only_after_all_four_modules(advisor, rops):
    for module in Module.values:
        workshop = make_event(
            organiser=rops, kind=EventKind.WORKSHOP, module=module, title=f"Moduł {module}"
        )
        reg = confirm(register(workshop, data=person(1)))
        other = (
            confirm(register(workshop, data=person(2))) if module != Module.LOCAL_PLANS else None
        )
        attend(reg, advisor)
        if other:
            attend(other, advisor)
        certificates_issue(workshop, advisor)
        cycles = Certificate.objects.filter(kind=CertificateKind.CYCLE)
        if module != Module.LOCAL_PLANS:
            assert not cycles.exists()
    assert list(cycles.values_list("email", flat=True)) == ["uczestnik1@example.pl"]
    assert Document.objects.filter(kind=CYCLE_DOCUMENT).count() == 1
    assert Document.objects.filter(kind=ATTENDANCE_DOCUMENT).count() == 7


def test_both_certificates_verify_and_name_the_participant(advisor, rops):
    for module in Module.values:
        workshop = make_event(organiser=rops, kind=EventKind.WORKSHOP, module=module)
        attend(confirm(register(workshop, data=person(1))), advisor)
        certificates_issue(workshop, advisor)
    for kind in (ATTENDANCE_DOCUMENT, CYCLE_DOCUMENT):
        document = Document.objects.filter(kind=kind).first()
        document_render(document_id=document.pk)
        document.refresh_from_db()
        assert document.is_ready
        verified = document_verify_code(code=document.verification_code)
        assert verified.document == document
        text = pdf_text(document.file.read())
        assert "Uczestnik Numer1" in text
        assert document.number in text


def test_the_signed_link_gives_the_pdf_once_ready(client, advisor, rops):
    event = make_event(organiser=rops)
    reg = confirm(register(event, data=person(1)))
    attend(reg, advisor)
    certificates_issue(event, advisor)
    certificate = Certificate.objects.get()
    url = reverse("events:certificate", args=[certificate_token(certificate)])
    pending = client.get(url)
    assert pending.status_code == 200
    assert "przygotowywane" in pending.content.decode()
    document_render(document_id=certificate_document(certificate).pk)
    ready = client.get(url)
    assert ready["Content-Type"] == "application/pdf"
    assert client.get(reverse("events:certificate", args=["zly-token"])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("advisor", 302), ("municipality_user", 404)])
def test_only_organisers_issue_certificates(client, request, rops, advisor, who, status):
    event = make_event(organiser=rops)
    attend(confirm(register(event, data=person(1))), advisor)
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("events:certificates", args=[event.pk])).status_code == status
    assert Certificate.objects.exists() == (status == 302)


def test_the_document_page_follows_the_certificate_rule(client, rops, advisor, municipality_user):
    event = make_event(organiser=rops)
    attend(confirm(register(event, data=person(1))), advisor)
    certificates_issue(event, advisor)
    document = Document.objects.get()
    client.force_login(municipality_user)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    client.force_login(advisor)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
