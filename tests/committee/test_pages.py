"""The committee's pages over HTTP: who sees and does what (404 for the rest), and a kind in
resolution mode without single-member approval on the case page (must-hold 4)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Case
from committee import urls as committee_urls
from committee.constants import ItemStatus, MeetingStatus, ProcedureStatus
from committee.models import Meeting, Vote
from committee.services import attendance_record, meeting_schedule, procedure_open

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def meeting(body, seated):
    return meeting_schedule(
        body=body,
        actor=seated["secretary"],
        title="Posiedzenie nr 7",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
    )


@pytest.fixture
def procedure(body, seated):
    return procedure_open(
        body=body,
        actor=seated["chair"],
        title="stanowiska",
        draft="§ 1.",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )


def test_resolution_mode_removes_approve_from_the_case_page_and_refuses_the_post(
    client, three_cases, committee_member, settings
):
    case = three_cases[0]
    url = reverse("casework:case-transition", args=[case.pk, "approve"])
    page = reverse("casework:case-detail", args=[case.pk])
    client.force_login(committee_member)
    assert url.encode() not in client.get(page).content
    data = {
        "seen_status": case.status,
        "version": case.advisory.current_version.sha256,
        "confirm": "1",
    }
    response = client.post(url, data)
    assert response.status_code in (403, 409)
    assert Case.objects.get(pk=case.pk).status == "in_approval"
    # Switched back to single-member mode, the same member sees and may use it.
    settings.ESFLOW_APPROVAL_MODES = {}
    assert url.encode() in client.get(page).content
    assert client.post(url, data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == "approved"


def internal_urls(body, meeting, procedure):
    return [
        reverse("committee:body", args=[body.pk]),
        reverse("committee:meeting", args=[meeting.pk]),
        reverse("committee:meeting-ics", args=[meeting.pk]),
        reverse("committee:procedure", args=[procedure.pk]),
    ]


def test_members_see_the_body_others_get_404(
    client, body, seated, meeting, procedure, advisor, municipality_user
):
    for user in (seated["members"][0], seated["observer"]):
        client.force_login(user)
        for url in internal_urls(body, meeting, procedure):
            assert client.get(url).status_code == 200, url
    for user in (advisor, municipality_user):
        client.force_login(user)
        for url in internal_urls(body, meeting, procedure):
            assert client.get(url).status_code == 404, url
    client.logout()
    for url in internal_urls(body, meeting, procedure):
        assert client.get(url).status_code == 302  # to the login page


def test_coordinators_see_every_body(client, body, meeting, procedure, coordinator):
    client.force_login(coordinator)
    for url in internal_urls(body, meeting, procedure):
        assert client.get(url).status_code == 200


ID_URLS = [p.name for p in committee_urls.urlpatterns if "<id:pk>" in str(p.pattern)]


def test_unknown_and_huge_ids_are_404(client, seated, coordinator):
    """The ``<id:pk>`` converter refuses an id beyond a bigint (the resolver finds no page),
    so the views need no check of their own: a 404, never a 500."""
    assert len(ID_URLS) == 12
    for user in (seated["chair"], coordinator):
        client.force_login(user)
        for name in ID_URLS:
            url = reverse(f"committee:{name}", args=[999999])
            # A POST-only page answers a GET 405 before it looks the id up.
            assert client.get(url).status_code == (405 if name == "meeting-cancel" else 404)
            assert client.post(url).status_code == 404, url
            huge = url.replace("999999", str(2**63))
            assert client.get(huge).status_code == 404, huge
            assert client.post(huge).status_code == 404, huge
            biggest = url.replace("999999", str(2**63 - 1))  # in range, and missing
            assert client.post(biggest).status_code == 404, biggest


def test_the_secretary_schedules_over_http_and_a_member_may_not(client, body, seated):
    url = reverse("committee:meeting-create", args=[body.pk])
    data = {
        "title": "Posiedzenie nr 8",
        "starts_at": "2026-10-25T10:00",
        "ends_at": "2026-10-25T12:00",
        "place": "",
        "online_url": "",
    }
    client.force_login(seated["members"][0])
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
    client.force_login(seated["secretary"])
    assert client.get(url).status_code == 200
    response = client.post(url, data)  # neither place nor link: a form error
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    data["online_url"] = "https://meet.example.pl/rkres"
    response = client.post(url, data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert meeting.online_url == "https://meet.example.pl/rkres"


def test_attendance_votes_and_decision_over_http(client, body, seated, meeting, three_cases):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    # meeting has no cases: three_cases came later; add one through the agenda page.
    add = reverse("committee:agenda-add", args=[meeting.pk])
    client.force_login(members[0])
    assert client.get(add).status_code == 404
    client.force_login(secretary)
    response = client.post(add, {"case": three_cases[0].pk, "materials": "Projekt opinii"})
    assert response.status_code == 302
    response = client.post(add, {"title": "", "materials": ""})
    assert response.status_code == 200  # neither a case nor a title
    item = meeting.items.get()

    url = reverse("committee:attendance", args=[meeting.pk])
    client.force_login(members[0])
    assert client.get(url).status_code == 404
    client.force_login(secretary)
    seats = list(body.organisation.memberships.all())
    data = {f"seat_{s.pk}": "present" for s in seats}
    data[f"seat_{seats[0].pk}"] = "nonsense"
    assert client.post(url, data).status_code == 200  # an invalid choice: a form error
    data[f"seat_{seats[0].pk}"] = "present"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD

    votes = reverse("committee:item-votes", args=[item.pk])
    client.force_login(members[0])
    assert client.get(votes).status_code == 404
    client.force_login(chair)
    form = {f"voter_{u.pk}": "for" for u in (chair, secretary, *members)}
    form["decide"] = "on"
    assert client.post(votes, form).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.PASSED
    assert Vote.objects.filter(item=item).count() == 5
    assert client.get(votes).status_code == 404  # decided: no more votes

    adopt = reverse("committee:resolution-create", args=[meeting.pk])
    client.force_login(members[0])
    assert client.get(adopt).status_code == 404
    client.force_login(secretary)
    response = client.post(
        adopt, {"items": [item.pk], "title": "zatwierdzenia opinii", "text": "§ 1."}
    )
    assert response.status_code == 302
    three_cases[0].refresh_from_db()
    assert three_cases[0].status == "approved"


def test_a_member_votes_in_a_circular_procedure_once(client, seated, procedure, advisor):
    url = reverse("committee:procedure", args=[procedure.pk])
    client.force_login(advisor)
    assert client.post(url, {"choice": "for"}).status_code == 404
    client.force_login(seated["observer"])
    assert client.post(url, {"choice": "for"}).status_code == 404
    client.force_login(seated["members"][0])
    assert client.post(url, {"choice": "bogus"}).status_code == 200  # a form error
    assert not Vote.objects.exists()
    assert client.post(url, {"choice": "for"}).status_code == 302
    assert client.post(url, {"choice": "against"}).status_code == 404  # voted already
    vote = Vote.objects.get()
    assert vote.choice == "for"
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.OPEN


def test_only_the_chair_opens_a_procedure_over_http(client, body, seated):
    url = reverse("committee:procedure-create", args=[body.pk])
    client.force_login(seated["secretary"])
    assert client.get(url).status_code == 404
    client.force_login(seated["chair"])
    assert client.get(url).status_code == 200
    deadline = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"title": "stanowiska", "draft": "§ 1.", "deadline": deadline})
    assert response.status_code == 302
    past = (timezone.localtime() - datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"title": "x", "draft": "x", "deadline": past})
    assert response.status_code == 200


def test_minutes_drafted_by_the_secretary_approved_by_the_chair(client, seated, meeting):
    attendance_record(meeting=meeting, actor=seated["secretary"], statuses={})
    url = reverse("committee:minutes", args=[meeting.pk])
    client.force_login(seated["members"][0])
    assert client.get(url).status_code == 404
    client.force_login(seated["secretary"])
    assert client.post(url, {"text": "Przebieg."}).status_code == 302
    # The secretary is not offered approval (the chair approves); a forged field changes
    # nothing: the text is saved, the minutes stay a draft.
    assert 'name="approve"' not in client.get(url).content.decode()
    assert client.post(url, {"text": "Przebieg 2.", "approve": "on"}).status_code == 302
    meeting.minutes.refresh_from_db()
    assert (meeting.minutes.status, meeting.minutes.text) == ("draft", "Przebieg 2.")
    client.force_login(seated["chair"])
    assert 'name="approve"' in client.get(url).content.decode()
    assert client.post(url, {"text": "Przebieg.", "approve": "on"}).status_code == 302
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == "approved"
    assert client.get(url).status_code == 404  # approved minutes are not edited


def test_a_recused_member_is_told_and_cannot_vote_over_http(client, body, seated, three_cases):
    from tests.factories import MembershipFactory

    member = seated["members"][0]
    MembershipFactory(organisation=three_cases[0].requesting_organisation, user=member)
    procedure = procedure_open(
        body=body,
        actor=seated["chair"],
        title="zatwierdzenia opinii",
        draft="§ 1.",
        deadline=timezone.now() + datetime.timedelta(days=2),
        cases=[three_cases[0]],
    )
    url = reverse("committee:procedure", args=[procedure.pk])
    client.force_login(member)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="choice"' not in page.content
    assert client.post(url, {"choice": "for"}).status_code == 404
    assert not Vote.objects.exists()


def test_the_secretary_cancels_a_meeting_and_its_cases_await_again(
    client, body, seated, three_cases
):
    from committee.services import cases_awaiting_resolution

    meeting = meeting_schedule(
        body=body,
        actor=seated["secretary"],
        title="Posiedzenie nr 9",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
    )
    assert not cases_awaiting_resolution(body).exists()
    url = reverse("committee:meeting-cancel", args=[meeting.pk])
    client.force_login(seated["members"][0])
    assert client.post(url, {"confirm": "1"}).status_code == 404
    client.force_login(seated["secretary"])
    assert client.get(url).status_code == 405
    client.post(url)  # not confirmed: nothing happens
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    assert client.post(url, {"confirm": "1"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert set(cases_awaiting_resolution(body)) == set(three_cases)
    assert client.post(url, {"confirm": "1"}).status_code == 404  # once


def test_the_list_of_bodies_shows_only_ones_own(client, body, seated, advisor, coordinator):
    url = reverse("committee:bodies")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(advisor)
    assert body.name not in client.get(url).content.decode()
    for user in (seated["observer"], coordinator):
        client.force_login(user)
        assert body.name in client.get(url).content.decode()
