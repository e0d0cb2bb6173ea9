"""The programme's indicators: what each counts (its written definition), over a period, with
its breakdown.

Each indicator is computed with aggregates grouped in the database (the ORM's, but for the four
below), in a fixed number of queries whatever the size of the data (no query per row); only
label look-ups (powiat names, PKD sections) and the order statistics of time to opinion are
finished in Python. Rows are counted with ``COUNT(*)``, not ``COUNT(id)``: a count of a column
makes PostgreSQL read the table where an index alone would do (bench/README.md, indicators).

Four indicators are hand-written SQL (``_sql_rows``): the committee's meetings and resolutions
per body, the attendance at its meetings and the agreements in force. Their aggregates read a
few hundred to a few thousand rows and take 0.5-4 ms in PostgreSQL, while building and
compiling the ORM's query costs 1-3 ms of Python on the reference machine whatever the data.
Written with the ORM they measured 2.5-3.0x (meetings, resolutions), 1.9-2.0x (attendance)
and 1.8-2.5x (agreements) a raw-SQL query of the same aggregate, against the band's 2x
(bench/README.md, 6 December 2026); the other sixteen are within it with the ORM, their
database work being larger beside that fixed cost. Each is one portable statement
(two for the bodies' counts: the counts, then the bodies) with its parameters adapted by
Django's own backend operations; the literal-fixture tests run them on SQLite and PostgreSQL,
at midnight in Warsaw too (tests/reports/test_hand_written.py).
"""

import bisect
import csv
import datetime
import functools
import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import NotSupportedError, connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, Substr, TruncDate
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.l10n import number_format
from casework.kinds.advisory.constants import KIND as ADVISORY
from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.intake.constants import ClauseType, Topic
from casework.kinds.advisory.models import OpinionVersion
from casework.kinds.agreement.constants import ENDED_STATES, AgreementStatus
from casework.kinds.agreement.constants import KIND as AGREEMENT
from casework.kinds.agreement.models import AgreementParty
from casework.kinds.practice.constants import KIND as PRACTICE
from casework.kinds.practice.constants import PracticeStatus, ThematicArea
from casework.models import Case, CaseEvent, CasePause
from committee.constants import PRESENT_STATUSES, AttendanceStatus, MeetingStatus
from committee.permissions import VOTING_ROLES
from directory.constants import OrganisationKind, UnitKind
from directory.models import TerritorialUnit
from directory.registry import pkd
from directory.registry.constants import AtRiskGroup, PKDVersion
from directory.registry.models import EmploymentFigure, EntryPKD, RegistryEntry
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
    #: Whether the rows add up to something (parts of one whole); when they do not (the same
    #: quantity at two dates), the table and the exports show no total.
    additive: bool = True
    #: A stable key of each row (a choice's value, a TERYT code, a PKD section): what a
    #: mapping in data (``FunderColumn.row``) names a row by, whatever the page's language.
    keys: list[str] = field(default_factory=list)

    def value(self, key: str = "") -> int | None:
        """The value of the row ``key`` (0 when the period has no such row: a powiat with
        nothing counted); the total for an empty key."""
        if not key:
            return self.total
        return dict(zip(self.keys, (v for _label, v in self.rows), strict=True)).get(key, 0)

    @property
    def total(self) -> int | None:
        return sum(v for _label, v in self.rows) if self.additive else None


@dataclass(frozen=True)
class Indicator:
    slug: str
    title: str
    definition: str
    compute: Callable[[Period], Result]
    #: Shown on the public indicators page (aggregates only, nothing personal).
    public: bool = True


def _count_rows(pairs, labels: dict) -> tuple[list[tuple[str, int]], list[str]]:
    """Rows in the order of ``labels`` (every category, zeros too), then unknown keys; and
    the rows' keys."""
    counts = dict(pairs)
    keys = [*labels, *sorted(k for k in counts if k not in labels)]
    rows = [(str(labels.get(k, k) or _("not given")), counts.get(k, 0)) for k in keys]
    return rows, ["" if k is None else str(k) for k in keys]


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
        _advisory_requests(period).values_list("advisory__topic").annotate(n=Count("*")).order_by()
    )
    rows, keys = _count_rows(pairs, dict(Topic.choices))
    return Result(rows, str(_("topic")), str(_("requests")), _top_summary(rows), keys=keys)


