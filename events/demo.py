"""Demo events (idempotent): the inaugural conference, the first workshop module and a fair,
organised by the ROPS, with a few registrations so the waiting list shows."""

import datetime

from django.utils import timezone

from directory.constants import OrganisationKind
from directory.models import Organisation

from .constants import Audience, EventKind, Module
from .models import Event, Session

EVENTS = [
    ("Konferencja inauguracyjna: ekonomia społeczna w województwie", EventKind.CONFERENCE, None,
     120, 21, "Kielce, ul. Witosa 86"),
    ("Warsztat: klauzule społeczne w zamówieniach publicznych", EventKind.WORKSHOP,
     Module.CLAUSES, 2, 28, "Kielce, sala konferencyjna ROPS"),
    ("Targi ekonomii społecznej", EventKind.FAIR, None, 300, 45, "Kielce, Targi Kielce"),
]  # fmt: skip


def load(*, stdout) -> None:
    rops = Organisation.objects.filter(kind=OrganisationKind.ROPS).order_by("pk").first()
    if rops is None:
        return
    now = timezone.now()
    local = timezone.localtime(now).replace(hour=10, minute=0, second=0, microsecond=0)
    created = 0
    for title, kind, module, capacity, in_days, address in EVENTS:
        event, new = Event.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "module": module,
                "organiser": rops,
                "capacity": capacity,
                "address": address,
                "gmina": rops.gmina,
                "step_free": True,
                "induction_loop": kind == EventKind.CONFERENCE,
                "registration_opens_at": now - datetime.timedelta(days=7),
                "registration_closes_at": now + datetime.timedelta(days=in_days - 2),
                "audiences": [Audience.LOCAL_GOVERNMENT, Audience.SOCIAL_ECONOMY],
                "description": "Wydarzenie programu rozwoju ekonomii społecznej w regionie.",
                "is_published": True,
            },
        )
        if new:
            created += 1
            start = local + datetime.timedelta(days=in_days)
            Session.objects.create(
                event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=5)
            )
    stdout.write(f"  events: {created} new")
