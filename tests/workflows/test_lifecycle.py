"""The engine walked through every kind of transition of the test kind, event by event."""

import datetime
import io

import pytest
from django.core.management import call_command

from casework.models import Case, CaseComment, CaseEvent
from tests.casework.factories import draft_case
from tests.casework.testkind import ERROR_NO_REVIEW_NOTE
from workflows.actors import SYSTEM_EMAIL, system_actor
from workflows.constants import OutboxStatus
from workflows.exceptions import TransitionRefused
from workflows.flows import NOTIFY_TOPIC
from workflows.models import OutboxRow
from workflows.numbering import number_year
from workflows.services import transition_apply

pytestmark = pytest.mark.django_db
D = datetime.date


def events(case):
    return list(CaseEvent.objects.filter(case=case).order_by("pk"))


def apply(case, name, actor, **data):
    return transition_apply(
        case=case, expected_status=case.status, name=name, actor=actor, data=data
    )


def test_a_case_walks_every_kind_of_transition_with_one_event_and_deadline_each(
    clock, gmina_org, municipality_user, advisor, coordinator, committee_member
):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    assert case.status == "draft"
    assert case.number == ""
    assert events(case) == []

    # Plain transition that starts the clock and numbers the case (Mon 2 March 2026).
    case = apply(case, "submit", municipality_user)
    assert case.status == "submitted"
    assert case.number == f"TST/{number_year()}/0001"
    assert case.date_received == D(2026, 3, 2)
    assert (case.deadline_days, case.deadline_unit) == (30, "calendar")
    assert case.due_date == D(2026, 4, 1)
    (submitted,) = events(case)
    assert (submitted.action, submitted.from_status, submitted.to_status) == (
        "submit",
        "draft",
        "submitted",
    )
    assert submitted.actor == municipality_user
    assert submitted.data == {"number": case.number, "due_before": None, "due_after": "2026-04-01"}

    # An advisor claims the case: assigned to self.
    case = apply(case, "accept", advisor)
    assert (case.status, case.assignee) == ("in_review", advisor)
    assert events(case)[-1].data == {"assignee": advisor.pk}

    # Pause: the state to resume is stored, the due date is empty, the requester is told.
    clock.day = D(2026, 3, 10)
    case = apply(case, "request_info", advisor, question="Ile osób obejmie projekt?")
    assert (case.status, case.resume_status, case.due_date) == ("awaiting_info", "in_review", None)
    paused = events(case)[-1]
    assert paused.data["due_before"] == "2026-04-01"
    assert paused.data["due_after"] is None
    question = CaseComment.objects.get(pk=paused.data["comment"])
    assert not question.is_internal
    assert "Ile osób" not in str(paused.data)  # no free text in the audit log
    assert case.pauses.get().started_on == D(2026, 3, 10)
    assert OutboxRow.objects.filter(topic=NOTIFY_TOPIC, payload__verb="info_requested").exists()

    # Resume to the stored state five days later: 30 + 5 days from 2 March is Easter Monday
    # 2026 (6 April), so the deadline moves to Tuesday 7 April.
    clock.day = D(2026, 3, 15)
    case = apply(case, "provide_info", municipality_user, answer="Dwanaście osób.")
    assert (case.status, case.resume_status) == ("in_review", "")
    assert case.due_date == D(2026, 4, 7)
    assert case.pauses.get().ended_on == D(2026, 3, 15)
    assert events(case)[-1].data["due_after"] == "2026-04-07"

    # Extension with a reason keeps the state, is recorded and tells the requester.
    case = apply(case, "extend_deadline", coordinator, days=7, reason="Potrzebna opinia prawna.")
    assert case.status == "in_review"
    assert case.due_date == D(2026, 4, 13)
    extended = events(case)[-1]
    assert (extended.from_status, extended.to_status) == ("in_review", "in_review")
    assert extended.data == {"days": 7, "due_before": "2026-04-07", "due_after": "2026-04-13"}
    extension = case.extensions.get()
    assert (extension.reason, extension.due_after) == ("Potrzebna opinia prawna.", D(2026, 4, 13))
    assert OutboxRow.objects.filter(payload__verb="deadline_extended").count() == 1

    # Reassignment is logged but is not a state: to the coordinator and back.
    case = apply(case, "reassign", coordinator, assignee=coordinator.pk)
    assert (case.status, case.assignee) == ("in_review", coordinator)
    assert events(case)[-1].data == {"from_assignee": advisor.pk, "assignee": coordinator.pk}
    case = apply(case, "reassign", coordinator, assignee=advisor.pk)

    # Guarded: refused until the assignee writes a review note.
    with pytest.raises(TransitionRefused) as refused:
        apply(case, "submit_for_approval", advisor)
    assert refused.value.code == "invalid"
    assert refused.value.message == ERROR_NO_REVIEW_NOTE
    CaseComment.objects.create(case=case, author=advisor, body="Opinia gotowa.", is_internal=True)
    case = apply(case, "submit_for_approval", advisor)
    assert case.status == "in_approval"
    assert case.due_date == D(2026, 4, 13)  # the clock runs in approval

    case = apply(case, "approve", committee_member)
    assert (case.status, case.due_date) == ("approved", None)
    case = apply(case, "close", coordinator)
    assert case.status == "closed"

    assert [e.action for e in events(case)] == [
        "submit",
        "accept",
        "request_info",
        "provide_info",
        "extend_deadline",
        "reassign",
        "reassign",
        "submit_for_approval",
        "approve",
        "close",
    ]
    assert Case.objects.get(pk=case.pk).status == "closed"


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 1, 1), D(2026, 2, 2)),  # 31 January 2026 is a Saturday
        (D(2026, 11, 24), D(2026, 12, 28)),  # 24 December, then Christmas and a weekend
        (D(2026, 3, 7), D(2026, 4, 7)),  # Easter Monday 2026
    ],
)
def test_the_clock_starts_on_the_date_received_and_skips_non_working_days(
    clock, gmina_org, municipality_user, received, due
):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user, date_received=received)
    case = apply(case, "submit", municipality_user)
    assert (case.clock_started_on, case.due_date) == (received, due)
    assert events(case)[-1].data["due_after"] == due.isoformat()