def requests_by_status(period: Period) -> Result:
    pairs = _advisory_requests(period).values_list("status").annotate(n=Count("*")).order_by()
    labels = {k: v for k, v in AdvisoryStatus.choices if k != AdvisoryStatus.DRAFT}
    rows, keys = _count_rows(pairs, labels)
    return Result(rows, str(_("status")), str(_("requests")), _top_summary(rows), keys=keys)


def _powiat_names(codes) -> dict[str, str]:
    return dict(
        TerritorialUnit.objects.filter(kind=UnitKind.POWIAT, code__in=list(codes))
        .order_by("name")
        .values_list("code", "name")
    )


def _by_powiat(pairs) -> tuple[list[tuple[str, int]], list[str]]:
    """Rows by powiat in TERYT order, then codes not found; and the codes as keys."""
    counts: Counter = Counter()
    for code, n in pairs:
        counts[code or ""] += n
    names = _powiat_names(k for k in counts if k)
    keys = [*sorted(names), *sorted(k for k in counts if k not in names)]  # TERYT order
    rows = [(names.get(k) or k or str(_("not given")), counts[k]) for k in keys]
    return rows, keys


def requests_by_powiat(period: Period) -> Result:
    pairs = (
        _advisory_requests(period)
        .annotate(powiat=Substr("requesting_organisation__gmina__code", 1, 4))
        .values_list("powiat")
        .annotate(n=Count("*"))
        .order_by()
    )
    rows, keys = _by_powiat(pairs)
    return Result(rows, str(_("powiat")), str(_("requests")), _top_summary(rows), keys=keys)


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
    # Filtering the events before the annotation joins only the "published" events (an
    # INNER JOIN the index serves) instead of aggregating every event of every case.
    cases = (
        Case.objects.filter(kind=ADVISORY, clock_started_on__isnull=False)
        .filter(events__to_status=ISSUED)
        .annotate(issued_at=Min("events__at"))
        .filter(issued_at__gte=low, issued_at__lt=high)
    )
    # The Warsaw day of issue is computed by the database: converting tens of thousands of
    # times in Python cost more than the query (bench/README.md, indicators).
    issued_on = TruncDate("issued_at", tzinfo=timezone.get_default_timezone())
    rows = cases.annotate(issued_on=issued_on).values_list(
        "pk", "clock_started_on", "promised_date", "issued_on"
    )
    # The pauses of every case published in the period (a superset of the opinions first
    # published then, looked up by case): a semi-join on the period's events, not a second
    # run of the costly "first published" grouping over every case's events (and a subquery,
    # not a list of ids: a year's opinions may outnumber SQLite's bound variables).
    published = CaseEvent.objects.filter(
        case__kind=ADVISORY, to_status=ISSUED, at__gte=low, at__lt=high
    ).values("case_id")
    pauses = CasePause.objects.filter(case__in=published, ended_on__isnull=False).values_list(
        "case_id", "started_on", "ended_on"
    )
    paused: Counter = Counter()
    for case_id, started, ended in pauses.order_by():
        paused[case_id] += (ended - started).days
    return [
        ((issued - started).days - paused[pk], promised is not None and issued <= promised)
        for pk, started, promised, issued in rows
    ]


