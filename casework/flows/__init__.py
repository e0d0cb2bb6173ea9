"""What every case kind's flow shares: the flow base, who is who on a case (from
``casework.permissions``), the transition forms, and the common transitions.

A kind declares its flow in its own package (``casework/kinds/<kind>/flow.py``) as a
``CaseFlow`` subclass; the common transitions are made for its ``state`` by the factories
below, so each kind writes only what is its own::

    class ReviewFlow(CaseFlow):
        kind = "review"
        state = State(Status, default=Status.DRAFT)
        ...
        accept = transitions.accept(state, source=S.SUBMITTED, target=S.IN_REVIEW)
        request_info = transitions.request_info(
            state, source=[S.SUBMITTED, S.IN_REVIEW], target=S.AWAITING_INFO
        )
"""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from directory.constants import Role
from directory.models import Membership
from directory.roles import STAFF_ROLES, user_with_role, users_with_role
from workflows.actors import is_system
from workflows.flows import Flow

from .. import permissions as p
from ..models import CaseComment, CaseDeadlineExtension, CaseEvent, CasePause
from ..recusal import RECUSALS_TOPIC, refusal_of_recused

# Who is who on a case: the permission module's relations as flow predicates -----------------

is_requester = p.predicate(p.REQUESTING_ORGANISATION)
is_requester_side = p.predicate(p.REQUESTER_SIDE)
is_party = p.predicate(p.PARTY)
is_assignee = p.predicate(p.ASSIGNEE)
is_coordinator = p.predicate(p.COORDINATOR)
is_advisor = p.predicate(p.ADVISOR)
is_committee = p.predicate(p.COMMITTEE)
not_recused = p.predicate(p.negate(p.RECUSED))


def explaining_recusal(rule: p.Rule):
    """``rule`` as a flow predicate that, when it refuses a recused committee member, says
    why (``flow.refusal_reason``: the recusal and its reasons, instead of "not allowed")."""
    check = p.predicate(rule)

    def explained(flow: Flow, user: Any) -> bool:
        if check(flow, user):
            return True
        if not flow.refusal_reason and p.holds(p.COMMITTEE, user, flow.case):
            flow.refusal_reason = refusal_of_recused(user, flow.case)
        return False

    explained.__name__ = check.__name__
    return explained


deciding_member = explaining_recusal(p.DECIDING_MEMBER)
approving_member = explaining_recusal(p.APPROVING_MEMBER)
assignee_or_coordinator = p.predicate(p.any_of(p.ASSIGNEE, p.COORDINATOR))
staff_member = p.predicate(p.any_of(p.COORDINATOR, p.ADVISOR))


def system_only(flow: Flow, user: Any) -> bool:
    return is_system(user)


def staff_users():
    """Advisors and coordinators who may log in: the people a case can be assigned to."""
    return users_with_role(*sorted(STAFF_ROLES)).filter(is_active=True).order_by("full_name", "pk")


def committee_users():
    return users_with_role(Role.COMMITTEE).filter(is_active=True)


# Transition form fields and forms ------------------------------------------------------------


