"""Flows of the case kinds, and the pieces they share: who is who on a case.

A case kind registers itself (in ``CaseworkConfig.ready``) with four things:
a detail table (one-to-one to ``Case``), a ``CaseFlow`` subclass with its ``kind``,
``numbering`` (``NumberingConfig``) and ``deadline_policy`` (``DeadlinePolicy``), and
``workflows.registry.register_flow(TheFlow)``.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from directory.constants import Role
from directory.models import Membership
from directory.roles import organisation_ids_of, roles_of, user_with_role, users_with_role
from workflows.actors import is_system
from workflows.flows import Flow

from ..models import CaseComment, CaseDeadlineExtension, CaseEvent, CasePause

Predicate = Callable[[Flow, Any], bool]


def is_requester(flow: Flow, user: Any) -> bool:
    """A current member of the requesting organisation (colleagues carry a request on)."""
    return flow.case.requesting_organisation_id in organisation_ids_of(user)


def is_assignee(flow: Flow, user: Any) -> bool:
    return flow.case.assignee_id is not None and flow.case.assignee_id == user.pk


def has_role(*roles: str) -> Predicate:
    def check(flow: Flow, user: Any) -> bool:
        return bool(roles_of(user) & set(roles))

    check.__name__ = "has_role_" + "_".join(roles)
    return check


def any_of(*predicates: Predicate) -> Predicate:
    def check(flow: Flow, user: Any) -> bool:
        return any(p(flow, user) for p in predicates)

    return check


def all_of(*predicates: Predicate) -> Predicate:
    def check(flow: Flow, user: Any) -> bool:
        return all(p(flow, user) for p in predicates)

    return check


def not_recused(flow: Flow, user: Any) -> bool:
    """A committee member is recused when a membership of theirs is in the requesting org."""
    return not is_requester(flow, user)


def system_only(flow: Flow, user: Any) -> bool:
    return is_system(user)


is_coordinator = has_role(Role.COORDINATOR)
is_advisor = has_role(Role.ADVISOR)
is_committee = has_role(Role.COMMITTEE)


# Transition form fields ------------------------------------------------------------------------


def staff_users():
    """Advisors and coordinators who may log in: the people a case can be assigned to."""
    return (
        users_with_role(Role.ADVISOR, Role.COORDINATOR)
        .filter(is_active=True)
        .order_by("full_name", "pk")
    )


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
    roles = (Role.ADVISOR, Role.COORDINATOR)

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

    def requester_users(self) -> list[Any]:
        """Current members of the requesting organisation."""
        memberships = (
            Membership.objects.current()
            .filter(organisation_id=self.case.requesting_organisation_id)
            .select_related("user")
        )
        return [m.user for m in memberships if m.user.is_active]
