"""The attendance of a meeting is final once the meeting has voted under it: the quorum and
the majorities of its votes were counted on it, so it is not rewritten afterwards. Before the
first vote the secretary may still correct it (recording it is what makes the meeting held)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from committee.constants import AttendanceStatus, ItemStatus
from committee.models import Attendance
from committee.services import (
    ERROR_ATTENDANCE_FINAL,
    CommitteeRefused,
    agenda_item_add,
    attendance_final,
    attendance_record,
    item_decide,
    meeting_schedule,
    minutes_approve,
    minutes_save,
    vote_record,
)

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def meeting(body, seated):
    meeting = meeting_schedule(
        body=body,
        actor=seated["secretary"],
        title="Posiedzenie nr 9",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
    )
    agenda_item_add(meeting=meeting, actor=seated["secretary"], title="Stanowisko w sprawie PES")
    agenda_item_add(
        meeting=meeting, actor=seated["secretary"], title="Informacja", needs_vote=False
    )
    return meeting


def seat_ids(body):
    return {m.user_id: m.pk for m in body.organisation.memberships.all()}


def statuses_with(body, seated, member_status):
    seats = seat_ids(body)
    statuses = dict.fromkeys(seats.values(), AttendanceStatus.PRESENT)
    statuses[seats[seated["members"][0].pk]] = member_status
    return statuses


def status_of(meeting, user):
    return Attendance.objects.get(meeting=meeting, membership__user=user).status


def test_the_attendance_is_corrected_until_the_first_vote_then_refused(
    body, seated, meeting, coordinator
):
    secretary, chair, member = seated["secretary"], seated["chair"], seated["members"][0]
    attendance_record(
        meeting=meeting, actor=secretary, statuses=statuses_with(body, seated, "absent")
    )
    assert not attendance_final(meeting)
    # Allowed: a correction before any vote (the member came in late).
    attendance_record(
        meeting=meeting, actor=secretary, statuses=statuses_with(body, seated, "present")
    )
    assert status_of(meeting, member) == AttendanceStatus.PRESENT

    item = meeting.items.get(needs_vote=True)
    vote_record(item=item, actor=chair, member=chair, choice="for")
    assert attendance_final(meeting)
    with pytest.raises(CommitteeRefused) as refused:
        attendance_record(
            meeting=meeting, actor=secretary, statuses=statuses_with(body, seated, "absent")
        )
    assert refused.value.message == ERROR_ATTENDANCE_FINAL
    with translation.override("pl"):
        assert str(refused.value.message) == (
            "Lista obecności jest ostateczna: posiedzenie już głosowało na jej podstawie."
        )
    assert status_of(meeting, member) == AttendanceStatus.PRESENT  # nothing rewritten
    # A coordinator, who may organise every body, is refused the same.
    with pytest.raises(CommitteeRefused):
        attendance_record(meeting=meeting, actor=coordinator, statuses={})
    assert Attendance.objects.filter(meeting=meeting, status="absent").count() == 0


def test_an_item_counted_without_votes_makes_it_final_a_noted_item_does_not(body, seated, meeting):
    secretary, chair = seated["secretary"], seated["chair"]
    attendance_record(meeting=meeting, actor=secretary, statuses={})  # everyone absent
    noted = item_decide(item=meeting.items.get(needs_vote=False), actor=chair)
    assert noted.status == ItemStatus.NOTED
    assert not attendance_final(meeting)  # no count was taken under it
    attendance_record(
        meeting=meeting, actor=secretary, statuses=statuses_with(body, seated, "absent")
    )
    Attendance.objects.filter(meeting=meeting).update(status=AttendanceStatus.ABSENT)
    counted = item_decide(item=meeting.items.get(needs_vote=True), actor=chair)
    assert counted.status == ItemStatus.NO_QUORUM
    assert not counted.votes.exists()
    with pytest.raises(CommitteeRefused):
        attendance_record(
            meeting=meeting, actor=secretary, statuses=statuses_with(body, seated, "present")
        )
    assert not Attendance.objects.filter(meeting=meeting, status="present").exists()


def test_approved_minutes_make_it_final(body, seated, meeting):
    secretary, chair = seated["secretary"], seated["chair"]
    attendance_record(meeting=meeting, actor=secretary, statuses={})
    minutes = minutes_save(meeting=meeting, actor=secretary, text="Posiedzenie otworzył...")
    # Draft minutes: still open to a correction.
    attendance_record(meeting=meeting, actor=secretary, statuses={})
    minutes_approve(minutes=minutes, actor=chair)
    with pytest.raises(CommitteeRefused):
        attendance_record(meeting=meeting, actor=secretary, statuses={})


def test_the_page_offers_the_form_until_the_first_vote(client, body, seated, meeting):
    secretary, chair = seated["secretary"], seated["chair"]
    url = reverse("committee:attendance", args=[meeting.pk])
    page = reverse("committee:meeting", args=[meeting.pk])
    data = {f"seat_{pk}": "present" for pk in seat_ids(body).values()}
    member_seat = seat_ids(body)[seated["members"][0].pk]

    client.force_login(secretary)
    assert client.post(url, data).status_code == 302
    assert url.encode() in client.get(page).content
    assert client.get(url).status_code == 200  # a correction is still offered

    vote_record(item=meeting.items.get(needs_vote=True), actor=chair, member=chair, choice="for")
    assert url.encode() not in client.get(page).content
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert str(ERROR_ATTENDANCE_FINAL) in response.content.decode()
    # A form left open in another tab: refused with the reason, nothing changed.
    data[f"seat_{member_seat}"] = "absent"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == page
    assert [str(m) for m in get_messages(response.wsgi_request)] == [str(ERROR_ATTENDANCE_FINAL)]
    assert status_of(meeting, seated["members"][0]) == AttendanceStatus.PRESENT
    # Who may not organise still gets 404, not the reason.
    client.force_login(seated["members"][1])
    assert client.get(url).status_code == 404
    assert client.post(url, data).status_code == 404