def time_to_opinion(period: Period) -> Result:
    durations = opinion_durations(period)
    days = sorted(d for d, _on_time in durations)
    # Labels translated once, not per opinion: a lazy string's translation costs more than
    # the rest of the loop.
    labels = [str(lab) for _t, lab in DAY_BUCKETS] + [str(_("over 60 days"))]
    tops = [top for top, _lab in DAY_BUCKETS]
    buckets = Counter(bisect.bisect_left(tops, d) for d in days)
    rows = [(label, buckets[i]) for i, label in enumerate(labels)]
    keys = [*(f"to{top}" for top, _lab in DAY_BUCKETS), "over60"]
    if not days:
        return Result(
            rows, str(_("time to opinion")), str(_("opinions")),
            str(_("No opinion was issued in this period.")), keys=keys,
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
    return Result(rows, str(_("time to opinion")), str(_("opinions")), summary, figures, keys=keys)


def _median(values: list[int]) -> float:
    n = len(values)
    mid = n // 2
    return float(values[mid]) if n % 2 else (values[mid - 1] + values[mid]) / 2


def _registry_snapshot():
    return RegistryEntry.objects.all()


SNAPSHOT_NOTE = _("The registry is counted as it stands now; the period does not apply.")


def entities_by_powiat(period: Period) -> Result:
    pairs = _registry_snapshot().values_list("powiat_code").annotate(n=Count("*")).order_by()
    rows, keys = _by_powiat(pairs)
    return Result(rows, str(_("powiat")), str(_("entities")), _top_summary(rows), keys=keys)


def entities_by_legal_form(period: Period) -> Result:
    pairs = _registry_snapshot().values_list("kind").annotate(n=Count("*")).order_by()
    counts = dict(pairs)
    labels = dict(OrganisationKind.choices)
    keys = sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, k))))
    rows = [(str(labels.get(k, k)), counts[k]) for k in keys]
    return Result(rows, str(_("legal form")), str(_("entities")), _top_summary(rows), keys=keys)


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
    keys = [section for section, _n in rows[:-1]] + [""]
    return Result(rows, str(_("PKD section")), str(_("entities")), _top_summary(rows), keys=keys)


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
    rows, keys = _count_rows(pairs, dict(Audience.choices))
    return Result(
        rows, str(_("audience category")), str(_("participants")),
        _top_summary(rows), keys=keys,
    )  # fmt: skip


def participants_by_module(period: Period) -> Result:
    pairs = (
        _attendances(period)
        .filter(registration__event__module__isnull=False)
        .values_list("registration__event__module")
        .annotate(n=Count("registration", distinct=True))
        .order_by()
    )
    rows, keys = _count_rows(pairs, dict(Module.choices))
    return Result(rows, str(_("module")), str(_("participants")), _top_summary(rows), keys=keys)


def certificates_issued(period: Period) -> Result:
    low, high = period.datetimes()
    pairs = (
        Certificate.objects.filter(issued_at__gte=low, issued_at__lt=high)
        .values_list("kind")
        .annotate(n=Count("*"))
        .order_by()
    )
    rows, keys = _count_rows(pairs, dict(CertificateKind.choices))
    return Result(rows, str(_("kind")), str(_("certificates")), _top_summary(rows), keys=keys)


def _first_moved_to(kind: str, status: str, period: Period):
    """Cases of ``kind`` whose first move to ``status`` happened in the period (a later
    correction or archiving does not move them out). The first move is found in a subquery
    grouped by case, so that a breakdown grouped by something else counts each case once."""
    low, high = period.datetimes()
    reached = (
        Case.objects.filter(kind=kind, events__to_status=status)  # joins those events only
        .annotate(reached_at=Min("events__at"))
        .filter(reached_at__gte=low, reached_at__lt=high)
        .values("pk")
    )
    return Case.objects.filter(pk__in=reached)


class HasClauseType(Func):
    """True when a JSON list of clause dicts (``OpinionVersion.clauses``) holds a clause of
    ``clause_type``: evaluated in the database, so the count takes one query at any size.
    PostgreSQL: JSON containment (``@>``); SQLite: its ``json_each`` table function. Django
    has no portable lookup for "an element of a JSON list has this key" (``contains`` is not
    supported on SQLite)."""

    output_field = BooleanField()

    def __init__(self, expression, clause_type: str):
        super().__init__(expression)
        self.clause_type = clause_type

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        needle = json.dumps([{"clause_type": self.clause_type}])
        return f"({sql} @> %s::jsonb)", (*params, needle)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return (
            f"EXISTS (SELECT 1 FROM json_each({sql}) AS clause "  # noqa: S608 (a column)
            "WHERE json_extract(clause.value, '$.clause_type') = %s)",
            (*params, self.clause_type),
        )

    def as_sql(self, compiler, connection, **extra):
        raise NotSupportedError("HasClauseType is written for PostgreSQL and SQLite")


