"""What the organiser's pages list, defined once so that every reader (the pages, their
exports, the staff API) lists the same: the events a user organises with their place counts,
and an event's participants. Who may: ``events.permissions.managed_q`` (through
``Event.objects.managed_by``); nothing here adds a rule of its own."""

from django.db.models import Count, Prefetch, Q

from .constants import HOLDS_PLACE, RegistrationStatus
from .models import Attendance, Event


def managed_events(user):
    """The events ``user`` organises, newest first, each with ``held`` (places taken) and
    ``waiting`` (on the waiting list)."""
    return (
        Event.objects.managed_by(user)
        .annotate(
            held=Count("registrations", filter=Q(registrations__status__in=HOLDS_PLACE)),
            waiting=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )
        .order_by("-pk")
    )


def listed_registrations(event, query: str = ""):
    """The participants' list of ``event`` (cancelled and expired registrations are not on
    it), by name, with the sessions each one was checked in at; ``query`` finds a name, an
    e-mail or an institution."""
    regs = event.registrations.exclude(
        status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED]
    ).prefetch_related(
        Prefetch("attendances", queryset=Attendance.objects.only("registration_id", "session_id"))
    )
    if query:
        regs = regs.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(institution__icontains=query)
        )
    return regs.order_by("name", "pk")
