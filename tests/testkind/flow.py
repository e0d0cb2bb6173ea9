"""The flow of the test kind (``tests.testkind``): it proves the engine and casework's shared
code; only the test suite installs the kind, so no user ever meets the kind ``test``.
casework's shared modules never import it: it reaches them through the registry, as every
real kind does.

It walks every kind of transition the real kinds use: plain, guarded, the common ones of
``casework.flows.transitions`` (accept, a pause that stores the state to resume and a resume
to it, a deadline extension that keeps the state, reassignment, withdrawal, return and
approval), and an automatic expiry run by the system actor from ``tick``.
"""

import datetime

from django.db import models
from viewflow.fsm import State

from casework.flows import (
    CaseFlow,
    assignee_or_coordinator,
    deciding_member,
    is_assignee,
    is_requester,
    system_only,
)
from casework.flows import transitions as common
from workflows import calendar
from workflows.deadlines import DeadlinePolicy
from workflows.flows import Clock, action
from workflows.numbering import NumberingConfig

#: An unanswered question expires the case after this many days.
EXPIRY_DAYS = 14

ERROR_NO_TITLE = "The case needs a title."
ERROR_NO_REVIEW_NOTE = "Write a review note before sending it for approval."


class TestStatus(models.TextChoices):
    __test__ = False  # not a pytest test class

    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    IN_REVIEW = "in_review", "in review"
    AWAITING_INFO = "awaiting_info", "awaiting information"
    IN_APPROVAL = "in_approval", "in approval"
    APPROVED = "approved", "approved"
    CLOSED = "closed", "closed"
    EXPIRED = "expired", "expired"
    WITHDRAWN = "withdrawn", "withdrawn"


S = TestStatus


def title_given(flow) -> State.CONDITION:
    return State.CONDITION(bool(flow.case.title.strip()), ERROR_NO_TITLE)


def review_note_written(flow) -> State.CONDITION:
    has_note = flow.case.comments.filter(is_internal=True).exists()
    return State.CONDITION(has_note, ERROR_NO_REVIEW_NOTE)


def question_unanswered_too_long(flow) -> bool:
    pause = flow.case.pauses.filter(ended_on__isnull=True).first()
    return bool(
        pause and calendar.today() - pause.started_on >= datetime.timedelta(days=EXPIRY_DAYS)
    )


class TestFlow(CaseFlow):
    __test__ = False

    kind = "test"
    statuses = TestStatus
    state = State(TestStatus, default=TestStatus.DRAFT)
    numbering = NumberingConfig(prefix="TST", jrwa="0000", retention="B5")
    deadline_policy = DeadlinePolicy(days=30, complex_days=60)
    committee_states = frozenset({S.IN_APPROVAL, S.APPROVED, S.CLOSED})
    automatic = ("expire",)

    @action(
        state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        label="Submit",
        allowed=is_requester,
        guards=[title_given],
        confirm="Submit the request? It can no longer be edited.",
        clock=Clock.START,
    )
    def submit(self):
        if self.case.date_received is None:
            self.case.date_received = calendar.today()
        self.assign_number()
        self.receipt()

    accept = common.accept(state, source=S.SUBMITTED, target=S.IN_REVIEW)
    request_info = common.request_info(
        state, source=[S.SUBMITTED, S.IN_REVIEW], target=S.AWAITING_INFO
    )
    provide_info = common.provide_info(
        state, source=S.AWAITING_INFO, resume_to=[S.SUBMITTED, S.IN_REVIEW], allowed=is_requester
    )

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label="Send for approval",
        allowed=is_assignee,
        guards=[review_note_written],
    )
    def submit_for_approval(self):
        pass

    return_for_changes = common.return_for_changes(
        state, source=S.IN_APPROVAL, target=S.IN_REVIEW, allowed=deciding_member
    )

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.APPROVED,
        label="Approve",
        allowed=deciding_member,
        confirm="Approve this case?",
        clock=Clock.STOP,
    )
    def approve(self):
        self.notify(self.requester_users(), "approved")

    @action(
        state,
        source=S.APPROVED,
        target=S.CLOSED,
        label="Close",
        allowed=assignee_or_coordinator,
    )
    def close(self):
        pass

    extend_deadline = common.extend_deadline(
        state, source=[S.SUBMITTED, S.IN_REVIEW, S.IN_APPROVAL]
    )
    reassign = common.reassign(state, source=[S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL])
    withdraw = common.withdraw(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO],
        target=S.WITHDRAWN,
        allowed=is_requester,
    )

    @action(
        state,
        source=S.AWAITING_INFO,
        target=S.EXPIRED,
        label="Expire",
        allowed=system_only,
        guards=[question_unanswered_too_long],
        clock=Clock.STOP,
    )
    def expire(self):
        self.notify(self.requester_users(), "expired")