def clause_types_recommended(period: Period) -> Result:
    """Opinions issued in the period (first published then) by the clause types their issued
    version recommends; an opinion recommending several types counts under each. One query."""
    issued = _first_moved_to(ADVISORY, ISSUED, period)
    versions = OpinionVersion.objects.filter(
        pk__in=issued.filter(advisory__current_version__isnull=False).values(
            "advisory__current_version"
        )
    )
    counts = versions.aggregate(
        opinions=Count("pk"),
        with_clauses=Count("pk", filter=~Q(clauses=[])),
        **{t: Count("pk", filter=Q(HasClauseType("clauses", t))) for t in ClauseType.values},
    )
    rows = [(str(label), counts[key]) for key, label in ClauseType.choices]
    keys = list(ClauseType.values)
    figures = [
        (str(_("opinions issued")), number_format(counts["opinions"], decimal_places=0)),
        (
            str(_("opinions recommending a clause")),
            number_format(counts["with_clauses"], decimal_places=0),
        ),
    ]
    if not counts["opinions"]:
        summary = str(_("No opinion was issued in this period."))
    else:
        summary = str(
            _(
                "Opinions issued: %(n)s, of which %(with)s recommend at least one social "
                "clause. %(top)s"
            )
            % {
                "n": number_format(counts["opinions"], decimal_places=0),
                "with": number_format(counts["with_clauses"], decimal_places=0),
                "top": _top_summary(rows),
            }
        )
    return Result(rows, str(_("clause type")), str(_("opinions")), summary, figures, keys=keys)


def practices_by_area(period: Period) -> Result:
    """Good practices published in the period (first published then), by thematic area."""
    pairs = (
        _first_moved_to(PRACTICE, PracticeStatus.PUBLISHED, period)
        .values_list("practice__area")
        .annotate(n=Count("*"))
        .order_by()
    )
    rows, keys = _count_rows(pairs, dict(ThematicArea.choices))
    return Result(rows, str(_("thematic area")), str(_("practices")), _top_summary(rows), keys=keys)


def employment_on(day: datetime.date) -> dict:
    """Employment in the registry on ``day``: each entry's latest figure dated on or before
    it, summed (headcount, full-time equivalents and people at risk by group). One query."""
    later = EmploymentFigure.objects.filter(
        entry=OuterRef("entry"), as_of__gt=OuterRef("as_of"), as_of__lte=day
    )
    in_force = EmploymentFigure.objects.filter(as_of__lte=day).exclude(Exists(later))
    return in_force.aggregate(
        entities=Count("entry", distinct=True),
        headcount=Coalesce(Sum("headcount"), 0),
        fte=Sum("fte"),
        **{
            g: Coalesce(Sum(Cast(KT(f"at_risk__{g}"), IntegerField())), 0)
            for g in AtRiskGroup.values
        },
    )


def _signed(n: int) -> str:
    text = number_format(abs(n), decimal_places=0)
    return f"+{text}" if n > 0 else (f"\N{MINUS SIGN}{text}" if n < 0 else text)


def employment_change(period: Period) -> Result:
    """Employees and people at risk of exclusion among them on the period's first and last
    day (two queries), and the change between the two."""
    start, end = employment_on(period.start), employment_on(period.end)

    def at_risk(e):
        return sum(e[g] for g in AtRiskGroup.values)

    rows = [
        (str(_("employees on the first day")), start["headcount"]),
        (str(_("employees on the last day")), end["headcount"]),
        (str(_("of whom at risk of exclusion, first day")), at_risk(start)),
        (str(_("of whom at risk of exclusion, last day")), at_risk(end)),
    ]
    change = end["headcount"] - start["headcount"]
    change_at_risk = at_risk(end) - at_risk(start)
    fte = end["fte"] or 0
    figures = [
        (str(_("entities reporting employment")), number_format(end["entities"], decimal_places=0)),
        (str(_("change in employees")), _signed(change)),
        (str(_("change in people at risk of exclusion")), _signed(change_at_risk)),
        (str(_("full-time equivalents on the last day")), number_format(fte, decimal_places=2)),
    ]
    summary = str(
        _(
            "Employees: %(start)s on the first day, %(end)s on the last (%(change)s); at risk "
            "of exclusion among them: %(risk_start)s and %(risk_end)s (%(risk_change)s)."
        )
        % {
            "start": number_format(start["headcount"], decimal_places=0),
            "end": number_format(end["headcount"], decimal_places=0),
            "change": _signed(change),
            "risk_start": number_format(at_risk(start), decimal_places=0),
            "risk_end": number_format(at_risk(end), decimal_places=0),
            "risk_change": _signed(change_at_risk),
        }
    )
    keys = ["employees_first", "employees_last", "at_risk_first", "at_risk_last"]
    return Result(
        rows, str(_("employment")), str(_("people")), summary, figures, additive=False,
        keys=keys,
    )  # fmt: skip


