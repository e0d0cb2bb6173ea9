"""The transitions every kind has, made for a kind's ``state`` (see ``casework.flows``).

Each factory returns the transition as ``action(...)`` declares it, named as the attribute it
is assigned to (the method's name is the transition's name). A kind passes its own states;
who may run it defaults to the rule of DESIGN.md and can be given.
"""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from workflows import calendar
from workflows.constants import RefusalCode
from workflows.exceptions import TransitionRefused
from workflows.flows import Clock, action, resume_target

from ..decisions import resolution_number
from ..versions import version_approve
from . import (
    AcceptForm,
    AnswerForm,
    ApproveForm,
    ExtendForm,
    QuestionForm,
    ReasonForm,
    ReassignForm,
    WithdrawForm,
    approving_member,
    assignee_or_coordinator,
    deciding_member,
    is_coordinator,
    is_requester_side,
    staff_member,
    system_only,
)

ERROR_ONLY_COORDINATOR_ASSIGNS = _(
    "Only a coordinator may assign the case to someone else; leave the assignee empty to "
    "take it yourself."
)
ERROR_NO_RESOLUTION = _(
    "This item is decided by a resolution of the committee, and no adopted resolution decides it."
)
ERROR_VERSION_CHANGED = _(
    "The version you approved is not the version now awaiting approval. "
    "Reload the page and read the current version."
)


def submit(
    state,
    *,
    source,
    target,
    label: Any,
    done: Any,
    confirm: Any,
    guards=(),
    allowed=is_requester_side,
):
    """File the case: it gets its date received (the one staff give for a paper or phone
    filing, today online), its number and its clock; the coordinators are told and the
    requester gets a receipt. ``guards``: what the kind requires complete first."""

    @action(
        state,
        source=source,
        target=target,
        label=label,
        done=done,
        allowed=allowed,
        guards=list(guards),
        confirm=confirm,
        clock=Clock.START,
    )
    def submit(self):
        if self.case.date_received is None:
            self.case.date_received = calendar.today()
        self.event_data["date_received"] = self.case.date_received.isoformat()
        self.assign_number()
        self.notify(self.coordinators(), "submitted")
        self.receipt()

    return submit


def accept(state, *, source, target, allowed=staff_member, done: Any = ""):
    """Take a filed case into review: a coordinator assigns someone (or themself), an
    advisor claims it."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Accept"),
        done=done or _("Case accepted"),
        allowed=allowed,
        form=AcceptForm,
    )
    def accept(self):
        # A coordinator's choice is honoured; an advisor claims the case (DESIGN.md). Another
        # person chosen by an advisor is refused, never silently replaced by the advisor.
        chosen = self.data.get("assignee")
        others = chosen is not None and chosen.pk != self.actor.pk
        if others and not is_coordinator(self, self.actor):
            raise TransitionRefused(RefusalCode.FORBIDDEN, ERROR_ONLY_COORDINATOR_ASSIGNS)
        self.case.assignee_id = chosen.pk if chosen is not None else self.actor.pk
        self.event_data["assignee"] = self.case.assignee_id
        from django.contrib.auth import get_user_model

        self.notify([get_user_model().objects.get(pk=self.case.assignee_id)], "assigned")

    return accept


def request_info(state, *, source, target, allowed=assignee_or_coordinator, done: Any = ""):
    """Ask the requesting side a question; the clock pauses until they answer."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Ask for information"),
        done=done or _("Information requested"),
        allowed=allowed,
        form=QuestionForm,
        clock=Clock.PAUSE,
    )
    def request_info(self):
        self.comment(self.data["question"], internal=False)
        self.notify(self.requester_users(), "info_requested")

    return request_info


def provide_info(state, *, source, resume_to, allowed=is_requester_side, done: Any = ""):
    """The requesting side answers; the case goes back to the state it was paused in."""

    @action(
        state,
        source=source,
        target=resume_target(resume_to),
        label=_("Provide the information"),
        done=done or _("Information provided"),
        allowed=allowed,
        form=AnswerForm,
        clock=Clock.RESUME,
        files=True,
    )
    def provide_info(self):
        self.comment(self.data["answer"], internal=False)
        self.notify(self.assignee_or_coordinators(), "info_provided")

    return provide_info


def reassign(state, *, source, allowed=is_coordinator, done: Any = ""):
    """Give the case to another advisor: an action on the case (logged), not a state."""

    @action(
        state,
        source=source,
        label=_("Reassign"),
        done=done or _("Case reassigned"),
        allowed=allowed,
        form=ReassignForm,
    )
    def reassign(self):
        self.event_data["from_assignee"] = self.case.assignee_id
        self.case.assignee_id = self.data["assignee"].pk
        self.event_data["assignee"] = self.case.assignee_id
        self.notify([self.data["assignee"]], "assigned")

    return reassign


def extend_deadline(state, *, source, allowed=assignee_or_coordinator, done: Any = ""):
    """Add days to the deadline with a reason; the requester is told (KPA art. 36)."""

    @action(
        state,
        source=source,
        label=_("Extend the deadline"),
        done=done or _("Deadline extended"),
        allowed=allowed,
        form=ExtendForm,
        clock=Clock.EXTEND,
    )
    def extend_deadline(self):
        pass

    return extend_deadline


