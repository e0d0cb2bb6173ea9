"""A meeting decides three items by resolution and the cases move (issue 17, must-hold 2),
and a kind in resolution mode has no single-member approval (must-hold 4)."""

import datetime

import pytest
from django.utils import timezone, translation

from casework.models import CaseEvent
from committee.constants import AttendanceStatus, ItemStatus
from committee.models import Resolution
from committee.services import (
    ERROR_RECUSED,
    CommitteeRefused,
    attendance_record,
    cases_awaiting_resolution,
    item_decide,
    meeting_schedule,
    minutes_approve,
    minutes_save,
    resolution_adopt,
    vote_record,
)
from documents.models import Document
from workflows.actors import is_system, system_actor
from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)


def schedule(body, actor, **kw):
    return meeting_schedule(
        body=body,
        actor=actor,
        title="Posiedzenie RKRES nr 7",
        starts_at=kw.pop("starts_at", START),
        ends_at=kw.pop("ends_at", START + datetime.timedelta(hours=2)),
        place="ROPS Kielce, sala 12",
        **kw,
    )


def everyone_present(meeting, seated, actor):
    seats = {m.user_id: m.pk for m in meeting.body.organisation.memberships.all()}
    statuses = dict.fromkeys(seats.values(), AttendanceStatus.PRESENT)
    statuses[seats[seated["members"][2].pk]] = AttendanceStatus.EXCUSED
    statuses[seats[seated["members"][1].pk]] = AttendanceStatus.ONLINE
    return attendance_record(meeting=meeting, actor=actor, statuses=statuses)


def test_three_items_attendance_votes_resolutions_and_cases_moved(
    body, seated, three_cases, coordinator
):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    assert set(cases_awaiting_resolution(body)) == set(three_cases)
    meeting = schedule(body, secretary)
    items = list(meeting.items.all())
    assert [i.case for i in items] == three_cases  # the awaiting cases are on the agenda
    assert set(cases_awaiting_resolution(body)) == set()

    everyone_present(meeting, seated, secretary)
    voters = [chair, secretary, members[0], members[1]]  # members[2] excused
    for item in items:
        for user in voters:
            vote_record(item=item, actor=chair, member=user, choice="for")
    # The observer and the excused member have no vote to record.
    with pytest.raises(CommitteeRefused):
        vote_record(item=items[0], actor=chair, member=seated["observer"], choice="for")
    with pytest.raises(CommitteeRefused):
        vote_record(item=items[0], actor=chair, member=members[2], choice="for")
    decided = [item_decide(item=i, actor=chair) for i in items]
    assert {i.status for i in decided} == {ItemStatus.PASSED}
    assert decided[0].result == {
        "outcome": "passed",
        "eligible": 5,
        "present": 4,
        "recused": 0,
        "for": 4,
        "against": 0,
        "abstain": 0,
        "casting_vote": False,
    }

    # One resolution decides the two opinions, another the practice.
    first = resolution_adopt(
        items=decided[:2], actor=secretary, title="zatwierdzenia opinii", text="Zatwierdza się."
    )
    second = resolution_adopt(
        items=decided[2:], actor=secretary, title="dobrej praktyki", text="Zatwierdza się."
    )
    year = timezone.localdate().year
    assert (first.number, second.number) == (f"1/{year}", f"2/{year}")
    with translation.override("pl"):
        assert str(first) == f"Uchwała nr 1/{year}"
    with translation.override("en"):
        assert str(first) == f"Resolution no. 1/{year}"

    for case, resolution in zip(three_cases, [first, first, second], strict=True):
        case.refresh_from_db()
        assert case.status in {"approved", "published"}
        event = CaseEvent.objects.filter(case=case, action="approve").get()
        assert is_system(event.actor)
        assert event.data["resolution"] == resolution.pk
        version = case.advisory.versions.last() if case.kind == "advisory" else None
        version = version or case.practice.current_version
        version.refresh_from_db()
        assert version.approved_by_resolution == resolution.number
        assert version.approved_under is None

    # Each resolution is a public, verifiable document in the register.
    assert Document.objects.filter(kind="committee_resolution", is_public=True).count() == 2

    # The minutes: drafted by the secretary, approved by the chair, issued as a PDF.
    minutes = minutes_save(meeting=meeting, actor=secretary, text="Posiedzenie otworzył...")
    with pytest.raises(CommitteeRefused):
        minutes_approve(minutes=minutes, actor=secretary)
    minutes_approve(minutes=minutes, actor=chair)
    assert Document.objects.filter(kind="committee_minutes").count() == 1


def test_a_failed_item_gets_no_resolution(body, seated, three_cases):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    meeting = schedule(body, secretary)
    everyone_present(meeting, seated, secretary)
    item = meeting.items.first()
    for user, choice in [(chair, "against"), (secretary, "for"), (members[0], "against")]:
        vote_record(item=item, actor=chair, member=user, choice=choice)
    item = item_decide(item=item, actor=chair)
    assert item.status == ItemStatus.REJECTED
    with pytest.raises(CommitteeRefused):
        resolution_adopt(items=[item], actor=secretary, title="x", text="x")
    item.case.refresh_from_db()
    assert item.case.status == "in_approval"