def employment_at_risk(period: Period) -> Result:
    """People at risk of exclusion employed on the period's last day, by group."""
    end = employment_on(period.end)
    rows = [(str(label), end[key]) for key, label in AtRiskGroup.choices]
    keys = list(AtRiskGroup.values)
    return Result(rows, str(_("group")), str(_("people")), _top_summary(rows), keys=keys)


def _gmina_labels(ids) -> dict[int, str]:
    """``{id: "gmina (powiat)"}``: gmina names repeat across powiats."""
    units = TerritorialUnit.objects.filter(pk__in=list(ids)).values_list(
        "pk", "code", "name", "parent__name"
    )
    return {
        pk: (code, f"{name} ({parent})" if parent else name) for pk, code, name, parent in units
    }


def participants_by_gmina(period: Period) -> Result:
    """Participants by the gmina where the event took place (an online event has none)."""
    pairs = dict(
        _attendances(period)
        .values_list("session__event__gmina")
        .annotate(n=Count("registration", distinct=True))
        .order_by()
    )
    without = pairs.pop(None, 0)
    labels = _gmina_labels(pairs)
    ordered = sorted(pairs, key=lambda pk: labels[pk][0])  # TERYT order
    rows = [(labels[pk][1], pairs[pk]) for pk in ordered]
    rows.append((str(_("online or no place given")), without))
    keys = [labels[pk][0] for pk in ordered] + [""]
    return Result(rows, str(_("gmina")), str(_("participants")), _top_summary(rows), keys=keys)


def _agreement_events(statuses, *, before=None, since=None):
    """Whether the outer case moved to one of ``statuses`` before ``before`` (and at or after
    ``since``): an ``Exists`` the agreement counts filter on."""
    events = CaseEvent.objects.filter(case=OuterRef("pk"), to_status__in=list(statuses))
    if before is not None:
        events = events.filter(at__lt=before)
    if since is not None:
        events = events.filter(at__gte=since)
    return Exists(events)


def _in_force_at_end(period: Period):
    """Agreements in force at the end of the period: put in force (their first move to "in
    force") before it and not expired or terminated by then. An annex being prepared
    ("amending") keeps the agreement in force as signed."""
    _low, high = period.datetimes()
    return Case.objects.filter(kind=AGREEMENT).filter(
        _agreement_events([AgreementStatus.IN_FORCE], before=high),
        ~_agreement_events(ENDED_STATES, before=high),
    )


def _sql_rows(sql: str, params: dict | None = None) -> list[tuple]:
    """The rows of a hand-written aggregate (the module's docstring says which and why), its
    parameters adapted as Django adapts a field's value for this database: SQLite keeps
    date-times as UTC text, which an aware value passed as it is would not compare with."""
    adapt = connection.ops.adapt_unknown_value
    with connection.cursor() as cursor:
        cursor.execute(sql, {k: adapt(v) for k, v in (params or {}).items()} or None)
        return cursor.fetchall()


#: Each agreement's first move into force and its end (the first move to expired or
#: terminated), counted three ways against the period's bounds.
AGREEMENTS_SQL = """
SELECT COUNT(*) FILTER (WHERE came_in < %(high)s AND (went_out IS NULL OR went_out >= %(high)s)),
       COUNT(*) FILTER (WHERE came_in >= %(low)s AND came_in < %(high)s),
       COUNT(*) FILTER (WHERE went_out >= %(low)s AND went_out < %(high)s)
FROM (SELECT e.case_id,
             MIN(e.at) FILTER (WHERE e.to_status = %(in_force)s) AS came_in,
             MIN(e.at) FILTER (WHERE e.to_status IN (%(expired)s, %(terminated)s)) AS went_out
      FROM casework_caseevent e JOIN casework_case c ON c.id = e.case_id
      WHERE c.kind = %(kind)s AND e.to_status IN (%(in_force)s, %(expired)s, %(terminated)s)
      GROUP BY e.case_id) AS moves
"""