class _LazyChoices(ModelChoiceIterator):
    """Choices that ask the field for its queryset only when they are listed."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset


class StaffChoiceField(forms.ModelChoiceField):
    """An active advisor or coordinator (the assignee of a case).

    The choices (for the case page) are ``staff_users()``, built only when listed. A posted
    value is checked for that one user, in one query (``directory.roles.user_with_role``),
    by the same rule as the list: a current advisor or coordinator membership, active.
    """

    iterator = _LazyChoices
    roles = STAFF_ROLES

    def __init__(self, **kwargs):
        super().__init__(queryset=None, **kwargs)

    def _get_queryset(self):
        if self._queryset is None:
            self._queryset = staff_users()
        return self._queryset

    queryset = property(_get_queryset, forms.ModelChoiceField._set_queryset)

    def __deepcopy__(self, memo):
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result._queryset = None  # built again, lazily, for this form
        result.widget.choices = result.choices
        return result

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        if isinstance(value, get_user_model()):
            value = value.pk
        user = user_with_role(value, self.roles)
        if user is None or not user.is_active:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return user


class AssigneeForm(forms.Form):
    assignee = StaffChoiceField(label=_("Assignee"))


class AcceptForm(AssigneeForm):
    """A coordinator assigns someone (or leaves it empty to take the case); an advisor only
    claims the case for themself (DESIGN.md), so the case page offers them no list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].required = False
        self.fields["assignee"].help_text = _(
            "Choose who reviews the case; leave it empty to take it yourself."
        )

    def for_actor(self, flow, user) -> None:
        """The form as ``user`` sees it on the case page: no list for whoever may not assign
        others (what they would choose would be refused)."""
        if not is_coordinator(flow, user):
            del self.fields["assignee"]


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


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        help_text=_("The person handling the case is told the reason."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    #: The adopted resolution that decides the item (resolution mode: the committee's job
    #: passes it; a person never does, and ``approve`` refuses it from anyone else).
    resolution = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


# The flow base ---------------------------------------------------------------------------------


class CaseFlow(Flow):
    """The base of every casework flow: where events, pauses and extensions are written."""

    event_model = CaseEvent
    pause_model = CasePause
    extension_model = CaseDeadlineExtension

    def comment(self, body: str, *, internal: bool) -> CaseComment:
        """Keep a transition's free text (question, answer, reason) as a comment; the event
        records only the comment's id, so the audit log holds no free-text personal data."""
        comment = CaseComment.objects.create(
            case=self.case, author=self.actor, body=body, is_internal=internal
        )
        self.event_data["comment"] = comment.pk
        return comment

    def notify(self, recipients, verb: str) -> None:
        """As the engine's, with the comment this transition wrote (a question, an answer, a
        reason): the notification and its e-mail quote it, the outbox row holds only its id."""
        start = len(self.side_effects)
        super().notify(recipients, verb)
        comment = self.event_data.get("comment")
        if comment:
            for _topic, _key, payload in self.side_effects[start:]:
                payload["comment_id"] = comment

    def receipt(self) -> None:
        """The requesting side's receipt of a filed case: its number, its deadline and what
        happens next (``CaseKind.next_steps``), in the app and by e-mail."""
        self.notify(self.requester_users(), "received")

    def requester_users(self) -> list[Any]:
        """Current, active members of the requesting organisation."""
        memberships = (
            Membership.objects.current()
            .filter(organisation_id=self.case.requesting_organisation_id)
            .select_related("user")
        )
        return [m.user for m in memberships if m.user.is_active]

    def coordinators(self) -> list[Any]:
        return list(users_with_role(Role.COORDINATOR).filter(is_active=True))

    def assignee_or_coordinators(self) -> list[Any]:
        if self.case.assignee_id and self.case.assignee.is_active:
            return [self.case.assignee]
        return self.coordinators()

    def deciders(self) -> list[Any]:
        """Committee members who may decide on the item now (not recused, not a drafter)."""
        may_approve = p.predicate(p.APPROVING_MEMBER)
        return [u for u in committee_users() if may_approve(self, u)]

    @classmethod
    def awaiting_decision_states(cls) -> frozenset[str]:
        """The states an item awaits a committee decision in: the sources of ``approve``."""
        method = getattr(cls, "approve", None)
        if method is None or not hasattr(method, "get_transitions"):
            return frozenset()
        return frozenset(
            str(t.source) for t in method.get_transitions() if isinstance(t.source, str)
        )

    def transition_done(self, name: str, old_status: str) -> None:
        """An item that starts awaiting a decision records who is recused from it, and why
        (``casework.conflicts.recusals_record``, after the transition commits)."""
        awaiting = self.awaiting_decision_states()
        if self.case.status in awaiting and old_status not in awaiting:
            self.outbox(RECUSALS_TOPIC, "recusals", {"case_id": self.case.pk})

    def current_version(self):
        """The frozen version awaiting (or given) approval, for kinds that keep versions."""
        return None

    def form_initial(self, name: str) -> dict:
        """Initial values of transition ``name``'s form on the case page."""
        if name == "approve":
            version = self.current_version()
            if version is not None:
                return {"version": version.sha256}
        return {}
