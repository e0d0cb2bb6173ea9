"""The good practice's flow (DESIGN.md, "Good-practice submission"), built from casework's
common transitions and the permission module's relations.

draft → submitted → in_review → in_approval → published → archived; rejected; withdrawn; and
"returned for changes": the reviewer sends the practice back to the submitter with feedback
they can read (a comment shared with the requesting side), the clock pauses until they
resubmit. A coordinator may add a second reviewer; both score, and an average (of the
reviewers' averages) below the threshold cannot go for approval. Approval is by a single
committee member (four-eyes: not a drafter, not recused) and publishes the practice.
"""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from viewflow.fsm import State

from casework.flows import (
    CaseFlow,
    assignee_or_coordinator,
    deciding_member,
    is_assignee,
    is_coordinator,
    is_requester_side,
)
from casework.flows import transitions as common
from workflows.constants import RefusalCode
from workflows.deadlines import DeadlinePolicy
from workflows.exceptions import TransitionRefused
from workflows.flows import Clock, action, resume_target
from workflows.numbering import NumberingConfig

from .constants import KIND, PracticeStatus
from .documents import card_request
from .forms import SecondReviewerForm
from .models import GoodPractice
from .services import min_average, practice_freeze, practice_index, review_of

S = PracticeStatus

ERROR_NO_DETAIL = _("This case has no good-practice details.")
ERROR_INCOMPLETE = _("Describe the problem, the solution and the results before submitting.")
ERROR_UNSCORED = _("Score every criterion before sending the practice for approval: %(missing)s.")
ERROR_SECOND_REVIEWER_IS_ASSIGNEE = _(
    "The assignee already reviews the practice: choose another advisor as the second reviewer."
)
ERROR_BELOW_THRESHOLD = _(
    "The average score %(average)s is below the threshold %(threshold)s: the practice cannot "
    "go for approval. Return it for changes or decline it."
)


def _practice(flow):
    try:
        return flow.case.practice
    except GoodPractice.DoesNotExist:
        return None


def text_complete(flow) -> State.CONDITION:
    practice = _practice(flow)
    if practice is None:
        return State.CONDITION(False, ERROR_NO_DETAIL)
    complete = all(getattr(practice, name).strip() for name in ("problem", "solution", "results"))
    return State.CONDITION(complete, ERROR_INCOMPLETE)


def scores_reach_threshold(flow) -> State.CONDITION:
    """Every reviewer scored every criterion in use and the average (of the reviewers'
    averages, ``services.review_of``) reaches the threshold."""
    practice = _practice(flow)
    if practice is None:
        return State.CONDITION(False, ERROR_NO_DETAIL)
    _rows, average, missing = review_of(practice)
    if missing or average is None:
        names = ", ".join(c.label for c in missing)
        return State.CONDITION(False, ERROR_UNSCORED % {"missing": names})
    threshold = min_average()
    if average < threshold:
        return State.CONDITION(
            False,
            ERROR_BELOW_THRESHOLD
            % {"average": number_format(average, 2), "threshold": number_format(threshold, 2)},
        )
    return State.CONDITION(True, "")


def _published(flow, version) -> None:
    """On publication: the catalogue's index is refreshed (the organisation's name or the
    places' names may have changed since the text was last saved) and the practice card (a
    public, verifiable PDF) is issued."""
    practice_index(practice=flow.case.practice)
    card_request(flow=flow, version=version)