def withdraw(
    state, *, source, target, allowed=is_requester_side, confirm: Any = "", done: Any = ""
):
    """The requesting side withdraws the case, saying why (the assignee is told the reason);
    irreversible, so it is confirmed first."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Withdraw"),
        done=done or _("Case withdrawn"),
        allowed=allowed,
        form=WithdrawForm,
        confirm=confirm or _("The case will be closed and nobody will work on it any more."),
        clock=Clock.STOP,
        irreversible=True,
    )
    def withdraw(self):
        self.comment(self.data["reason"], internal=False)
        self.notify(self.assignee_or_coordinators(), "withdrawn")

    return withdraw


def decline(state, *, source, target, allowed=is_coordinator, confirm: Any = "", done: Any = ""):
    """A coordinator declines a filed case instead of (or after starting) its review, saying
    why: a comment the requesting side reads, and they are told; irreversible, so confirmed."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Decline"),
        done=done or _("Case declined"),
        allowed=allowed,
        form=ReasonForm,
        confirm=confirm or _("The case will not be reviewed; the requester is told the reason."),
        clock=Clock.STOP,
        irreversible=True,
    )
    def decline(self):
        self.comment(self.data["reason"], internal=False)
        self.notify(self.requester_users(), "declined")

    return decline


def reject(state, *, source, target, allowed=deciding_member, confirm: Any = "", done: Any = ""):
    """A deciding committee member rejects the version awaiting approval, saying why: the
    requesting side reads the reason; they and the reviewers are told; irreversible."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Reject"),
        done=done or _("Case rejected"),
        allowed=allowed,
        form=ReasonForm,
        confirm=confirm or _("The case will be rejected; the requester is told the reason."),
        clock=Clock.STOP,
        irreversible=True,
    )
    def reject(self):
        version = self.current_version()
        self.event_data["version"] = version.pk if version else None
        self.comment(self.data["reason"], internal=False)
        self.notify([*self.requester_users(), *self.assignee_or_coordinators()], "rejected")

    return reject


def return_for_changes(state, *, source, target, allowed, done: Any = ""):
    """A decider sends the item back to review with a reason (for the drafters)."""

    @action(
        state,
        source=source,
        target=target,
        label=_("Return for changes"),
        done=done or _("Returned for changes"),
        allowed=allowed,
        form=ReasonForm,
    )
    def return_for_changes(self):
        version = self.current_version()
        self.event_data["version"] = version.pk if version else None
        self.comment(self.data["reason"], internal=True)
        self.notify(self.assignee_or_coordinators(), "returned")

    return return_for_changes


def _in_single_member_mode(flow) -> bool:
    from ..registry import ApprovalMode, approval_mode_of

    return approval_mode_of(flow.kind) == ApprovalMode.SINGLE_MEMBER


def _in_resolution_mode(flow) -> bool:
    from ..registry import ApprovalMode, approval_mode_of

    return approval_mode_of(flow.kind) == ApprovalMode.RESOLUTION


def approve(
    state,
    *,
    source,
    target,
    allowed=approving_member,
    confirm: Any = "",
    done: Any = "",
    then: Callable[[Any, Any], None] | None = None,
):
    """A committee member approves exactly the version they read (single-member mode).

    The form carries the version's fingerprint; a version changed meanwhile is a conflict.
    The approval records the member's committee membership. A kind whose approval mode is a
    committee resolution has no single-member approval: only the system actor runs it, on
    behalf of an adopted resolution that decides the case (``casework.decisions``), and the
    approval records that resolution. ``then(flow, version)`` runs after the approval, in its
    transaction: what the kind does on approval besides (e.g. queue a document)."""

    def single_member_may(flow, user) -> bool:
        if _in_single_member_mode(flow):
            return allowed(flow, user)
        return _in_resolution_mode(flow) and system_only(flow, user)

    @action(
        state,
        source=source,
        target=target,
        label=_("Approve"),
        done=done or _("Approved"),
        allowed=single_member_may,
        form=ApproveForm,
        confirm=confirm,
        clock=Clock.STOP,
        irreversible=True,
    )
    def approve(self):
        version = self.current_version()
        if version is None or version.sha256 != self.data["version"]:
            raise TransitionRefused(RefusalCode.CONFLICT, ERROR_VERSION_CHANGED)
        resolution = None
        if _in_resolution_mode(self):
            resolution_id = self.data.get("resolution")
            resolution = resolution_number(self.case, resolution_id)
            if resolution is None:
                raise TransitionRefused(RefusalCode.FORBIDDEN, ERROR_NO_RESOLUTION)
            self.event_data["resolution"] = resolution_id
        elif self.data.get("resolution"):
            raise TransitionRefused(RefusalCode.FORBIDDEN, ERROR_NO_RESOLUTION)
        membership = version_approve(version=version, actor=self.actor, resolution=resolution)
        self.event_data.update(
            version=version.pk,
            sha256=version.sha256,
            membership=membership.pk if membership else None,
        )
        if then is not None:
            then(self, version)
        self.notify(self.assignee_or_coordinators(), "approved")

    return approve
