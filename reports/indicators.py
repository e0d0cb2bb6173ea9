"""The programme's indicators: what each counts (its written definition), over a period, with
its breakdown.

Each indicator is computed with ORM aggregates grouped in the database, in a fixed number of
queries whatever the size of the data (no query per row); only label look-ups (powiat names,
PKD sections) and the order statistics of time to opinion are finished in Python.
"""

import csv
import datetime
import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.l10n import number_format
from casework.kinds.advisory.constants import KIND as ADVISORY
from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.intake.constants import Topic
from casework.models import Case, CasePause
from directory.constants import OrganisationKind, UnitKind
from directory.models import TerritorialUnit
from directory.registry import pkd
from directory.registry.constants import PKDVersion
from directory.registry.models import EntryPKD, RegistryEntry
from events.constants import Audience, Module
from events.models import Attendance, Certificate, CertificateKind

#: The status in which an advisory opinion has been issued (sent and published).
ISSUED = AdvisoryStatus.PUBLISHED


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    def datetimes(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as an aware half-open interval [start 00:00, day after end 00:00)."""
        tz = timezone.get_default_timezone()
        low = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        high = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return low, high


@dataclass
class Result:
    #: (label, value) rows: the data table and the chart.
    rows: list[tuple[str, int]]
    #: Headers of the table's two columns.
    label_header: str
    value_header: str
    summary: str
    #: Extra figures shown above the table (label, formatted value), e.g. a median.
    figures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(v for _label, v in self.rows)


@dataclass(frozen=True)
class Indicator:
    slug: str
    title: str
    definition: str
    compute: Callable[[Period], Result]
    #: Shown on the public indicators page (aggregates only, nothing personal).
    public: bool = True


def _count_rows(pairs, labels: dict) -> list[tuple[str, int]]:
    """Rows in the order of ``labels`` (every category, zeros too), then unknown keys."""
    counts = dict(pairs)
    rows = [(str(label), counts.pop(key, 0)) for key, label in labels.items()]
    rows += [(str(key) or str(_("not given")), n) for key, n in sorted(counts.items())]
    return rows


def _top_summary(result_rows) -> str:
    """One sentence: the total and the largest group (worded without a counted noun, so it
    reads right in Polish for any number)."""
    total = sum(v for _l, v in result_rows)
    if not total:
        return str(_("Nothing was counted in this period."))
    label, value = max(result_rows, key=lambda r: r[1])
    return str(
        _("Total: %(total)s; the largest group is “%(label)s”: %(value)s.")
        % {
            "total": number_format(total, decimal_places=0),
            "label": label,
            "value": number_format(value, decimal_places=0),
        }
    )


def _advisory_requests(period: Period):
    """Advisory requests received in the period (drafts were never received)."""
    return Case.objects.filter(
        kind=ADVISORY, date_received__gte=period.start, date_received__lte=period.end
    ).exclude(status=AdvisoryStatus.DRAFT)


def requests_by_topic(period: Period) -> Result:
    pairs = (
        _advisory_requests(period).values_list("advisory__topic").annotate(n=Count("pk")).order_by()
    )
    rows = _count_rows(pairs, dict(Topic.choices))
    return Result(rows, str(_("topic")), str(_("requests")), _top_summary(rows))


def requests_by_status(period: Period) -> Result:
    pairs = _advisory_requests(period).values_list("status").annotate(n=Count("pk")).order_by()
    labels = {k: v for k, v in AdvisoryStatus.choices if k != AdvisoryStatus.DRAFT}
    rows = _count_rows(pairs, labels)
    return Result(rows, str(_("status")), str(_("requests")), _top_summary(rows))


def _powiat_names(codes) -> dict[str, str]:
    return dict(
        TerritorialUnit.objects.filter(kind=UnitKind.POWIAT, code__in=list(codes))
        .order_by("name")
        .values_list("code", "name")
    )


def _by_powiat(pairs) -> list[tuple[str, int]]:
    counts = dict(pairs)
    names = _powiat_names(k for k in counts if k)
    rows = [(names[code], counts.pop(code)) for code in sorted(names)]  # TERYT order
    rows += [(str(code) or str(_("not given")), n) for code, n in sorted(counts.items())]
    return rows


def requests_by_powiat(period: Period) -> Result:
    pairs = (
        _advisory_requests(period)
        .annotate(powiat=Substr("requesting_organisation__gmina__code", 1, 4))
        .values_list("powiat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = _by_powiat(pairs)
    return Result(rows, str(_("powiat")), str(_("requests")), _top_summary(rows))


#: Buckets of time to opinion (days, inclusive upper bounds) for the chart.
DAY_BUCKETS = ((14, _("up to 14 days")), (30, _("15–30 days")), (60, _("31–60 days")))  # noqa: RUF001


def nearest_rank(sorted_values: list[int], share: float) -> int:
    """The nearest-rank percentile: the smallest value with at least ``share`` of the values
    at or below it."""
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def opinion_durations(period: Period) -> list[tuple[int, bool]]:
    """(days counted, on time) of each opinion issued in the period.

    Days counted: from the day the clock started to the day the opinion was issued (the first
    move to "published", Warsaw date), less the days the case was paused — as the deadline rule
    adds paused days to the due date (workflows.calendar.due_date_compute). On time: issued on
    or before the due date promised to the requester (which includes pauses, extensions and the
    move off weekends and holidays). Two queries whatever the number of cases.
    """
    low, high = period.datetimes()
    cases = (
        Case.objects.filter(kind=ADVISORY, clock_started_on__isnull=False)
        .annotate(issued_at=Min("events__at", filter=Q(events__to_status=ISSUED)))
        .filter(issued_at__gte=low, issued_at__lt=high)
    )
    rows = list(cases.values_list("pk", "clock_started_on", "promised_date", "issued_at"))
    paused: dict[int, int] = defaultdict(int)
    # A subquery, not a list of ids: a year's opinions may outnumber SQLite's bound variables.
    pauses = CasePause.objects.filter(
        case__in=cases.values("pk"), ended_on__isnull=False
    ).values_list("case_id", "started_on", "ended_on")
    for case_id, started, ended in pauses:
        paused[case_id] += (ended - started).days
    out = []
    for pk, started, promised, issued_at in rows:
        issued_on = timezone.localdate(issued_at)
        days = (issued_on - started).days - paused[pk]
        out.append((days, promised is not None and issued_on <= promised))
    return out


def time_to_opinion(period: Period) -> Result:
    durations = opinion_durations(period)
    days = sorted(d for d, _on_time in durations)
    buckets = Counter()
    for d in days:
        label = next((str(lab) for top, lab in DAY_BUCKETS if d <= top), str(_("over 60 days")))
        buckets[label] += 1
    labels = [str(lab) for _t, lab in DAY_BUCKETS] + [str(_("over 60 days"))]
    rows = [(label, buckets[label]) for label in labels]
    if not days:
        return Result(
            rows, str(_("time to opinion")), str(_("opinions")),
            str(_("No opinion was issued in this period.")),
        )  # fmt: skip
    on_time = sum(1 for _d, ok in durations if ok)
    median = _median(days)
    p90 = nearest_rank(days, 0.9)
    share = 100 * on_time / len(days)
    figures = [
        (str(_("opinions issued")), number_format(len(days), decimal_places=0)),
        (str(_("median (days)")), number_format(median, decimal_places=1)),
        (str(_("90th percentile (days)")), number_format(p90, decimal_places=0)),
        (str(_("issued on time")), f"{number_format(share, decimal_places=1)} %"),
    ]
    summary = _(
        "Opinions issued: %(n)s; median: %(median)s days; 90th percentile: %(p90)s days; "
        "on time: %(share)s %%."
    ) % {
        "n": number_format(len(days), decimal_places=0),
        "median": number_format(median, decimal_places=1),
        "p90": number_format(p90, decimal_places=0),
        "share": number_format(share, decimal_places=1),
    }
    return Result(rows, str(_("time to opinion")), str(_("opinions")), summary, figures)


def _median(values: list[int]) -> float:
    n = len(values)
    mid = n // 2
    return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2


def _registry_snapshot():
    return RegistryEntry.objects.all()


SNAPSHOT_NOTE = _("The registry is counted as it stands now; the period does not apply.")


def entities_by_powiat(period: Period) -> Result:
    pairs = _registry_snapshot().values_list("powiat_code").annotate(n=Count("pk")).order_by()
    rows = _by_powiat(pairs)
    return Result(rows, str(_("powiat")), str(_("entities")), _top_summary(rows))


def entities_by_legal_form(period: Period) -> Result:
    pairs = _registry_snapshot().values_list("kind").annotate(n=Count("pk")).order_by()
    counts = dict(pairs)
    labels = dict(OrganisationKind.choices)
    rows = sorted(
        ((str(labels.get(k, k)), n) for k, n in counts.items()), key=lambda r: (-r[1], r[0])
    )
    return Result(rows, str(_("legal form")), str(_("entities")), _top_summary(rows))


@functools.cache
def _sections(version: str) -> dict[str, str]:
    """``{code: section letter}`` of one PKD version, from directory's shipped CSV (whose
    reader keeps the names only)."""
    path = pkd.DATA_DIR / f"pkd{version}.csv"
    if version not in PKDVersion.values or not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        return {row["code"]: row["section"] for row in csv.DictReader(f)}


def pkd_section(code: str, version: str) -> str:
    return _sections(version).get(code, "")


def entities_by_pkd_section(period: Period) -> Result:
    """Entities by the PKD section of their main activity (each PKD version's own table)."""
    pairs = (
        EntryPKD.objects.filter(is_main=True)
        .values_list("version", "code")
        .annotate(n=Count("entry", distinct=True))
        .order_by()
    )
    by_section: Counter = Counter()
    for version, code, n in pairs:
        by_section[pkd_section(code, version) or "?"] += n
    rows = sorted(by_section.items())
    without = _registry_snapshot().exclude(pkd_codes__is_main=True).count()
    rows.append((str(_("not given")), without))
    return Result(rows, str(_("PKD section")), str(_("entities")), _top_summary(rows))


def _attendances(period: Period):
    low, high = period.datetimes()
    return Attendance.objects.filter(session__starts_at__gte=low, session__starts_at__lt=high)


def participants_by_audience(period: Period) -> Result:
    """Participants: registrations checked in at least once at a session in the period."""
    pairs = (
        _attendances(period)
        .values_list("registration__audience")
        .annotate(n=Count("registration", distinct=True))
        .order_by()
    )
    rows = _count_rows(pairs, dict(Audience.choices))
    return Result(
        rows, str(_("audience category")), str(_("participants")),
        _top_summary(rows),
    )  # fmt: skip


def participants_by_module(period: Period) -> Result:
    pairs = (
        _attendances(period)
        .filter(registration__event__module__isnull=False)
        .values_list("registration__event__module")
        .annotate(n=Count("registration", distinct=True))
        .order_by()
    )
    rows = _count_rows(pairs, dict(Module.choices))
    return Result(rows, str(_("module")), str(_("participants")), _top_summary(rows))


def certificates_issued(period: Period) -> Result:
    low, high = period.datetimes()
    pairs = (
        Certificate.objects.filter(issued_at__gte=low, issued_at__lt=high)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = _count_rows(pairs, dict(CertificateKind.choices))
    return Result(rows, str(_("kind")), str(_("certificates")), _top_summary(rows))


INDICATORS: dict[str, Indicator] = {
    i.slug: i
    for i in (
        Indicator(
            "requests-topic", _("Advisory requests by topic"),
            _("Advisory requests received in the period (date of receipt), by topic; drafts "
              "never filed are not counted."),
            requests_by_topic,
        ),
        Indicator(
            "requests-status", _("Advisory requests by status"),
            _("Advisory requests received in the period, by the status they are in now."),
            requests_by_status,
            # The workflow's internal states are the office's business, not the public's.
            public=False,
        ),
        Indicator(
            "requests-powiat", _("Advisory requests by powiat"),
            _("Advisory requests received in the period, by the powiat of the requesting "
              "organisation's gmina."),
            requests_by_powiat,
        ),
        Indicator(
            "time-to-opinion", _("Time to opinion"),
            _("Opinions issued (published) in the period: days from the start of the clock to "
              "the issue, less the days the case was paused, as the deadline rules count them; "
              "the median, the 90th percentile (nearest rank) and the share issued on or "
              "before the due date promised to the requester."),
            time_to_opinion,
        ),
        Indicator(
            "entities-powiat", _("Registry entities by powiat"),
            _("Entities in the registry of social-economy entities, by the powiat of their "
              "seat.") + " " + SNAPSHOT_NOTE,
            entities_by_powiat,
        ),
        Indicator(
            "entities-form", _("Registry entities by legal form"),
            _("Entities in the registry, by legal form.") + " " + SNAPSHOT_NOTE,
            entities_by_legal_form,
        ),
        Indicator(
            "entities-pkd", _("Registry entities by PKD section"),
            _("Entities in the registry, by the PKD section of their main activity (PKD 2007 "
              "or PKD 2025, as recorded).") + " " + SNAPSHOT_NOTE,
            entities_by_pkd_section,
        ),
        Indicator(
            "participants-audience", _("Event participants by audience category"),
            _("People registered for an event and checked in at least once at a session "
              "that began in the period, by the audience category they gave."),
            participants_by_audience,
        ),
        Indicator(
            "participants-module", _("Workshop participants by module"),
            _("People checked in at least once at a workshop session that began in the "
              "period, by the workshop's module (a person counts once per module)."),
            participants_by_module,
        ),
        Indicator(
            "certificates", _("Certificates issued"),
            _("Certificates of attendance and of completing the four-module cycle issued in "
              "the period."),
            certificates_issued,
        ),
    )
}  # fmt: skip


def public_indicators() -> list[Indicator]:
    """The indicators the public sees (the public page, its charts, the open-data API): those
    marked public, aggregates only."""
    return [i for i in INDICATORS.values() if i.public]