def agreements_in_force(period: Period) -> Result:
    """Agreements in force on the period's last day, those that entered into force in it and
    those that ended (expired or terminated) in it. One query (hand-written, see the module's
    docstring): each agreement's first move into force and its end, read once from its events
    (an annex's return to "in force" is not a new entry; an agreement ends once)."""
    low, high = period.datetimes()
    (row,) = _sql_rows(
        AGREEMENTS_SQL,
        {
            "low": low, "high": high, "kind": AGREEMENT,
            "in_force": AgreementStatus.IN_FORCE.value,
            "expired": AgreementStatus.EXPIRED.value,
            "terminated": AgreementStatus.TERMINATED.value,
        },
    )  # fmt: skip
    counts = dict(zip(["in_force", "entered", "ended"], row, strict=True))
    rows = [
        (str(_("in force on the last day")), counts["in_force"]),
        (str(_("entered into force in the period")), counts["entered"]),
        (str(_("expired or terminated in the period")), counts["ended"]),
    ]
    summary = str(
        _(
            "Agreements in force on the last day: %(in_force)s; entered into force in the "
            "period: %(entered)s; ended in it: %(ended)s."
        )
        % {k: number_format(v, decimal_places=0) for k, v in counts.items()}
    )
    return Result(
        rows, str(_("agreements")), str(_("agreements")), summary, additive=False,
        keys=["in_force", "entered", "ended"],
    )  # fmt: skip


def agreement_parties_by_kind(period: Period) -> Result:
    """Organisations party to an agreement in force on the period's last day, by kind of
    organisation (an organisation party to several counts once per kind). Two queries."""
    _low, high = period.datetimes()
    in_force = _in_force_at_end(period)
    pairs = (
        AgreementParty.objects.filter(agreement__case__in=in_force, signed_version__isnull=False)
        .filter(Q(left_at__isnull=True) | Q(left_at__gte=high))
        .values_list("organisation__kind")
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    )
    counts = dict(pairs)
    labels = dict(OrganisationKind.choices)
    keys = sorted(counts, key=lambda k: (-counts[k], str(labels.get(k, k))))
    rows = [(str(labels.get(k, k)), counts[k]) for k in keys]
    agreements = in_force.count()
    figures = [
        (str(_("agreements in force on the last day")), number_format(agreements, decimal_places=0))
    ]
    return Result(
        rows, str(_("kind of organisation")), str(_("parties")), _top_summary(rows), figures,
        keys=keys,
    )  # fmt: skip


#: The row of the bodies not listed on the portal (counted, not named).
UNLISTED = "unlisted"


#: The bodies in the order of their rows: the committee, then its groups, by name.
BODIES_SQL = """
SELECT b.id, o.name, b.is_public FROM committee_body b
JOIN directory_organisation o ON o.id = b.organisation_id
ORDER BY b.kind, o.name, b.id
"""


def _by_body(counts: dict[int, int]) -> tuple[list[tuple[str, int]], list[str]]:
    """Rows by body (the committee, then its groups, by name; zeros too); the bodies not
    listed on the portal together in one unnamed row; keys: the bodies' ids."""
    rows, keys, unlisted, any_unlisted = [], [], 0, False
    for pk, name, listed in _sql_rows(BODIES_SQL):
        if listed:
            rows.append((name, counts.get(pk, 0)))
            keys.append(str(pk))
        else:
            any_unlisted = True
            unlisted += counts.get(pk, 0)
    if any_unlisted:
        rows.append((str(_("bodies not listed on the portal")), unlisted))
        keys.append(UNLISTED)
    return rows, keys


def meetings_held(period: Period) -> Result:
    """Meetings held that began in the period, by body. Two queries (hand-written, see the
    module's docstring): the counts, then the bodies."""
    low, high = period.datetimes()
    counts = _sql_rows(
        "SELECT body_id, COUNT(*) FROM committee_meeting WHERE status = %(held)s "
        "AND starts_at >= %(low)s AND starts_at < %(high)s GROUP BY body_id",
        {"held": MeetingStatus.HELD.value, "low": low, "high": high},
    )
    rows, keys = _by_body(dict(counts))
    return Result(rows, str(_("body")), str(_("meetings")), _top_summary(rows), keys=keys)


