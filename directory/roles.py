"""What a user is, derived from their memberships in force today.

Everything that asks "is this user an advisor?" asks here, so the rule lives in one place.
"""

import datetime

from django.db.models import Q

from .constants import MUNICIPAL_KINDS, MembershipRole, OrganisationKind, Role
from .models import Membership

#: The office's own people: they work cases (advisors) and run the programme (coordinators).
STAFF_ROLES = frozenset({Role.ADVISOR, Role.COORDINATOR})
#: The roles that file requests and take part in cases from outside the office.
REQUESTER_ROLES = frozenset({Role.MUNICIPALITY, Role.ORGANISATION})


def current_memberships(user, on: datetime.date | None = None):
    return Membership.objects.of_user(user).current(on).select_related("organisation")


#: A committee membership that makes its holder a committee member (decides, votes): every
#: role in the committee but the observer's.
COMMITTEE_MEMBER_Q = Q(organisation__kind=OrganisationKind.COMMITTEE) & ~Q(
    role=MembershipRole.OBSERVER
)


def committee_membership_of(user) -> Membership | None:
    """The current committee membership a member decides under (recorded with the approval)."""
    return (
        Membership.objects.of_user(user)
        .current()
        .filter(COMMITTEE_MEMBER_Q)
        .order_by("valid_from", "pk")
        .first()
    )


def role_of_membership(m: Membership) -> str | None:
    """The esflow role one membership gives (its organisation must be loaded), or None: an
    observer of the committee and a member of a thematic group get no role from it (their
    rights in the body are committee/'s)."""
    kind = m.organisation.kind
    if kind == OrganisationKind.THEMATIC_GROUP:
        return None
    if kind == OrganisationKind.COMMITTEE:
        return None if m.role == MembershipRole.OBSERVER else Role.COMMITTEE
    if m.role == MembershipRole.COORDINATOR and kind == OrganisationKind.ROPS:
        return Role.COORDINATOR
    if m.role == MembershipRole.ADVISOR and kind in (OrganisationKind.ROPS, OrganisationKind.OWES):
        return Role.ADVISOR
    if kind in MUNICIPAL_KINDS:
        return Role.MUNICIPALITY
    return Role.ORGANISATION


def roles_of(user, on: datetime.date | None = None) -> frozenset[str]:
    """The esflow roles a user holds on a day. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache_key = f"_esflow_roles_{on or ''}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    memberships = list(current_memberships(user, on))
    result = frozenset(r for m in memberships if (r := role_of_membership(m)) is not None)
    setattr(user, cache_key, result)
    # The same memberships answer organisation_ids_of for the rest of the request.
    setattr(user, f"_esflow_orgs_{on or ''}", frozenset(m.organisation_id for m in memberships))
    return result


def organisation_ids_of(user, on: datetime.date | None = None) -> set[int]:
    """Organisations the user is a current member of (any role); read with the roles when
    ``roles_of`` has run for this user object (the request's user)."""
    cached = getattr(user, f"_esflow_orgs_{on or ''}", None)
    if cached is not None:
        return set(cached)
    return set(current_memberships(user, on).values_list("organisation_id", flat=True))


def has_role(user, role: str) -> bool:
    return role in roles_of(user)


def is_staff(user) -> bool:
    """An advisor or a coordinator (not Django's ``is_staff``, which is admin access)."""
    return bool(roles_of(user) & STAFF_ROLES)


def is_coordinator(user) -> bool:
    return Role.COORDINATOR in roles_of(user)


def user_with_role(user_id, roles, on: datetime.date | None = None):
    """The user ``user_id`` if they hold one of ``roles`` on a day, else None.

    One query (that user's current memberships, with the user and the organisation), decided
    by ``role_of_membership``: for checking one chosen person (e.g. an assignee) instead of
    building the set of everyone who holds the role. ``user_id`` may be a posted string.
    """
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    memberships = (
        Membership.objects.current(on)
        .filter(user_id=user_id)
        .select_related("user", "organisation")
        .order_by()
    )
    for m in memberships:
        if role_of_membership(m) in roles:
            return m.user
    return None


def user_ids_with_role(role: str, on: datetime.date | None = None) -> set[int]:
    """Ids of the users who hold ``role`` on a day (e.g. every coordinator, for escalation)."""
    memberships = Membership.objects.current(on).select_related("organisation")
    # Narrow in SQL to the memberships that can give the role (an index-sized set instead of
    # every member of every organisation); role_of_membership still decides.
    narrow = ROLE_NARROWING.get(role)
    if narrow is not None:
        memberships = memberships.filter(narrow)
    return {m.user_id for m in memberships if role_of_membership(m) == role}


def users_with_role(*roles: str, on: datetime.date | None = None):
    """The users holding any of ``roles`` on a day, as a queryset that stays in SQL.

    For the staff and committee roles only (those of ``ROLE_NARROWING``, whose conditions
    decide exactly what ``role_of_membership`` decides). A form checks one chosen user against
    it in one query (``queryset.get(pk=...)``) instead of loading every holder's membership.
    """
    from django.contrib.auth import get_user_model

    unknown = [role for role in roles if role not in ROLE_NARROWING]
    if unknown or not roles:
        raise ValueError(f"users_with_role works for {sorted(ROLE_NARROWING)}, not {unknown}")
    condition = Q()
    for role in roles:
        condition |= ROLE_NARROWING[role]
    holders = Membership.objects.current(on).filter(condition).values("user_id")
    return get_user_model().objects.filter(pk__in=holders)


#: Memberships that give a staff or committee role. For these three roles the condition is
#: exactly ``role_of_membership(m) == role`` (tests/directory/test_roles.py checks every kind
#: and membership role), so ``users_with_role`` may decide in SQL alone.
ROLE_NARROWING = {
    Role.COMMITTEE: COMMITTEE_MEMBER_Q,
    Role.COORDINATOR: Q(role=MembershipRole.COORDINATOR, organisation__kind=OrganisationKind.ROPS),
    Role.ADVISOR: Q(
        role=MembershipRole.ADVISOR,
        organisation__kind__in=(OrganisationKind.ROPS, OrganisationKind.OWES),
    ),
}