class PracticeFlow(CaseFlow):
    kind = KIND
    statuses = PracticeStatus
    state = State(PracticeStatus, default=PracticeStatus.DRAFT)
    numbering = NumberingConfig(prefix="DP", jrwa="8121", retention="A")
    deadline_policy = DeadlinePolicy(days=60)
    committee_states = frozenset({S.IN_APPROVAL, S.PUBLISHED, S.ARCHIVED})

    def current_version(self):
        practice = _practice(self)
        return practice.current_version if practice else None

    submit = common.submit(
        state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        label=_("Submit the practice"),
        done=_("Practice submitted"),
        guards=[text_complete],
        confirm=_("Submit the practice? It can be edited again only if the reviewer asks."),
    )

    accept = common.accept(
        state, source=S.SUBMITTED, target=S.IN_REVIEW, done=_("Practice accepted for review")
    )

    decline = common.decline(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW],
        target=S.REJECTED,
        confirm=_("The practice will not be published; the submitter is told the reason."),
        done=_("Practice declined"),
    )

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.CHANGES_REQUESTED,
        label=_("Return to the submitter for changes"),
        done=_("Practice returned to the submitter for changes"),
        allowed=assignee_or_coordinator,
        form=common.ReasonForm,
        clock=Clock.PAUSE,
    )
    def request_changes(self):
        # The reviewer's feedback is for the submitter: a comment shared with them.
        self.comment(self.data["reason"], internal=False)
        self.notify(self.requester_users(), "changes_requested")

    @action(
        state,
        source=S.CHANGES_REQUESTED,
        target=resume_target([S.IN_REVIEW]),
        label=_("Resubmit the practice"),
        done=_("Practice resubmitted"),
        allowed=is_requester_side,
        guards=[text_complete],
        clock=Clock.RESUME,
    )
    def resubmit(self):
        self.notify(self.assignee_or_coordinators(), "resubmitted")

    @action(
        state,
        source=S.IN_REVIEW,
        label=_("Add a second reviewer"),
        done=_("Second reviewer added"),
        allowed=is_coordinator,
        form=SecondReviewerForm,
    )
    def add_second_reviewer(self):
        """A coordinator adds (or replaces) an advisor who scores the practice beside the
        assignee; the practice then goes for approval only when both scored every
        criterion, and the threshold applies to the mean of their averages."""
        reviewer = self.data["reviewer"]
        if reviewer.pk == self.case.assignee_id:
            raise TransitionRefused(RefusalCode.INVALID, ERROR_SECOND_REVIEWER_IS_ASSIGNEE)
        practice = self.case.practice
        self.event_data["from_second_reviewer"] = practice.second_reviewer_id
        practice.second_reviewer = reviewer
        practice.save(update_fields=["second_reviewer"])
        self.event_data["second_reviewer"] = reviewer.pk
        self.notify([reviewer], "second_reviewer")

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label=_("Send for approval"),
        done=_("Practice sent for approval"),
        allowed=is_assignee,
        guards=[scores_reach_threshold],
        confirm=_("Send the practice for approval? Its text and scores will be frozen."),
    )
    def submit_for_approval(self):
        version = practice_freeze(practice=self.case.practice, sent_by=self.actor)
        self.event_data["version"] = version.pk
        self.event_data["sha256"] = version.sha256
        self.event_data["average"] = str(version.average)
        self.notify(self.deciders(), "approval_requested")

    return_for_changes = common.return_for_changes(
        state,
        source=S.IN_APPROVAL,
        target=S.IN_REVIEW,
        allowed=deciding_member,
        done=_("Practice returned to the reviewer"),
    )
    approve = common.approve(
        state,
        source=S.IN_APPROVAL,
        target=S.PUBLISHED,
        confirm=_("This version of the practice will be approved and published."),
        done=_("Practice approved and published"),
        then=lambda flow, version: _published(flow, version),
    )

    reject = common.reject(
        state,
        source=S.IN_APPROVAL,
        target=S.REJECTED,
        confirm=_("The practice will be rejected; the submitter is told the reason."),
        done=_("Practice rejected"),
    )

    @action(
        state,
        source=S.PUBLISHED,
        target=S.ARCHIVED,
        label=_("Archive"),
        done=_("Practice archived"),
        allowed=is_coordinator,
        confirm=_("The practice will be archived; it stays readable with a notice."),
        irreversible=True,
    )
    def archive(self):
        self.notify(self.requester_users(), "archived")

    withdraw = common.withdraw(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED],
        target=S.WITHDRAWN,
        confirm=_("The practice will be closed and nobody will review it any more."),
        done=_("Practice withdrawn"),
    )
    extend_deadline = common.extend_deadline(state, source=[S.SUBMITTED, S.IN_REVIEW])
    reassign = common.reassign(state, source=[S.IN_REVIEW, S.CHANGES_REQUESTED, S.IN_APPROVAL])
