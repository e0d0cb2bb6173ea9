"""The partnership agreement's flow (DESIGN.md, "Partnership agreement"), built from
casework's common transitions and the permission module's relations.

draft → in_review → in_approval → signing → in_force → expired | terminated; rejected;
withdrawn; and "awaiting information": the reviewer's question is with the leader, who answers
(and may edit the text meanwhile). Approval is by a single committee member (four-eyes) and
sends the frozen version to the parties for signing; a party's representative may refuse with
a reason (back to review). Signatures are recorded by ``services.agreement_sign``; the last
party's completed signature runs ``enter_into_force`` as the system actor. The end date
expires the agreement by itself (``tick``).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.fsm import State
from viewflow.utils import DEFAULT

from casework import permissions as p
from casework.flows import (
    CaseFlow,
    deciding_member,
    is_assignee,
    is_coordinator,
    is_requester_side,
    system_only,
)
from casework.flows import transitions as common
from workflows import calendar
from workflows.deadlines import DeadlinePolicy
from workflows.flows import Clock, action
from workflows.numbering import NumberingConfig

from .constants import KIND, AgreementStatus
from .documents import agreement_document_request
from .models import Agreement
from .services import (
    EVENT_PARTY_COMPLETE,
    EVENT_SIGNED,
    SIGNATORY,
    agreement_freeze,
    party_users,
    signatories_of,
    signing_open,
)

S = AgreementStatus

ERROR_NO_DETAIL = _("This case has no agreement details.")
ERROR_INCOMPLETE = _(
    "Give the goals, the scope, the governance and the start date before submitting."
)
ERROR_NO_PARTNER = _("An agreement needs at least one party besides the leader.")
ERROR_DATES = _("The agreement cannot end before it starts.")
ERROR_NOT_ALL_SIGNED = _("Not every party has signed the current version yet.")
ERROR_NOT_ENDED = _("The agreement's end date has not passed yet.")
ERROR_NOTICE_GIVEN = _("Notice of termination has already been given.")
ERROR_NOTICE_RUNNING = _("The notice period has not run yet.")
ERROR_NO_ANNEX_SUMMARY = _("Say what the annex changes before submitting it.")

#: Labels of the history's events written outside a transition.
EVENT_LABELS = {
    EVENT_SIGNED: _("Signed by a party's representative"),
    EVENT_PARTY_COMPLETE: _("A party's signature is complete"),
}

is_signatory = p.predicate(SIGNATORY)
leader_or_coordinator = p.predicate(p.any_of(p.REQUESTER_SIDE, p.COORDINATOR))
signatory_or_coordinator = p.predicate(p.any_of(SIGNATORY, p.COORDINATOR))


def _agreement(flow) -> Agreement | None:
    try:
        return flow.case.agreement
    except Agreement.DoesNotExist:
        return None


def text_complete(flow) -> State.CONDITION:
    agreement = _agreement(flow)
    if agreement is None:
        return State.CONDITION(False, ERROR_NO_DETAIL)
    complete = all(
        getattr(agreement, name).strip() for name in ("goals", "scope", "governance")
    ) and bool(agreement.start_date)
    if not complete:
        return State.CONDITION(False, ERROR_INCOMPLETE)
    if agreement.end_date and agreement.end_date < agreement.start_date:
        return State.CONDITION(False, ERROR_DATES)
    if not agreement.active_parties().filter(is_leader=False).exists():
        return State.CONDITION(False, ERROR_NO_PARTNER)
    if agreement.in_force_version_id and not agreement.annex_summary.strip():
        return State.CONDITION(False, ERROR_NO_ANNEX_SUMMARY)
    return State.CONDITION(True, "")


def all_parties_signed(flow) -> State.CONDITION:
    agreement = _agreement(flow)
    if agreement is None or agreement.current_version_id is None:
        return State.CONDITION(False, ERROR_NO_DETAIL)
    pending = agreement.active_parties().exclude(signed_version_id=agreement.current_version_id)
    return State.CONDITION(not pending.exists(), ERROR_NOT_ALL_SIGNED)


def end_date_passed(flow) -> State.CONDITION:
    """The end date of the version in force (not of an annex still being drafted) passed."""
    agreement = _agreement(flow)
    version = agreement.in_force_version if agreement else None
    ended = bool(version and version.end_date and version.end_date < calendar.today().isoformat())
    return State.CONDITION(ended, ERROR_NOT_ENDED)


def no_notice_given(flow) -> State.CONDITION:
    agreement = _agreement(flow)
    return State.CONDITION(bool(agreement) and agreement.terminates_on is None, ERROR_NOTICE_GIVEN)


def notice_period_over(flow) -> State.CONDITION:
    agreement = _agreement(flow)
    over = bool(
        agreement and agreement.terminates_on and agreement.terminates_on <= calendar.today()
    )
    return State.CONDITION(over, ERROR_NOTICE_RUNNING)


def _in_force_or(state):
    """The target of a refusal that ends an annex: the agreement stays in force as it was;
    without a signed version it ends in ``state``."""

    def target(flow, *args, **kwargs):
        agreement = _agreement(flow)
        return S.IN_FORCE if agreement and agreement.in_force_version_id else state

    return State.GET_STATE(target, states=[S.IN_FORCE, state])


class AgreementFlow(CaseFlow):
    kind = KIND
    statuses = AgreementStatus
    state = State(AgreementStatus, default=AgreementStatus.DRAFT)
    numbering = NumberingConfig(prefix="PP", jrwa="0312", retention="A")
    deadline_policy = DeadlinePolicy(days=30)
    committee_states = frozenset(
        {S.IN_APPROVAL, S.SIGNING, S.IN_FORCE, S.AMENDING, S.EXPIRED, S.TERMINATED}
    )
    automatic = ("expire", "terminate")

    @classmethod
    def done_label(cls, name: str) -> str:
        if name in EVENT_LABELS:
            return str(EVENT_LABELS[name])
        return super().done_label(name)

    def current_version(self):
        agreement = _agreement(self)
        return agreement.current_version if agreement else None

    def requester_users(self) -> list:
        """The leader's members, and from review on every party's: the agreement is theirs."""
        agreement = _agreement(self)
        if agreement is None:
            return super().requester_users()
        return party_users(agreement)

    def transition_done(self, name: str, old_status: str) -> None:
        """Approval sends the version to the parties: the PDF is issued for signing and
        the signing deadline set (after the common approval recorded the member)."""
        super().transition_done(name, old_status)
        if name == "approve":
            agreement = self.case.agreement
            signing_open(agreement=agreement)
            document = agreement_document_request(
                version=agreement.current_version, actor=self.actor, signed=False
            )
            self.event_data["document"] = document.pk
            self.event_data["signing_due"] = agreement.signing_due.isoformat()
            self.notify(signatories_of(agreement), "signing_opened")

    submit = common.submit(
        state,
        source=[S.DRAFT, S.AMENDING],
        target=S.IN_REVIEW,
        label=_("Submit the agreement for review"),
        done=_("Agreement submitted for review"),
        guards=[text_complete],
        confirm=_(
            "Submit the agreement? The parties will see it, and it can be edited again only "
            "if the reviewer asks."
        ),
    )

    accept = common.accept(
        state, source=S.IN_REVIEW, target=DEFAULT, done=_("Agreement taken for review")
    )
    request_info = common.request_info(
        state,
        source=S.IN_REVIEW,
        target=S.AWAITING_INFO,
        done=_("Question sent to the leader"),
    )
    provide_info = common.provide_info(
        state, source=S.AWAITING_INFO, resume_to=[S.IN_REVIEW], done=_("The leader answered")
    )

    @action(
        state,
        source=[S.IN_REVIEW, S.AWAITING_INFO],
        target=_in_force_or(S.REJECTED),
        label=_("Decline"),
        done=_("Agreement declined"),
        allowed=is_coordinator,
        form=common.ReasonForm,
        confirm=_("The agreement will not go ahead; the parties are told the reason."),
        clock=Clock.STOP,
        irreversible=True,
    )
    def decline(self):
        self.comment(self.data["reason"], internal=False)
        self.notify(self.requester_users(), "declined")

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label=_("Send for approval"),
        done=_("Agreement sent for approval"),
        allowed=is_assignee,
        guards=[text_complete],
        confirm=_("Send the agreement for approval? Its text and parties will be frozen."),
    )
    def submit_for_approval(self):
        version = agreement_freeze(agreement=self.case.agreement, sent_by=self.actor)
        self.event_data["version"] = version.pk
        self.event_data["sha256"] = version.sha256
        self.notify(self.deciders(), "approval_requested")

    return_for_changes = common.return_for_changes(
        state,
        source=S.IN_APPROVAL,
        target=S.IN_REVIEW,
        allowed=deciding_member,
        done=_("Agreement returned to the reviewer"),
    )
    approve = common.approve(
        state,
        source=S.IN_APPROVAL,
        target=S.SIGNING,
        confirm=_(
            "This version of the agreement will be approved and sent to the parties for signing."
        ),
        done=_("Agreement approved and sent for signing"),
    )

    @action(
        state,
        source=S.IN_APPROVAL,
        target=_in_force_or(S.REJECTED),
        label=_("Reject"),
        done=_("Agreement rejected"),
        allowed=deciding_member,
        form=common.ReasonForm,
        confirm=_("The agreement will be rejected; the parties are told the reason."),
        clock=Clock.STOP,
        irreversible=True,
    )
    def reject(self):
        self.event_data["version"] = self.case.agreement.current_version_id
        self.comment(self.data["reason"], internal=False)
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "rejected")

    @action(
        state,
        source=S.SIGNING,
        target=S.IN_REVIEW,
        label=_("Refuse to sign"),
        done=_("A party refused to sign; the agreement is back in review"),
        allowed=is_signatory,
        form=common.ReasonForm,
        confirm=_(
            "Your party refuses to sign this version: the agreement goes back to review and "
            "every signature given so far lapses."
        ),
    )
    def refuse_signature(self):
        self.event_data["version"] = self.case.agreement.current_version_id
        self.comment(self.data["reason"], internal=False)
        self.notify(
            [*self.requester_users(), *self.assignee_or_coordinators()], "signature_refused"
        )

    @action(
        state,
        source=S.SIGNING,
        target=S.IN_FORCE,
        label=_("Put in force"),
        done=_("Signed by every party: the agreement is in force"),
        allowed=system_only,
        guards=[all_parties_signed],
    )
    def enter_into_force(self):
        agreement = self.case.agreement
        version = agreement.current_version
        self.event_data["annex"] = bool(agreement.in_force_version_id)
        agreement.in_force_version = version
        agreement.annex_summary = ""
        agreement.save(update_fields=["in_force_version", "annex_summary"])
        # Parties withdrawn by this annex leave now.
        left = [row["organisation"] for row in version.parties]
        agreement.parties.filter(left_at__isnull=True).exclude(organisation_id__in=left).update(
            left_at=timezone.now(), withdrawing=False
        )
        document = agreement_document_request(version=version, actor=None, signed=True)
        self.event_data["version"] = version.pk
        self.event_data["sha256"] = version.sha256
        self.event_data["document"] = document.pk
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "in_force")

    @action(
        state,
        source=S.IN_FORCE,
        target=S.EXPIRED,
        label=_("Expire"),
        done=_("The agreement expired at its end date"),
        allowed=system_only,
        guards=[end_date_passed],
    )
    def expire(self):
        self.event_data["end_date"] = self.case.agreement.end_date.isoformat()
        self.notify(self.requester_users(), "expired")

    @action(
        state,
        source=S.IN_FORCE,
        target=S.AMENDING,
        label=_("Prepare an annex"),
        done=_("An annex is being prepared"),
        allowed=is_requester_side,
        confirm=_(
            "Prepare an annex (a change of the text, a party joining or withdrawing)? The "
            "agreement stays in force as signed until every party signs the annex."
        ),
    )
    def amend(self):
        agreement = self.case.agreement
        # A withdrawal proposed by an annex that was dropped is forgotten.
        agreement.parties.filter(withdrawing=True).update(withdrawing=False)
        self.event_data["version"] = agreement.in_force_version_id
        self.notify(self.requester_users(), "annex_started")

    @action(
        state,
        source=S.IN_FORCE,
        label=_("Give notice of termination"),
        done=_("Notice of termination given"),
        allowed=signatory_or_coordinator,
        guards=[no_notice_given],
        form=common.ReasonForm,
        confirm=_(
            "The agreement will end when the notice period of the version in force has run; "
            "every party is told the reason."
        ),
        irreversible=True,
    )
    def give_notice(self):
        agreement = self.case.agreement
        days = int(agreement.in_force_version.notice_days or 0)
        agreement.terminates_on = calendar.today() + datetime.timedelta(days=days)
        agreement.save(update_fields=["terminates_on"])
        self.event_data["terminates_on"] = agreement.terminates_on.isoformat()
        self.comment(self.data["reason"], internal=False)
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "notice_given")

    @action(
        state,
        source=S.IN_FORCE,
        target=S.TERMINATED,
        label=_("End by notice"),
        done=_("The agreement ended by notice"),
        allowed=system_only,
        guards=[notice_period_over],
    )
    def terminate(self):
        self.event_data["terminates_on"] = self.case.agreement.terminates_on.isoformat()
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "terminated")

    withdraw = common.withdraw(
        state,
        source=[S.IN_REVIEW, S.AWAITING_INFO, S.AMENDING],
        target=_in_force_or(S.WITHDRAWN),
        confirm=_("The agreement will be closed and nobody will review it any more."),
        done=_("Agreement withdrawn"),
    )
    extend_deadline = common.extend_deadline(state, source=[S.IN_REVIEW])
    reassign = common.reassign(state, source=[S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL])
