"""A stateful property test: random actions by random users on random cases never break the
engine's invariants."""

import datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from casework.models import Case, CaseComment, CaseEvent
from tests.casework.factories import draft_case
from tests.casework.testkind import TestFlow
from tests.factories import MembershipFactory, OrganisationFactory
from workflows import calendar
from workflows.actors import system_actor
from workflows.exceptions import TransitionRefused
from workflows.models import OutboxRow
from workflows.services import transition_apply

from .helpers import Clock

# Written from the test kind's table, not read from the code: (action, from) → to.
EDGES = {
    ("submit", "draft"): "submitted",
    ("accept", "submitted"): "in_review",
    ("request_info", "submitted"): "awaiting_info",
    ("request_info", "in_review"): "awaiting_info",
    ("provide_info", "awaiting_info"): None,  # back to the stored state
    ("submit_for_approval", "in_review"): "in_approval",
    ("return_for_changes", "in_approval"): "in_review",
    ("approve", "in_approval"): "approved",
    ("close", "approved"): "closed",
    ("extend_deadline", "submitted"): "submitted",
    ("extend_deadline", "in_review"): "in_review",
    ("extend_deadline", "in_approval"): "in_approval",
    ("reassign", "in_review"): "in_review",
    ("reassign", "awaiting_info"): "awaiting_info",
    ("reassign", "in_approval"): "in_approval",
    ("withdraw", "submitted"): "withdrawn",
    ("withdraw", "in_review"): "withdrawn",
    ("withdraw", "awaiting_info"): "withdrawn",
    ("expire", "awaiting_info"): "expired",
}
CLOCK_RUNS = {"submitted", "in_review", "in_approval"}
ACTIONS = sorted({name for name, _ in EDGES} | {"bogus"})
# Who usually runs what, so random walks get deep; the other half of the draws is any pair.
USUAL = [  # forward moves first: small draws walk a case to its end
    ("requester", "submit"),
    ("advisor", "accept"),
    ("advisor", "submit_for_approval"),
    ("committee", "approve"),
    ("coordinator", "close"),
    ("system", "expire"),
    ("requester", "provide_info"),
    ("committee", "return_for_changes"),
    ("recused", "approve"),
    ("coordinator", "accept"),
    ("coordinator", "submit_for_approval"),
    ("advisor", "request_info"),
    ("coordinator", "request_info"),
    ("coordinator", "extend_deadline"),
    ("coordinator", "reassign"),
    ("requester", "withdraw"),
]
WHO = [
    "requester",
    "stranger",
    "advisor",
    "advisor2",
    "coordinator",
    "committee",
    "recused",
    "system",
]
GOOD_DATA = {
    "request_info": {"question": "Proszę o dane."},
    "provide_info": {"answer": "Dane w załączeniu."},
    "withdraw": {"reason": "Rezygnujemy."},
    "return_for_changes": {"reason": "Do poprawy."},
    "extend_deadline": {"days": 10, "reason": "Sprawa złożona."},
}


def _snapshot(case_id):
    return (
        Case.objects.filter(pk=case_id).values().get(),
        CaseEvent.objects.filter(case_id=case_id).count(),
        OutboxRow.objects.count(),
    )


