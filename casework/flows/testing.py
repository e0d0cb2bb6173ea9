"""A minimal case kind that proves the engine; it is registered only by the test suite.

It walks every kind of transition the real kinds use: plain, guarded, a pause that stores the
state to resume and a resume to it, a deadline extension that keeps the state, and an
automatic expiry run by the system actor from ``tick``. It is never registered in
``CaseworkConfig.ready``, so no user sees the kind ``test``; read it as the example to copy.
"""

import datetime

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.fsm import State

from workflows import calendar
from workflows.deadlines import DeadlinePolicy
from workflows.flows import Clock, action, resume_target
from workflows.numbering import NumberingConfig

from . import (
    CaseFlow,
    StaffChoiceField,
    all_of,
    any_of,
    is_advisor,
    is_assignee,
    is_committee,
    is_coordinator,
    is_requester,
    not_recused,
    system_only,
)

#: An unanswered question expires the case after this many days.
EXPIRY_DAYS = 14

ERROR_NO_TITLE = _("The case needs a title.")
ERROR_NO_REVIEW_NOTE = _("Write a review note before sending it for approval.")


class TestStatus(models.TextChoices):
    __test__ = False  # not a pytest test class

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    AWAITING_INFO = "awaiting_info", _("awaiting information")
    IN_APPROVAL = "in_approval", _("in approval")
    APPROVED = "approved", _("approved")
    CLOSED = "closed", _("closed")
    EXPIRED = "expired", _("expired")
    WITHDRAWN = "withdrawn", _("withdrawn")


S = TestStatus


class AssigneeForm(forms.Form):
    assignee = StaffChoiceField(label=_("Assignee"))


class AcceptForm(AssigneeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].required = False


class ReassignForm(AssigneeForm):
    pass


class QuestionForm(forms.Form):
    question = forms.CharField(max_length=2000)


class AnswerForm(forms.Form):
    answer = forms.CharField(max_length=5000)


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=2000)


class ExtendForm(forms.Form):
    days = forms.IntegerField(min_value=1, max_value=60)
    reason = forms.CharField(max_length=2000)


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
        label=_("Submit"),
        allowed=is_requester,
        guards=[title_given],
        confirm=_("Submit the request? It can no longer be edited."),
        clock=Clock.START,
    )
    def submit(self):
        if self.case.date_received is None:
            self.case.date_received = calendar.today()
        self.assign_number()

    @action(
        state,
        source=S.SUBMITTED,
        target=S.IN_REVIEW,
        label=_("Accept"),
        allowed=any_of(is_coordinator, is_advisor),
        form=AcceptForm,
    )
    def accept(self):
        # A coordinator assigns someone; an advisor claims the case for themself.
        chosen = self.data.get("assignee")
        coordinator_chose = chosen is not None and is_coordinator(self, self.actor)
        self.case.assignee_id = chosen.pk if coordinator_chose else self.actor.pk
        self.event_data["assignee"] = self.case.assignee_id

    @action(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW],
        target=S.AWAITING_INFO,
        label=_("Ask for information"),
        allowed=any_of(is_assignee, is_coordinator),
        form=QuestionForm,
        clock=Clock.PAUSE,
    )
    def request_info(self):
        self.comment(self.data["question"], internal=False)
        self.notify(self.requester_users(), "info_requested")

    @action(
        state,
        source=S.AWAITING_INFO,
        target=resume_target([S.SUBMITTED, S.IN_REVIEW]),
        label=_("Provide information"),
        allowed=is_requester,
        form=AnswerForm,
        clock=Clock.RESUME,
    )
    def provide_info(self):
        self.comment(self.data["answer"], internal=False)

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label=_("Send for approval"),
        allowed=is_assignee,
        guards=[review_note_written],
    )
    def submit_for_approval(self):
        pass

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.IN_REVIEW,
        label=_("Return for changes"),
        allowed=is_committee,
        form=ReasonForm,
    )
    def return_for_changes(self):
        self.comment(self.data["reason"], internal=True)

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.APPROVED,
        label=_("Approve"),
        allowed=all_of(is_committee, not_recused),
        confirm=_("Approve this case?"),
        clock=Clock.STOP,
    )
    def approve(self):
        self.notify(self.requester_users(), "approved")

    @action(
        state,
        source=S.APPROVED,
        target=S.CLOSED,
        label=_("Close"),
        allowed=any_of(is_coordinator, is_assignee),
    )
    def close(self):
        pass

    @action(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.IN_APPROVAL],
        label=_("Extend the deadline"),
        allowed=any_of(is_coordinator, is_assignee),
        form=ExtendForm,
        clock=Clock.EXTEND,
    )
    def extend_deadline(self):
        pass

    @action(
        state,
        source=[S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL],
        label=_("Reassign"),
        allowed=is_coordinator,
        form=ReassignForm,
    )
    def reassign(self):
        """Reassignment is an action on the case (logged), not a state."""
        self.event_data["from_assignee"] = self.case.assignee_id
        self.case.assignee_id = self.data["assignee"].pk
        self.event_data["assignee"] = self.case.assignee_id

    @action(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO],
        target=S.WITHDRAWN,
        label=_("Withdraw"),
        allowed=is_requester,
        confirm=_("Withdraw the request?"),
        clock=Clock.STOP,
    )
    def withdraw(self):
        pass

    @action(
        state,
        source=S.AWAITING_INFO,
        target=S.EXPIRED,
        label=_("Expire"),
        allowed=system_only,
        guards=[question_unanswered_too_long],
        clock=Clock.STOP,
    )
    def expire(self):
        self.notify(self.requester_users(), "expired")