def resolutions_adopted(period: Period) -> Result:
    """Resolutions adopted on a day of the period, by body. Two queries (hand-written, see
    the module's docstring): the counts, then the bodies."""
    counts = _sql_rows(
        "SELECT body_id, COUNT(*) FROM committee_resolution "
        "WHERE adopted_on >= %(start)s AND adopted_on <= %(end)s GROUP BY body_id",
        {"start": period.start, "end": period.end},
    )
    rows, keys = _by_body(dict(counts))
    return Result(rows, str(_("body")), str(_("resolutions")), _top_summary(rows), keys=keys)


#: The roles with a vote and the attendance statuses, each a parameter of the statement.
_VOTING = {f"role_{i}": role.value for i, role in enumerate(sorted(VOTING_ROLES))}
_ATTENDANCE = {f"status_{i}": status for i, status in enumerate(AttendanceStatus.values)}

#: The meetings counted and the seats with a vote by attendance, in the order of
#: ``AttendanceStatus``.
ATTENDANCE_SQL = f"""
SELECT COUNT(DISTINCT a.meeting_id),
       {", ".join(f"COUNT(*) FILTER (WHERE a.status = %({p})s)" for p in _ATTENDANCE)}
FROM committee_attendance a
JOIN committee_meeting m ON m.id = a.meeting_id
JOIN directory_membership s ON s.id = a.membership_id
WHERE m.status = %(held)s AND m.starts_at >= %(low)s AND m.starts_at < %(high)s
  AND s.role IN ({", ".join(f"%({p})s" for p in _VOTING)})
"""  # noqa: S608 (placeholders only: the values are parameters)


def meeting_attendance(period: Period) -> Result:
    """The seats with a vote at the meetings held in the period, by attendance (present in
    the room, present online, excused, absent), and the share present. One query
    (hand-written, see the module's docstring)."""
    low, high = period.datetimes()
    params = {"held": MeetingStatus.HELD.value, "low": low, "high": high, **_VOTING}
    ((meetings, *seats),) = _sql_rows(ATTENDANCE_SQL, params | _ATTENDANCE)
    counts = {"meetings": meetings, **dict(zip(AttendanceStatus.values, seats, strict=True))}
    rows = [(str(label), counts[key]) for key, label in AttendanceStatus.choices]
    keys = list(AttendanceStatus.values)
    seats_total = sum(counts[s] for s in AttendanceStatus.values)
    if not seats_total:
        return Result(
            rows, str(_("attendance")), str(_("seats")),
            str(_("No meeting was held in this period.")), keys=keys,
        )  # fmt: skip
    share = 100 * sum(counts[s] for s in PRESENT_STATUSES) / seats_total
    figures = [
        (str(_("meetings counted")), number_format(counts["meetings"], decimal_places=0)),
        (str(_("seats with a vote present")), f"{number_format(share, decimal_places=1)} %"),
    ]
    summary = str(
        _(
            "Meetings held: %(meetings)s; of the seats with a vote at them, %(share)s %% were "
            "present in the room or online."
        )
        % {
            "meetings": number_format(counts["meetings"], decimal_places=0),
            "share": number_format(share, decimal_places=1),
        }
    )
    return Result(rows, str(_("attendance")), str(_("seats")), summary, figures, keys=keys)


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
            "clause-types", _("Social clause types recommended"),
            _("Opinions issued (first published) in the period, by the types of social clause "
              "their issued version recommends (the clauses the advisor inserted into the "
              "opinion); an opinion recommending several types counts once under each, so the "
              "total may exceed the number of opinions."),
            clause_types_recommended,
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
            "employment", _("Employment in registry entities"),
            _("Employees of the registry's entities and, among them, people at risk of social "
              "exclusion, on the first and on the last day of the period: for each entity its "
              "latest employment figure dated on or before that day (an entity with none then "
              "is not counted), summed; and the change between the two days."),
            employment_change,
            # Entities agree to publish their employment one by one: the sums are not public.
            public=False,
        ),
        Indicator(
            "employment-at-risk", _("Employed people at risk of exclusion by group"),
            _("People at risk of social exclusion employed by the registry's entities on the "
              "last day of the period, by group (as each entity's latest employment figure "
              "dated on or before that day reports them)."),
            employment_at_risk,
            public=False,
        ),
        Indicator(
            "practices-area", _("Good practices by thematic area"),
            _("Good practices published (first published) in the period, by thematic area."),
            practices_by_area,
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
            "participants-gmina", _("Event participants by gmina"),
            _("People checked in at least once at a session that began in the period, by the "
              "gmina where the event took place (a person counts once per gmina); online "
              "events and events with no place given are counted apart."),
            participants_by_gmina,
        ),
        Indicator(
            "certificates", _("Certificates issued"),
            _("Certificates of attendance and of completing the four-module cycle issued in "
              "the period."),
            certificates_issued,
        ),
        Indicator(
            "agreements", _("Partnership agreements in force"),
            _("Partnership agreements in force on the last day of the period (signed by every "
              "party, put in force before the end of that day and not expired or terminated "
              "by then; an annex being prepared leaves the agreement in force as signed); "
              "those that entered into force in the period (for the first time: an annex "
              "does not count again); and those that expired or were terminated in it. The "
              "three figures overlap, so no total is given."),
            agreements_in_force,
        ),
        Indicator(
            "agreement-parties", _("Parties to agreements in force by kind of organisation"),
            _("Organisations party to a partnership agreement in force on the last day of "
              "the period, by kind of organisation: the parties recorded now as having "
              "completed their signature that had not withdrawn by an annex in force by that "
              "day; an organisation party to several agreements counts once."),
            agreement_parties_by_kind,
        ),
        Indicator(
            "committee-meetings", _("Committee meetings held"),
            _("Meetings of the committee and of its thematic groups that began in the period "
              "and were held (their attendance recorded), by body; bodies not listed on the "
              "portal are counted together, unnamed."),
            meetings_held,
        ),
        Indicator(
            "committee-resolutions", _("Committee resolutions adopted"),
            _("Resolutions adopted in the period (the date of adoption), at a meeting or by "
              "circular procedure, by body; bodies not listed on the portal are counted "
              "together, unnamed."),
            resolutions_adopted,
        ),
        Indicator(
            "committee-attendance", _("Attendance at committee meetings"),
            _("The seats with a vote (chair, vice-chair, secretary, member; not observers) at "
              "the meetings of the committee and its groups held in the period, each seat at "
              "each meeting once, by recorded attendance; the share present is the seats "
              "present in the room or online over all those seats, every body and meeting "
              "together. No person's attendance is shown."),
            meeting_attendance,
            # Aggregates for the coordinator: the public reads the minutes of each meeting.
            public=False,
        ),
    )
}  # fmt: skip


