"""Who may run an event's registrations, check-in and lists — defined once, here.

The organiser's staff (a current advisor or coordinator membership in the organising
organisation) and the programme's coordinators; nobody else, deny by default. Events are
not cases: casework's permission module does not cover them, and events may not import it
(the layers of DESIGN.md), so this module asks ``directory.roles`` as casework's does."""

from django.db.models import Q

from directory.constants import MembershipRole
from directory.models import Membership
from directory.roles import is_coordinator

STAFF_MEMBERSHIP_ROLES = (MembershipRole.ADVISOR, MembershipRole.COORDINATOR)
NOTHING = Q(pk__in=[])


def managed_q(user, prefix: str = "") -> Q:
    """The condition on events (``prefix`` leads from another model to its event, e.g.
    ``"registration__event__"``) that ``user`` organises; matches nothing for anyone else.
    ``Event.objects.managed_by(user)`` applies it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if is_coordinator(user):
        return ~NOTHING
    organisations = (
        Membership.objects.current()
        .filter(user=user, role__in=STAFF_MEMBERSHIP_ROLES)
        .values("organisation_id")
    )
    return Q(**{f"{prefix}organiser_id__in": organisations})


def organiser_choices(user):
    """The organisations ``user`` may organise events for: those where they are staff; a
    coordinator also for the ROPS and every OWES."""
    from directory.constants import OrganisationKind
    from directory.models import Organisation

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    own = Membership.objects.current().filter(user=user, role__in=STAFF_MEMBERSHIP_ROLES)
    match = Q(pk__in=own.values("organisation_id"))
    if is_coordinator(user):
        match |= Q(kind__in=[OrganisationKind.ROPS, OrganisationKind.OWES])
    return Organisation.objects.filter(match, is_active=True).order_by("name")


def exhibitor_entries(user):
    """The registry entries ``user`` may apply with for a fair stand: those of the
    organisations they are a current member of."""
    from directory.registry.models import RegistryEntry
    from directory.roles import organisation_ids_of

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RegistryEntry.objects.none()
    return RegistryEntry.objects.filter(
        organisation_id__in=organisation_ids_of(user), organisation__is_active=True
    ).select_related("organisation")
