"""Progress of the programme plan: counted from esflow's data where it exists, entered by the
coordinator otherwise (``ProgressEntry``, with a note)."""

from dataclasses import dataclass

from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from casework.kinds.advisory.constants import KIND as ADVISORY
from casework.models import Case
from events.constants import EventKind, Module
from events.models import Event

from .indicators import ISSUED, Period
from .models import Activity


def opinions_issued(period: Period) -> int:
    """Advisory opinions issued: cases first moved to "published" in the period."""
    low, high = period.datetimes()
    return (
        Case.objects.filter(kind=ADVISORY)
        .annotate(issued_at=Min("events__at", filter=Q(events__to_status=ISSUED)))
        .filter(issued_at__gte=low, issued_at__lt=high)
        .count()
    )


def _events_held(period: Period, **filters) -> int:
    """Published events of a kind whose first session began in the period."""
    low, high = period.datetimes()
    return (
        Event.objects.filter(is_published=True, **filters)
        .annotate(first=Min("sessions__starts_at"))
        .filter(first__gte=low, first__lt=high)
        .count()
    )


def _events(**filters):
    return lambda period: _events_held(period, **filters)


#: What esflow counts itself, by the key an ``Activity.source`` names.
MEASURES = {
    "opinions_issued": (_("opinions issued"), opinions_issued),
    "conference": (_("conferences held"), _events(kind=EventKind.CONFERENCE)),
    "fair": (_("fairs held"), _events(kind=EventKind.FAIR)),
    "university_day": (_("ES days held"), _events(kind=EventKind.UNIVERSITY_DAY)),
    "bez_barier": (_("meetings held"), _events(kind=EventKind.BEZ_BARIER)),
    "study_visit": (_("study visits held"), _events(kind=EventKind.STUDY_VISIT)),
    **{
        f"workshop_{m.value}": (
            _("workshops held"), _events(kind=EventKind.WORKSHOP, module=m.value)
        )
        for m in Module
    },
}  # fmt: skip


@dataclass
class Progress:
    activity: Activity
    done: int
    computed: bool
    notes: list[str]

    @property
    def percent(self) -> float:
        planned = self.activity.planned_quantity
        return 100 * self.done / planned if planned else 0.0


def progress(within: Period | None = None) -> list[Progress]:
    """Each activity's progress over its own period, or over the part of it ``within`` a
    period (the annual report's year). Two queries for the plan with the entered quantities,
    plus one per computed activity (a number fixed by the plan, not by the data)."""
    activities = Activity.objects.select_related("task").prefetch_related("entries")
    if within is not None:
        activities = activities.filter(period_start__lte=within.end, period_end__gte=within.start)
    out = []
    for a in activities:
        period = Period(a.period_start, a.period_end)
        if within is not None:
            period = Period(max(period.start, within.start), min(period.end, within.end))
        if a.source in MEASURES:
            out.append(Progress(a, MEASURES[a.source][1](period), True, []))
        else:
            entries = [e for e in a.entries.all() if period.start <= e.on <= period.end]
            done = sum(e.quantity for e in entries)
            out.append(Progress(a, done, False, [e.note for e in entries]))
    return out