class EngineMachine(RuleBasedStateMachine):
    users: dict = {}
    organisation = None
    clock: Clock

    cases = Bundle("cases")

    def __init__(self):
        super().__init__()
        self.mine: list[int] = []

    @precondition(lambda self: len(self.mine) < 3)
    @rule(target=cases)
    def open_case(self):
        case = draft_case(organisation=self.organisation, filed_by=self.users["requester"])
        self.mine.append(case.pk)
        return case.pk

    @rule(days=st.integers(min_value=0, max_value=20))
    def time_passes(self, days):
        self.clock.advance(days)

    @rule(case_id=cases)
    def advisor_writes_a_note(self, case_id):
        CaseComment.objects.create(
            case_id=case_id, author=self.users["advisor"], body="Notatka.", is_internal=True
        )

    @rule(
        case_id=cases,
        pair=st.one_of(
            st.sampled_from(USUAL), st.tuples(st.sampled_from(WHO), st.sampled_from(ACTIONS))
        ),
        good_data=st.sampled_from([True, True, True, False]),
        stale=st.sampled_from([False, False, False, False, True]),
    )
    def act(self, case_id, pair, good_data, stale):
        """Anyone tries anything, with or without its data, perhaps on a stale copy."""
        self._attempt(case_id, *pair, good_data=good_data, stale=stale)

    @rule(case_id=cases, index=st.integers(min_value=0, max_value=20))
    def act_as_usual(self, case_id, index):
        """The usual actor runs an action the kind's table allows from the current state."""
        status = Case.objects.get(pk=case_id).status
        usual = [(who, name) for who, name in USUAL if (name, status) in EDGES]
        if usual:
            who, name = usual[index % len(usual)]
            if name == "submit_for_approval" and index % 2 == 0:
                self.advisor_writes_a_note(case_id)
            self._attempt(case_id, who, name, good_data=True, stale=False)

    def _attempt(self, case_id, who, name, *, good_data, stale):
        case = Case.objects.get(pk=case_id)
        if stale:  # act on a copy that someone else has since changed
            case.status = "in_review" if case.status != "in_review" else "submitted"
        before, events_before, outbox_before = _snapshot(case_id)
        data = GOOD_DATA.get(name, {}) if good_data else {}
        try:
            after_case = transition_apply(
                case=case,
                expected_status=case.status,
                name=name,
                actor=self.users[who],
                data=dict(data),
            )
        except TransitionRefused as refused:
            assert refused.code in {"forbidden", "invalid", "conflict"}  # noqa: PT017
            assert _snapshot(case_id) == (before, events_before, outbox_before)
            return
        old, new = before["status"], after_case.status
        assert (name, old) in EDGES, (name, old)
        expected = EDGES[(name, old)] or before["resume_status"]
        assert new == expected
        events = list(CaseEvent.objects.filter(case_id=case_id).order_by("pk"))
        assert len(events) == events_before + 1
        last = events[-1]
        assert (last.action, last.from_status, last.to_status) == (name, old, new)
        assert last.actor_id == self.users[who].pk
        assert Case.objects.get(pk=case_id).status == new

    @invariant()
    def every_case_is_consistent(self):
        for case in Case.objects.filter(pk__in=self.mine):
            assert bool(case.resume_status) == (case.status == "awaiting_info")
            assert (case.due_date is not None) == (case.status in CLOCK_RUNS)
            assert bool(case.number) == (case.status != "draft")
            events = list(case.events.order_by("pk"))
            assert (events == []) == (case.status == "draft")
            state = "draft"
            for event in events:
                assert event.from_status == state
                state = event.to_status
            assert state == case.status


@pytest.mark.django_db
def test_random_actions_never_break_the_engine_invariants(monkeypatch):
    organisation = OrganisationFactory(kind="gmina")
    rops = OrganisationFactory(rops=True)
    committee = OrganisationFactory(committee=True)
    stranger_org = OrganisationFactory(kind="foundation")
    users = {
        "requester": MembershipFactory(organisation=organisation).user,
        "stranger": MembershipFactory(organisation=stranger_org).user,
        "advisor": MembershipFactory(organisation=rops, role="advisor").user,
        "advisor2": MembershipFactory(organisation=rops, role="advisor").user,
        "coordinator": MembershipFactory(organisation=rops, role="coordinator").user,
        "committee": MembershipFactory(organisation=committee).user,
        "system": system_actor(),
    }
    recused = MembershipFactory(organisation=committee).user
    MembershipFactory(organisation=organisation, user=recused)
    users["recused"] = recused
    clock = Clock(datetime.date(2026, 3, 2))
    monkeypatch.setattr(calendar, "today", clock)
    GOOD_DATA["reassign"] = {"assignee": users["advisor2"].pk}
    EngineMachine.users, EngineMachine.organisation, EngineMachine.clock = (
        users,
        organisation,
        clock,
    )
    assert TestFlow.transition_names() == sorted(a for a in ACTIONS if a != "bogus")
    run_state_machine_as_test(
        EngineMachine,
        # Bounded: each step is several transactions; 30 walks of 30 steps reach every state.
        settings=settings(
            max_examples=min(settings().max_examples, 30),
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