def public_indicators() -> list[Indicator]:
    """The indicators the public sees (the public page, its charts, the open-data API): those
    marked public, aggregates only."""
    return [i for i in INDICATORS.values() if i.public]


@dataclass(frozen=True)
class PublicSnapshot:
    #: When the figures were computed (they may be read from the cache until
    #: ``ESFLOW_INDICATORS_CACHE_SECONDS`` later).
    computed_at: datetime.datetime
    #: The public indicators' results by slug.
    results: dict[str, Result]


def public_snapshot(period: Period) -> PublicSnapshot:
    """The public indicators of ``period`` in the active language, from the cache when they
    were computed less than ``ESFLOW_INDICATORS_CACHE_SECONDS`` ago.

    The public page, its charts and the open-data API are open to anyone, and each chart is a
    request of its own that needs the same figures: without the cache, one visit computes
    every indicator once for the page and once per chart, and anyone could make the server
    aggregate the whole database at will with new periods. Public aggregates may be a quarter
    of an hour old; the coordinator's pages are computed afresh (never cached). The key holds
    the language because the results carry translated labels."""
    # "snapshot": a cache kept across a deployment may still hold the plain dicts an earlier
    # version stored under "reports:public:…".
    key = f"reports:snapshot:{period.start:%Y%m%d}:{period.end:%Y%m%d}:{get_language()}"
    snapshot = cache.get(key)
    if snapshot is None:
        snapshot = PublicSnapshot(
            timezone.now(), {i.slug: i.compute(period) for i in public_indicators()}
        )
        cache.set(key, snapshot, settings.ESFLOW_INDICATORS_CACHE_SECONDS)
    return snapshot


def public_results(period: Period) -> dict[str, Result]:
    return public_snapshot(period).results
