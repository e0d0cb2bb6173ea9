"""Flows of the case kinds, and the pieces they share: who is who on a case.

A case kind registers itself (in ``CaseworkConfig.ready``) with four things:
a detail table (one-to-one to ``Case``), a ``CaseFlow`` subclass with its ``kind``,
``numbering`` (``NumberingConfig``) and ``deadline_policy`` (``DeadlinePolicy``), and
``workflows.registry.register_flow(TheFlow)``.
"""

from collections.abc import Callable
from typing import Any

from directory.constants import Role
from directory.models import Membership
from directory.roles import organisation_ids_of, roles_of
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
