"""Must-hold 2 end to end: a meeting with two opinions and a good practice decided by
resolutions, the cases moved by the system actor, the resolutions and minutes as verifiable
PDFs, and the public pages (bodies, members and institutions, the register)."""

import datetime

import pytest
from django.urls import reverse

from committee.models import Body, Resolution
from committee.public import minutes_document, resolution_document
from committee.services import (
    attendance_record,
    item_decide,
    meeting_schedule,
    minutes_approve,
    minutes_save,
    resolution_adopt,
    vote_record,
)
from directory.constants import OrganisationKind
from documents.models import Document
from documents.services import document_render, document_verify_code
from tests.documents.conftest import pdf_text
from tests.factories import MembershipFactory, OrganisationFactory
from workflows.actors import is_system

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)


def render_all():
    for document in Document.objects.filter(status="pending"):
        document_render(document_id=document.pk)


def test_meeting_to_public_register(client, body, seated, three_cases):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    university = OrganisationFactory(
        kind=OrganisationKind.UNIVERSITY, name="Uniwersytet Jana Kochanowskiego"
    )
    MembershipFactory(organisation=university, user=members[0])
    meeting = meeting_schedule(
        body=body,
        actor=secretary,
        title="Posiedzenie RKRES nr 7",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
    )
    items = list(meeting.items.all())
    assert len(items) == 3
    attendance_record(meeting=meeting, actor=secretary, statuses={})  # everyone absent...
    seats = {m.user_id: m.pk for m in body.organisation.memberships.all()}
    attendance_record(
        meeting=meeting,
        actor=secretary,
        statuses={seats[u.pk]: "present" for u in (chair, secretary, *members)},
    )
    for item in items:
        # 2:2 with one abstention on the practice; the chair's vote decides.
        choices = ["for", "for", "for", "against", "abstain"]
        if item.case.kind == "practice":
            choices = ["for", "against", "for", "against", "abstain"]
        for user, choice in zip((chair, secretary, *members), choices, strict=True):
            vote_record(item=item, actor=chair, member=user, choice=choice)
        item_decide(item=item, actor=chair)
    items = list(meeting.items.all())
    assert [i.status for i in items] == ["passed", "passed", "passed"]
    assert items[2].result["casting_vote"] is True
    opinions = resolution_adopt(
        items=items[:2], actor=secretary, title="zatwierdzenia opinii", text="§ 1. Zatwierdza się."
    )
    practice = resolution_adopt(
        items=items[2:], actor=secretary, title="dobrej praktyki", text="§ 1. Zatwierdza się."
    )
    for case in three_cases:
        case.refresh_from_db()
        assert case.status != "in_approval"
        assert is_system(case.events.get(action="approve").actor)
    minutes = minutes_save(meeting=meeting, actor=secretary, text="Posiedzenie otworzył Jan Nowak.")
    minutes_approve(minutes=minutes, actor=chair)
    render_all()

    # The PDFs: verifiable, in Polish, naming the resolution and the vote.
    document = resolution_document(opinions)
    text = " ".join(pdf_text(document.file.read()).split())
    assert f"Uchwała nr {opinions.number}" in text
    assert "rozstrzygnął głos przewodniczącego" not in text
    assert document_verify_code(code=document.verification_code).document == document
    practice_text = " ".join(pdf_text(resolution_document(practice).file.read()).split())
    assert "rozstrzygnął głos przewodniczącego" in practice_text
    minutes_text = " ".join(pdf_text(minutes_document(minutes).file.read()).split())
    assert "Protokół" in minutes_text
    assert "Jan Nowak" in minutes_text

    # The public pages, without signing in.
    client.logout()
    register = client.get(reverse("portal:resolutions")).content.decode()
    for r in (opinions, practice):
        assert r.number in register
        assert reverse("documents:download", args=[resolution_document(r).pk]) in register
    page = client.get(reverse("portal:resolution", args=[opinions.pk])).content.decode()
    assert "zatwierdzenia opinii" in page
    assert three_cases[0].number in page
    download = client.get(reverse("documents:download", args=[document.pk]))
    assert download["Content-Type"] == "application/pdf"
    body_page = client.get(reverse("portal:committee-body", args=[body.pk])).content.decode()
    assert members[0].full_name in body_page
    assert "Uniwersytet Jana Kochanowskiego" in body_page
    assert seated["observer"].full_name in body_page
    # What the body produced: its resolutions and the approved minutes with their PDF.
    assert opinions.number in body_page
    assert "Posiedzenie RKRES nr 7" in body_page
    assert reverse("documents:download", args=[minutes_document(minutes).pk]) in body_page


