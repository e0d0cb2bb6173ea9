"""``can(user, action, case)``: the same rule as ``Case.objects.visible_to`` for ``view``;
for a transition name, the flow's answer (state + role + relation + guards) on a visible case.
"""

from typing import Any

from directory.constants import Role
from directory.roles import organisation_ids_of, roles_of
from workflows.registry import registered_flows

from .constants import DRAFT
from .querysets import STAFF_ROLES, VIEW_PERMISSION, active_user

VIEW = "view"


def _has_grant(user: Any, case: Any) -> bool:
    from .models import CaseGroupObjectPermission, CaseUserObjectPermission

    return (
        CaseUserObjectPermission.objects.filter(
            user=user, content_object=case, permission__codename=VIEW_PERMISSION
        ).exists()
        or CaseGroupObjectPermission.objects.filter(
            group__user=user, content_object=case, permission__codename=VIEW_PERMISSION
        ).exists()
    )


def can_view(user: Any, case: Any) -> bool:
    """May ``user`` see ``case``? Evaluated on the instance, rule for rule as ``visible_to``."""
    if not active_user(user):
        return False
    if case.requesting_organisation_id in organisation_ids_of(user) or case.filed_by_id == user.pk:
        return True
    if case.status == DRAFT:
        return False
    roles = roles_of(user)
    if case.assignee_id == user.pk or roles & STAFF_ROLES:
        return True
    flow = registered_flows().get(case.kind)
    if Role.COMMITTEE in roles and flow is not None and case.status in flow.committee_states:
        return True
    return _has_grant(user, case)


def can(user: Any, action: str, case: Any) -> bool:
    """May ``user`` do ``action`` (``view`` or a transition name) on ``case`` now?"""
    if not can_view(user, case):
        return False
    if action == VIEW:
        return True
    if case.kind not in registered_flows():
        return False
    return case.get_flow(actor=user).allowed_now(action, user)
