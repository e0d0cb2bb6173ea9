"""The advisory request (wniosek o doradztwo): the flow of DESIGN.md, "Advisory request".

Who may act is declared on each transition (role + relation); guards read only the case.
Two relations matter for the committee: the **drafters** of the version in approval (the
assignee who sent it and everyone who edited the opinion) and the **recused** members (a
current membership of theirs is in the requesting organisation). Neither may approve, and the
recused may not decide at all; both are permissions, so the buttons disappear too.

Approval is single-member (four-eyes). A committee resolution (uchwała, vote or circular
procedure) belongs to the later committee issue.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from viewflow.fsm import State

from casework.flows import (
    CaseFlow,
    assignee_or_coordinator,
    deciding_member,
    is_assignee,
    is_coordinator,
)
from casework.flows import transitions as common
from workflows.deadlines import DeadlinePolicy
from workflows.flows import action
from workflows.numbering import NumberingConfig

from .constants import KIND, AdvisoryStatus
from .intake.topics import check_complete
from .models import AdvisoryRequest
from .services import opinion_document_request, opinion_freeze

S = AdvisoryStatus

ERROR_NO_OPINION = _("Write the opinion before sending it for approval.")
ERROR_NO_CONSENT = _("The requester has not agreed to a public version of the opinion.")
ERROR_PUBLIC_ISSUED = _("The public version of this opinion has already been issued.")
ERROR_NO_DETAIL = _("This case has no advisory details.")


def _advisory(flow):
    try:
        return flow.case.advisory
    except AdvisoryRequest.DoesNotExist:
        return None


def intake_complete(flow) -> State.CONDITION:
    advisory = _advisory(flow)
    if advisory is None:
        return State.CONDITION(False, ERROR_NO_DETAIL)
    try:
        check_complete(advisory.topic, advisory.intake)
    except ValidationError as exc:
        return State.CONDITION(False, " ".join(exc.messages))
    return State.CONDITION(True, "")


def opinion_written(flow) -> State.CONDITION:
    advisory = _advisory(flow)
    return State.CONDITION(bool(advisory and advisory.opinion_text.strip()), ERROR_NO_OPINION)


def public_version_possible(flow) -> State.CONDITION:
    advisory = _advisory(flow)
    if advisory is None or not advisory.consent_to_publish:
        return State.CONDITION(False, ERROR_NO_CONSENT)
    issued = flow.case.events.filter(action="publish_public").exists()
    return State.CONDITION(not issued, ERROR_PUBLIC_ISSUED)


class AdvisoryFlow(CaseFlow):
    kind = KIND
    statuses = AdvisoryStatus
    state = State(AdvisoryStatus, default=AdvisoryStatus.DRAFT)
    numbering = NumberingConfig(prefix="DOR", jrwa="8120", retention="A")
    deadline_policy = DeadlinePolicy(days=30, complex_days=60)
    committee_states = frozenset({S.IN_APPROVAL, S.APPROVED, S.PUBLISHED})

    def current_version(self):
        advisory = _advisory(self)
        return advisory.current_version if advisory else None

    # Transitions (DESIGN.md's table) ------------------------------------------------------

    submit = common.submit(
        state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        label=_("Submit the request"),
        done=_("Request submitted"),
        guards=[intake_complete],
        confirm=_("Submit the request? It can no longer be edited."),
    )

    accept = common.accept(
        state, source=S.SUBMITTED, target=S.IN_REVIEW, done=_("Request accepted for review")
    )

    decline = common.decline(
        state,
        source=S.SUBMITTED,
        target=S.REJECTED,
        confirm=_("The request will not be reviewed; the requester is told the reason."),
        done=_("Request not accepted"),
    )

    request_info = common.request_info(
        state, source=[S.SUBMITTED, S.IN_REVIEW], target=S.AWAITING_INFO
    )
    provide_info = common.provide_info(
        state, source=S.AWAITING_INFO, resume_to=[S.SUBMITTED, S.IN_REVIEW]
    )

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label=_("Send for approval"),
        done=_("Opinion sent for approval"),
        allowed=is_assignee,
        guards=[opinion_written],
        confirm=_("Send the opinion for approval? This version will be frozen."),
    )
    def submit_for_approval(self):
        version = opinion_freeze(advisory=self.case.advisory, sent_by=self.actor)
        self.event_data["version"] = version.pk
        self.event_data["sha256"] = version.sha256
        self.notify(self.deciders(), "approval_requested")

    return_for_changes = common.return_for_changes(
        state,
        source=S.IN_APPROVAL,
        target=S.IN_REVIEW,
        allowed=deciding_member,
        done=_("Opinion returned for changes"),
    )
    approve = common.approve(
        state,
        source=S.IN_APPROVAL,
        target=S.APPROVED,
        confirm=_("This version of the opinion will be approved and can then be issued."),
        done=_("Opinion approved"),
    )

    reject = common.reject(
        state,
        source=S.IN_APPROVAL,
        target=S.REJECTED,
        confirm=_("The request will be rejected; the requester is told the reason."),
        done=_("Request rejected"),
    )

    @action(
        state,
        source=S.APPROVED,
        target=S.PUBLISHED,
        label=_("Publish the opinion"),
        done=_("Opinion issued"),
        allowed=assignee_or_coordinator,
        confirm=_("The opinion will be issued to the requester as a PDF document."),
        irreversible=True,
    )
    def publish(self):
        version = self.case.advisory.current_version
        document = opinion_document_request(version=version, actor=self.actor, public=False)
        self.event_data["version"] = version.pk
        if document is not None:
            self.event_data["document"] = document.pk
        self.notify(self.requester_users(), "published")

    @action(
        state,
        source=S.PUBLISHED,
        label=_("Publish an anonymised public version"),
        done=_("Anonymised public version issued"),
        allowed=is_coordinator,
        guards=[public_version_possible],
        confirm=_("An anonymised version of the opinion will be published for everyone."),
        irreversible=True,
    )
    def publish_public(self):
        """A separate act, only after the requester's consent; the document has no personal
        data."""
        version = self.case.advisory.current_version
        document = opinion_document_request(version=version, actor=self.actor, public=True)
        self.event_data["version"] = version.pk
        if document is not None:
            self.event_data["document"] = document.pk

    withdraw = common.withdraw(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO],
        target=S.WITHDRAWN,
        confirm=_("The request will be closed and nobody will work on it any more."),
        done=_("Request withdrawn"),
    )
    extend_deadline = common.extend_deadline(
        state, source=[S.SUBMITTED, S.IN_REVIEW, S.IN_APPROVAL]
    )
    reassign = common.reassign(state, source=[S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL])