def test_a_complex_case_gets_the_longer_deadline(clock, gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user, is_complex=True)
    case = apply(case, "submit", municipality_user)
    assert (case.deadline_days, case.due_date) == (60, D(2026, 5, 4))  # 1 May Fri → holiday


def test_resume_returns_to_the_state_the_case_was_paused_in(
    clock, gmina_org, municipality_user, coordinator
):
    case = apply(
        draft_case(organisation=gmina_org, filed_by=municipality_user), "submit", municipality_user
    )
    case = apply(case, "request_info", coordinator, question="Proszę o uzupełnienie.")
    assert case.resume_status == "submitted"
    case = apply(case, "provide_info", municipality_user, answer="Uzupełniono.")
    assert case.status == "submitted"


def test_tick_expires_an_unanswered_case_as_the_system_actor(
    clock, gmina_org, municipality_user, coordinator
):
    case = apply(
        draft_case(organisation=gmina_org, filed_by=municipality_user), "submit", municipality_user
    )
    case = apply(case, "request_info", coordinator, question="Proszę o uzupełnienie.")
    clock.advance(13)
    call_command("tick", stdout=io.StringIO())
    assert Case.objects.get(pk=case.pk).status == "awaiting_info"
    clock.advance(1)
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())  # idempotent
    case.refresh_from_db()
    assert (case.status, case.due_date, case.resume_status) == ("expired", None, "")
    expired = events(case)[-1]
    assert (expired.action, expired.actor.email) == ("expire", SYSTEM_EMAIL)
    assert not expired.actor.is_active
    assert [e.action for e in events(case)].count("expire") == 1
    assert case.pauses.get().ended_on == clock.day


def test_nobody_but_the_system_may_run_an_automatic_transition(
    clock, gmina_org, municipality_user, coordinator
):
    case = apply(
        draft_case(organisation=gmina_org, filed_by=municipality_user), "submit", municipality_user
    )
    case = apply(case, "request_info", coordinator, question="?")
    clock.advance(30)
    with pytest.raises(TransitionRefused) as refused:
        apply(case, "expire", coordinator)
    assert refused.value.code == "forbidden"
    assert apply(case, "expire", system_actor()).status == "expired"


def test_outbox_rows_of_a_transition_are_done_by_tick_and_notify_in_app(
    clock, gmina_org, municipality_user, coordinator
):
    case = apply(
        draft_case(organisation=gmina_org, filed_by=municipality_user), "submit", municipality_user
    )
    apply(case, "request_info", coordinator, question="?")
    call_command("tick", stdout=io.StringIO())
    assert set(OutboxRow.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}
    assert set(municipality_user.notifications.values_list("verb", flat=True)) == {
        "received",
        "info_requested",
    }
