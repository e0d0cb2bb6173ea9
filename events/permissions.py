"""Who may run an event's registrations, check-in and lists — defined once, here.

The organiser's staff (a current advisor or coordinator membership in the organising
organisation) and the programme's coordinators; nobody else, deny by default. Events are
not cases: casework's permission module does not cover them, and events may not import it
(the layers of DESIGN.md), so this module asks ``directory.roles`` as casework's does."""

from django.db.models import Q

from directory.constants import MembershipRole
from directory.models import Membership
from directory.roles import is_coordinator

from .models import Event

STAFF_MEMBERSHIP_ROLES = (MembershipRole.ADVISOR, MembershipRole.COORDINATOR)


def managed_events(user):
    """The events ``user`` organises (a queryset); none for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Event.objects.none()
    if is_coordinator(user):
        return Event.objects.all()
    organisations = (
        Membership.objects.current()
        .filter(user=user, role__in=STAFF_MEMBERSHIP_ROLES)
        .values("organisation_id")
    )
    return Event.objects.filter(Q(organiser_id__in=organisations))


def may_manage(user, event) -> bool:
    return managed_events(user).filter(pk=event.pk).exists()
