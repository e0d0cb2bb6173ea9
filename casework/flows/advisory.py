"""The advisory request (wniosek o doradztwo): the flow of DESIGN.md, "Advisory request".

Who may act is declared on each transition (role + relation); guards read only the case.
Two relations matter for the committee: the **drafters** of the version in approval (the
assignee who sent it and everyone who edited the opinion) and the **recused** members (a
current membership of theirs is in the requesting organisation). Neither may approve, and the
recused may not decide at all; both are permissions, so the buttons disappear too.

Approval is single-member (four-eyes). A committee resolution (uchwała, vote or circular
procedure) belongs to the later committee issue.
"""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.fsm import State

from directory.constants import OrganisationKind, Role
from directory.models import Membership
from directory.roles import users_with_role
from workflows import calendar
from workflows.constants import RefusalCode
from workflows.deadlines import DeadlinePolicy
from workflows.exceptions import TransitionRefused
from workflows.flows import Clock, action, resume_target
from workflows.numbering import NumberingConfig

from ..constants import AdvisoryStatus, CaseKind
from ..intake.topics import check_complete
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
)

S = AdvisoryStatus

ERROR_NO_OPINION = _("Write the opinion before sending it for approval.")
ERROR_VERSION_CHANGED = _(
    "The opinion you approved is not the version now awaiting approval. "
    "Reload the page and read the current version."
)
ERROR_NO_CONSENT = _("The requester has not agreed to a public version of the opinion.")
ERROR_PUBLIC_ISSUED = _("The public version of this opinion has already been issued.")
ERROR_NO_DETAIL = _("This case has no advisory details.")

OPINION_DOCUMENT = "advisory_opinion"
PUBLIC_OPINION_DOCUMENT = "advisory_opinion_public"


def committee_users():
    return users_with_role(Role.COMMITTEE).filter(is_active=True)


# Forms (bound by transition_apply with the posted data) ----------------------------------


class AssigneeForm(forms.Form):
    assignee = StaffChoiceField(label=_("Assignee"))


class AcceptForm(AssigneeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].required = False
        self.fields["assignee"].help_text = _(
            "A coordinator chooses who reviews the request; an advisor leaves it empty to "
            "take it themself."
        )


class ReassignForm(AssigneeForm):
    pass


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Question to the requester"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Additional days"), min_value=1, max_value=60)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ApproveForm(forms.Form):
    """Carries the fingerprint of the version the member read: approval names that version."""

    version = forms.CharField(
        label=_("Version fingerprint (SHA-256)"),
        max_length=64,
        min_length=64,
        widget=forms.HiddenInput,
    )


# Relations and guards ------------------------------------------------------------------------


def is_filer(flow, user: Any) -> bool:
    """The user who filed the request (staff filing on a gmina's behalf, or its clerk)."""
    return flow.case.filed_by_id == user.pk


is_requester_side = any_of(is_requester, is_filer)


def _advisory(flow):
    try:
        return flow.case.advisory
    except Exception:  # RelatedObjectDoesNotExist
        return None


def is_drafter(flow, user: Any) -> bool:
    """The user drafted the version awaiting approval (sent it or edited the opinion)."""
    advisory = _advisory(flow)
    version = advisory.current_version if advisory else None
    if version is None:
        return False
    return version.sent_by_id == user.pk or version.drafters.filter(pk=user.pk).exists()


def not_drafter(flow, user: Any) -> bool:
    return not is_drafter(flow, user)


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


def committee_membership_of(user) -> Membership | None:
    """The current committee membership a member decides under (recorded with the approval)."""
    return (
        Membership.objects.of_user(user)
        .current()
        .filter(organisation__kind=OrganisationKind.COMMITTEE)
        .order_by("valid_from", "pk")
        .first()
    )


deciding_member = all_of(is_committee, not_recused)