def test_a_body_not_listed_is_404_for_the_public(client, body):
    Body.objects.filter(pk=body.pk).update(is_public=False)
    assert client.get(reverse("portal:committee-body", args=[body.pk])).status_code == 404
    assert client.get(reverse("portal:committee-bodies")).status_code == 200
    assert client.get(reverse("portal:resolution", args=[2**63])).status_code == 404
    assert client.get(reverse("portal:resolutions") + "?strona=abc").status_code == 200


def test_resolution_numbers_follow_the_bodys_pattern(body, seated):
    body.resolution_pattern = "{seq}/{year}/RKRES"
    body.save()
    from committee.services import _number

    assert _number(body, START)[2] == "1/2026/RKRES"
    assert _number(body, START)[2] == "2/2026/RKRES"
    assert not Resolution.objects.exists()


def test_an_opinion_approved_by_resolution_says_so_on_its_pdf(
    client, body, seated, three_cases, advisor
):
    from tests.advisory.helpers import apply

    chair, secretary, member = seated["chair"], seated["secretary"], seated["members"][0]
    meeting = meeting_schedule(
        body=body,
        actor=secretary,
        title="Posiedzenie",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=1),
        place="ROPS Kielce",
    )
    seats = {m.user_id: m.pk for m in body.organisation.memberships.all()}
    attendance_record(
        meeting=meeting,
        actor=secretary,
        statuses={seats[u.pk]: "present" for u in (chair, secretary, member)},
    )
    item = meeting.items.first()
    for user in (chair, secretary):
        vote_record(item=item, actor=chair, member=user, choice="for")
    item = item_decide(item=item, actor=chair)
    assert item.status == "passed"
    resolution = resolution_adopt(items=[item], actor=secretary, title="opinii", text="§ 1.")
    case = item.case
    case.refresh_from_db()
    case = apply(case, "publish", advisor)
    assert case.status == "published"
    client.force_login(advisor)
    render_all()
    opinion = Document.objects.exclude(kind__startswith="committee").get()
    text = " ".join(pdf_text(opinion.file.read()).split())
    assert f"uchwałą nr {resolution.number} komitetu" in text
    assert "przez: esflow" not in text  # not the system actor as the approver
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert f"Zatwierdzono uchwałą komitetu nr {resolution.number}" in page


def test_the_pdfs_of_a_body_not_listed_are_its_members_only(client, body, seated, three_cases):
    """A body not listed on the portal keeps its resolutions and minutes to those who may open
    its pages: the PDF is not public, an outsider gets 404, a member downloads it."""
    Body.objects.filter(pk=body.pk).update(is_public=False)
    body.refresh_from_db()
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    meeting = meeting_schedule(
        body=body,
        actor=secretary,
        title="Posiedzenie zamknięte",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=1),
        place="ROPS Kielce",
    )
    seats = {m.user_id: m.pk for m in body.organisation.memberships.all()}
    attendance_record(
        meeting=meeting,
        actor=secretary,
        statuses={seats[u.pk]: "present" for u in (chair, secretary, *members)},
    )
    item = meeting.items.first()
    for user in (chair, secretary, *members):
        vote_record(item=item, actor=chair, member=user, choice="for")
    item = item_decide(item=item, actor=chair)
    resolution = resolution_adopt(items=[item], actor=secretary, title="opinii", text="§ 1.")
    minutes = minutes_save(meeting=meeting, actor=secretary, text="Obecni: wszyscy.")
    minutes_approve(minutes=minutes, actor=chair)
    render_all()
    documents = [resolution_document_any(resolution), minutes_document_any(minutes)]
    for document in documents:
        assert not document.is_public
        url = reverse("documents:download", args=[document.pk])
        client.logout()
        assert client.get(url).status_code == 404
        client.force_login(three_cases[0].filed_by)  # a gmina's clerk: not of the body
        assert client.get(url).status_code == 404
        client.force_login(members[0])
        assert client.get(url).status_code == 200


def resolution_document_any(resolution):
    return Document.objects.get(source_id=resolution.pk, kind="committee_resolution")


def minutes_document_any(minutes):
    return Document.objects.get(source_id=minutes.pk, kind="committee_minutes")