def test_a_recused_member_does_not_vote_and_lowers_the_quorum(body, seated, three_cases, gmina):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    # Two members work for the requesting gmina: recused from its opinions.
    from tests.factories import MembershipFactory

    for m in members[:2]:
        MembershipFactory(organisation=gmina, user=m)
    meeting = schedule(body, secretary)
    seats = {m.user_id: m.pk for m in body.organisation.memberships.all()}
    attendance_record(
        meeting=meeting,
        actor=secretary,
        statuses={
            seats[chair.pk]: "present",
            seats[members[0].pk]: "present",
            seats[secretary.pk]: "absent",
            seats[members[2].pk]: "present",
        },
    )
    item = meeting.items.first()
    with pytest.raises(CommitteeRefused) as refused:
        vote_record(item=item, actor=chair, member=members[0], choice="for")
    assert refused.value.message == ERROR_RECUSED
    vote_record(item=item, actor=chair, member=chair, choice="for")
    vote_record(item=item, actor=chair, member=members[2], choice="for")
    item = item_decide(item=item, actor=chair)
    # 5 members with a vote, 2 recused: 2 present of 3 is a quorum.
    assert (item.result["eligible"], item.result["recused"], item.status) == (3, 2, "passed")


def test_only_the_system_actor_with_an_adopted_resolution_approves(
    body, seated, three_cases, committee_member
):
    """Must-hold 4 in the flow: resolution mode leaves no single-member approval."""
    case = three_cases[0]
    sha = case.advisory.current_version.sha256
    with pytest.raises(TransitionRefused) as refused:
        transition_apply(
            case=case,
            name="approve",
            actor=committee_member,
            expected_status="in_approval",
            data={"version": sha},
        )
    assert refused.value.code == "forbidden"
    # Nor may the system actor approve without a resolution that decides this case.
    other = Resolution.objects.create(
        body=body,
        year=2026,
        seq=99,
        number="99/2026",
        title="x",
        text="x",
        adopted_on=datetime.date(2026, 3, 1),
        adopted_by=seated["chair"],
    )
    for data in ({"version": sha}, {"version": sha, "resolution": other.pk}):
        with pytest.raises(TransitionRefused):
            transition_apply(
                case=case,
                name="approve",
                actor=system_actor(),
                expected_status="in_approval",
                data=data,
            )
    case.refresh_from_db()
    assert case.status == "in_approval"


def test_single_member_mode_refuses_a_resolution_reference(
    settings, body, seated, gmina, clerk, advisor, committee_member
):
    from tests.committee.conftest import advisory_in_approval

    settings.ESFLOW_APPROVAL_MODES = {}
    case = advisory_in_approval(gmina, clerk, advisor, "Opinia")
    sha = case.advisory.current_version.sha256
    with pytest.raises(TransitionRefused):
        transition_apply(
            case=case,
            name="approve",
            actor=committee_member,
            expected_status="in_approval",
            data={"version": sha, "resolution": 1},
        )
    transition_apply(
        case=case,
        name="approve",
        actor=committee_member,
        expected_status="in_approval",
        data={"version": sha},
    )
    case.refresh_from_db()
    assert case.status == "approved"
    assert case.advisory.current_version.approved_under is not None


def test_organising_needs_a_seat(body, seated, advisor, three_cases):
    with pytest.raises(CommitteeRefused):
        schedule(body, seated["members"][0])
    with pytest.raises(CommitteeRefused):
        schedule(body, advisor)
    with pytest.raises(CommitteeRefused):
        schedule(body, seated["secretary"], ends_at=START)


def test_the_chairs_form_stores_all_votes_or_none(body, seated, three_cases):
    from committee.models import Vote
    from committee.services import votes_record

    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    meeting = schedule(body, secretary)
    everyone_present(meeting, seated, secretary)  # members[2] excused
    item = meeting.items.first()
    with pytest.raises(CommitteeRefused):
        votes_record(
            item=item,
            actor=chair,
            votes=[(chair, "for"), (members[2], "for")],
            decide=True,
        )
    assert not Vote.objects.exists()
    item = votes_record(item=item, actor=chair, votes=[(chair, "for")], decide=True)
    assert item.status == ItemStatus.PASSED


def test_a_case_changed_after_the_vote_refuses_the_resolution(
    body, seated, three_cases, committee_member, advisor
):
    """The body voted on one version; a case returned and sent again meanwhile carries
    another, which a resolution never approves unseen."""
    from committee.models import Resolution
    from tests.advisory.helpers import apply, write_opinion

    chair, secretary = seated["chair"], seated["secretary"]
    meeting = schedule(body, secretary)
    everyone_present(meeting, seated, secretary)
    item = meeting.items.first()
    vote_record(item=item, actor=chair, member=chair, choice="for")
    item = item_decide(item=item, actor=chair)
    case = item.case
    case = apply(case, "return_for_changes", committee_member, reason="Popraw uzasadnienie.")
    write_opinion(case, advisor, text="Opinia poprawiona po posiedzeniu.")
    case.refresh_from_db()
    case = apply(case, "submit_for_approval", advisor)
    with pytest.raises(CommitteeRefused) as refused:
        resolution_adopt(items=[item], actor=secretary, title="x", text="x")
    assert case.number in str(refused.value.message)
    assert not Resolution.objects.exists()
    case.refresh_from_db()
    assert case.status == "in_approval"
    # The new version awaits the body again (the next agenda or a circular procedure).
    assert case in cases_awaiting_resolution(body)
