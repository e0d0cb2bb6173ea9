"""Who may see and do what in the committee and its groups, defined once.

Rights come from the body's seats: the current ``directory.Membership`` rows of the body's
organisation (committee/models.py says why there is no second membership table). Coordinators
(``directory.roles``) run the programme and see every body. Anyone else sees only the public
pages (bodies, members, the register of resolutions); an internal page they may not see
answers 404. An inactive (blocked) account holds no right here, whatever its seats or roles.
"""

import datetime

from django.db.models import Q

from casework import permissions as case_permissions
from directory.constants import MembershipRole
from directory.models import Membership
from directory.roles import is_coordinator

#: Seats with a vote (an observer has none).
VOTING_ROLES = frozenset(
    {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.SECRETARY,
        MembershipRole.MEMBER,
    }
)
#: Who runs a body's meetings (schedules, agenda, attendance, minutes).
ORGANISING_ROLES = frozenset(
    {MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.SECRETARY}
)
#: Who chairs a vote: records votes at a meeting, opens a circular procedure.
CHAIRING_ROLES = frozenset({MembershipRole.CHAIR, MembershipRole.VICE_CHAIR})


def seats(body, on: datetime.date | None = None):
    """The body's seats in force on a day (members with their users)."""
    return (
        Membership.objects.current(on)
        .filter(organisation_id=body.organisation_id)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def voting_seats(body, on: datetime.date | None = None):
    return seats(body, on).filter(role__in=VOTING_ROLES, user__is_active=True)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def seat_of(user, body, on: datetime.date | None = None) -> Membership | None:
    """The user's current seat in the body (the highest role when they hold several); None
    for an anonymous or inactive user."""
    if not _active(user):
        return None
    found = list(seats(body, on).filter(user=user))
    order = [
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.SECRETARY,
        MembershipRole.MEMBER,
        MembershipRole.OBSERVER,
    ]
    found.sort(key=lambda m: order.index(m.role) if m.role in order else len(order))
    return found[0] if found else None


def _has_seat_role(user, body, roles) -> bool:
    seat = seat_of(user, body)
    return seat is not None and seat.role in roles


def may_see_body(user, body) -> bool:
    """Its meetings, agendas, materials and procedures: its members (observers too) and
    coordinators. Asked of ``visible_bodies_q``, so one object and a list always agree."""
    # ``type(body)``: committee.models imports this module (BodyRecordQuerySet).
    return type(body)._default_manager.filter(pk=body.pk).filter(visible_bodies_q(user)).exists()


def may_organise(user, body) -> bool:
    return _active(user) and (is_coordinator(user) or _has_seat_role(user, body, ORGANISING_ROLES))


def may_chair(user, body) -> bool:
    return _has_seat_role(user, body, CHAIRING_ROLES)


def may_record_votes(user, body) -> bool:
    """Who records the named votes of a meeting's items and closes them: the chair and the
    organisers (the secretary, coordinators)."""
    return may_chair(user, body) or may_organise(user, body)


def has_vote(user, body) -> bool:
    return _has_seat_role(user, body, VOTING_ROLES)


def is_recused(user, case) -> bool:
    """Recused from an item's case by the rule casework defines (memberships, declared
    links and conflicts)."""
    return case is not None and case_permissions.holds(case_permissions.RECUSED, user, case)


def visible_bodies_q(user) -> Q:
    """The bodies whose internal pages ``user`` may open: a coordinator every body, anyone
    else the bodies where they hold a current seat (any role, observers too)."""
    if not _active(user):
        return Q(pk__in=[])
    if is_coordinator(user):
        return Q()
    organisations = Membership.objects.current().filter(user=user).values("organisation_id")
    return Q(organisation_id__in=organisations)
