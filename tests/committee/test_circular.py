"""The circular procedure (tryb obiegowy): issue 17, must-hold 3."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from casework.models import CaseEvent
from committee.constants import ProcedureStatus
from committee.models import Vote
from committee.services import (
    ERROR_ALREADY_VOTED,
    ERROR_CLOSED,
    ERROR_RECUSED,
    CommitteeRefused,
    procedure_open,
    procedure_vote,
    procedures_close_due,
    procedures_remind,
)
from tests.factories import MembershipFactory
from workflows.actors import is_system
from workflows.models import OutboxRow
from workflows.outbox import outbox_rehand
from workflows.scheduling import registered_checks

pytestmark = pytest.mark.django_db


def open_procedure(body, chair, cases=(), hours=48):
    return procedure_open(
        body=body,
        actor=chair,
        title="zatwierdzenia opinii w trybie obiegowym",
        draft="§ 1. Zatwierdza się opinię.",
        deadline=timezone.now() + datetime.timedelta(hours=hours),
        cases=cases,
    )


def test_passes_with_an_absolute_majority_before_the_deadline(body, seated, three_cases):
    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    case = three_cases[0]
    procedure = open_procedure(body, chair, cases=[case])
    procedure_vote(procedure=procedure, member=chair, choice="for")
    procedure_vote(procedure=procedure, member=members[0], choice="for")
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.OPEN  # 2 of 5: not yet a majority
    procedure_vote(procedure=procedure, member=secretary, choice="for")
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED  # 3 of 5 members: decided
    resolution = procedure.resolution
    assert resolution.procedure_id == procedure.pk
    case.refresh_from_db()
    assert case.status == "approved"
    event = CaseEvent.objects.get(case=case, action="approve")
    assert is_system(event.actor)
    assert event.data["resolution"] == resolution.pk
    # Closed: no more votes.
    with pytest.raises(CommitteeRefused) as refused:
        procedure_vote(procedure=procedure, member=members[1], choice="against")
    assert refused.value.message == ERROR_CLOSED
    # Everyone is told the result.
    told = OutboxRow.objects.filter(topic="committee.email", payload__what="procedure_closed")
    assert told.count() == body.organisation.memberships.count()


def test_fails_at_the_deadline_through_tick(body, seated, three_cases):
    chair, members = seated["chair"], seated["members"]
    procedure = open_procedure(body, chair, cases=[three_cases[0]], hours=1)
    procedure_vote(procedure=procedure, member=chair, choice="for")
    procedure_vote(procedure=procedure, member=members[0], choice="against")
    assert procedures_close_due() == 0
    later = timezone.now() + datetime.timedelta(hours=2)
    assert "committee.procedures_close" in registered_checks()
    assert procedures_close_due(now=later) == 1
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.FAILED
    assert not hasattr(procedure, "resolution") or procedure.resolution is None
    three_cases[0].refresh_from_db()
    assert three_cases[0].status == "in_approval"
    assert procedures_close_due(now=later) == 0


def test_a_recused_member_cannot_vote(body, seated, three_cases, gmina):
    member = seated["members"][0]
    MembershipFactory(organisation=gmina, user=member)  # works for the requesting gmina
    procedure = open_procedure(body, seated["chair"], cases=[three_cases[0]])
    with pytest.raises(CommitteeRefused) as refused:
        procedure_vote(procedure=procedure, member=member, choice="for")
    assert refused.value.message == ERROR_RECUSED
    assert not Vote.objects.exists()


def test_one_vote_per_member_observers_and_outsiders_none(body, seated, advisor):
    procedure = open_procedure(body, seated["chair"])
    procedure_vote(procedure=procedure, member=seated["members"][0], choice="abstain")
    with pytest.raises(CommitteeRefused) as refused:
        procedure_vote(procedure=procedure, member=seated["members"][0], choice="for")
    assert refused.value.message == ERROR_ALREADY_VOTED
    for outsider in (seated["observer"], advisor):
        with pytest.raises(CommitteeRefused):
            procedure_vote(procedure=procedure, member=outsider, choice="for")
    assert Vote.objects.count() == 1


def test_only_the_chair_opens(body, seated):
    for who in (seated["secretary"], seated["members"][0], seated["observer"]):
        with pytest.raises(CommitteeRefused):
            open_procedure(body, who)
    with pytest.raises(CommitteeRefused):
        open_procedure(body, seated["chair"], hours=-1)


def test_reminders_once_to_those_who_have_not_voted(body, seated):
    procedure = open_procedure(body, seated["chair"], hours=30)
    procedure_vote(procedure=procedure, member=seated["chair"], choice="for")
    assert procedures_remind() == 0  # 30 hours away: not yet
    soon = timezone.now() + datetime.timedelta(hours=10)
    assert procedures_remind(now=soon) == 4  # secretary and three members
    assert procedures_remind(now=soon) == 0
    outbox_rehand(now=timezone.now() + datetime.timedelta(days=1))
    subjects = {m.subject for m in mail.outbox}
    assert len(subjects) >= 2  # opened and reminded, each in its own words
    assert any(seated["members"][0].email in m.to for m in mail.outbox)


def test_a_case_returned_meanwhile_is_left_where_it_is(body, seated, three_cases, committee_member):
    from tests.advisory.helpers import apply

    chair, secretary, members = seated["chair"], seated["secretary"], seated["members"]
    case = three_cases[0]
    procedure = open_procedure(body, chair, cases=[case])
    procedure_vote(procedure=procedure, member=chair, choice="for")
    procedure_vote(procedure=procedure, member=secretary, choice="for")
    apply(case, "return_for_changes", committee_member, reason="Brakuje podstawy prawnej.")
    # The member who returned it sits in the body too: 4 of 6 is the majority.
    procedure_vote(procedure=procedure, member=members[0], choice="for")
    procedure_vote(procedure=procedure, member=members[1], choice="for")
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED
    assert procedure.resolution.result["not_moved"] == [case.number]
    case.refresh_from_db()
    assert case.status == "in_review"