class AdvisoryFlow(CaseFlow):
    kind = CaseKind.ADVISORY
    statuses = AdvisoryStatus
    state = State(AdvisoryStatus, default=AdvisoryStatus.DRAFT)
    numbering = NumberingConfig(prefix="DOR", jrwa="8120", retention="A")
    deadline_policy = DeadlinePolicy(days=30, complex_days=60)
    committee_states = frozenset({S.IN_APPROVAL, S.APPROVED, S.PUBLISHED})

    # Who to tell -----------------------------------------------------------------------

    def coordinators(self) -> list[Any]:
        return list(users_with_role(Role.COORDINATOR).filter(is_active=True))

    def assignee_or_coordinators(self) -> list[Any]:
        if self.case.assignee_id and self.case.assignee.is_active:
            return [self.case.assignee]
        return self.coordinators()

    def deciders(self) -> list[Any]:
        """Committee members who may decide on the version just sent."""
        return [
            u
            for u in committee_users()
            if self.case.requesting_organisation_id
            not in set(
                Membership.objects.of_user(u).current().values_list("organisation_id", flat=True)
            )
            and not is_drafter(self, u)
        ]

    # Transitions -----------------------------------------------------------------------

    @action(
        state,
        source=S.DRAFT,
        target=S.SUBMITTED,
        label=_("Submit the request"),
        allowed=is_requester_side,
        guards=[intake_complete],
        confirm=_("Submit the request? It can no longer be edited."),
        clock=Clock.START,
    )
    def submit(self):
        # Staff filing on paper or by phone give the date received; online it is today.
        if self.case.date_received is None:
            self.case.date_received = calendar.today()
        self.event_data["date_received"] = self.case.date_received.isoformat()
        self.assign_number()
        self.notify(self.coordinators(), "submitted")

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
        self.notify([get_user_model().objects.get(pk=self.case.assignee_id)], "assigned")

    @action(
        state,
        source=S.SUBMITTED,
        target=S.REJECTED,
        label=_("Decline"),
        allowed=is_coordinator,
        form=ReasonForm,
        clock=Clock.STOP,
    )
    def decline(self):
        self.comment(self.data["reason"], internal=False)
        self.notify(self.requester_users(), "declined")

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
        label=_("Provide the information"),
        allowed=is_requester_side,
        form=AnswerForm,
        clock=Clock.RESUME,
    )
    def provide_info(self):
        self.comment(self.data["answer"], internal=False)
        self.notify(self.assignee_or_coordinators(), "info_provided")

    @action(
        state,
        source=S.IN_REVIEW,
        target=S.IN_APPROVAL,
        label=_("Send for approval"),
        allowed=is_assignee,
        guards=[opinion_written],
        confirm=_("Send the opinion for approval? This version will be frozen."),
    )
    def submit_for_approval(self):
        from ..services import opinion_freeze

        version = opinion_freeze(advisory=self.case.advisory, sent_by=self.actor)
        self.event_data["version"] = version.pk
        self.event_data["sha256"] = version.sha256
        self.notify(self.deciders(), "approval_requested")

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.IN_REVIEW,
        label=_("Return for changes"),
        allowed=deciding_member,
        form=ReasonForm,
    )
    def return_for_changes(self):
        self.event_data["version"] = self.case.advisory.current_version_id
        self.comment(self.data["reason"], internal=True)
        self.notify(self.assignee_or_coordinators(), "returned")

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.APPROVED,
        label=_("Approve"),
        allowed=all_of(is_committee, not_recused, not_drafter),
        form=ApproveForm,
        confirm=_("Approve this version of the opinion?"),
        clock=Clock.STOP,
    )
    def approve(self):
        advisory = self.case.advisory
        version = advisory.current_version
        if version is None or version.sha256 != self.data["version"]:
            raise TransitionRefused(RefusalCode.CONFLICT, ERROR_VERSION_CHANGED)
        membership = committee_membership_of(self.actor)
        version.approved_by = self.actor
        version.approved_at = timezone.now()
        version.approved_under = membership
        version.save(update_fields=["approved_by", "approved_at", "approved_under"])
        self.event_data.update(
            version=version.pk,
            sha256=version.sha256,
            membership=membership.pk if membership else None,
        )
        self.notify(self.assignee_or_coordinators(), "approved")

    @action(
        state,
        source=S.IN_APPROVAL,
        target=S.REJECTED,
        label=_("Reject"),
        allowed=deciding_member,
        form=ReasonForm,
        confirm=_("Reject the request?"),
        clock=Clock.STOP,
    )
    def reject(self):
        self.event_data["version"] = self.case.advisory.current_version_id
        self.comment(self.data["reason"], internal=False)
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "rejected")

    @action(
        state,
        source=S.APPROVED,
        target=S.PUBLISHED,
        label=_("Publish the opinion"),
        allowed=any_of(is_coordinator, is_assignee),
        confirm=_("Issue the opinion to the requester?"),
    )
    def publish(self):
        from ..services import opinion_document_request

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
        allowed=is_coordinator,
        guards=[public_version_possible],
        confirm=_("Issue a public, anonymised version of the opinion?"),
    )
    def publish_public(self):
        """A separate act, only after the requester's consent; the document has no personal
        data."""
        from ..services import opinion_document_request

        version = self.case.advisory.current_version
        document = opinion_document_request(version=version, actor=self.actor, public=True)
        self.event_data["version"] = version.pk
        if document is not None:
            self.event_data["document"] = document.pk

    @action(
        state,
        source=[S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO],
        target=S.WITHDRAWN,
        label=_("Withdraw the request"),
        allowed=is_requester_side,
        confirm=_("Withdraw the request? This cannot be undone."),
        clock=Clock.STOP,
    )
    def withdraw(self):
        self.notify(self.assignee_or_coordinators(), "withdrawn")

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
        self.notify([self.data["assignee"]], "assigned")
