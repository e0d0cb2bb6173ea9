"""Queues: the lists advisors, the coordinator, the committee and municipalities work from.

Every list here starts from ``Case.objects.visible_to(user)`` (the ONE visibility rule) and
only narrows it: a queue, a filter or a search can never add a case the user may not see.
Rows are fetched with ``select_related`` only, so a page costs the same number of queries
whatever the number of cases, events, comments or attachments.

Accent-insensitive search: the number, title and organisation name are folded (lower case,
diacritics removed, ``ł`` → ``l``) on both sides of a ``LIKE``. On PostgreSQL the column side
is ``lower(unaccent(...))`` (the ``unaccent`` extension, created by migration 0003 when
missing); on SQLite it is ``esflow_fold(...)``, a Python function registered on each
connection. The search term is folded in Python by the same ``fold``.
"""

import datetime
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.db.models import BooleanField, CharField, Count, F, Func, Q, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from directory.constants import UnitKind
from directory.models import TerritorialUnit
from directory.roles import is_coordinator, is_staff
from workflows import calendar
from workflows.querysets import DUE_SOON_DAYS

from .. import permissions
from ..constants import DRAFT
from ..flows import staff_users
from ..models import Case
from ..promises import reached_at_subquery
from ..recusal import recusal_annotations
from ..registry import kind_choices, registered_kinds

__all__ = ["is_coordinator", "is_staff", "kind_choices", "staff_users"]

#: The transition an advisor claims with (and a coordinator assigns with).
CLAIM = "accept"
REASSIGN = "reassign"
#: The transition that puts a question to the requester (its targets: "awaiting information").
REQUEST_INFO = "request_info"
#: The transition a committee member decides with (its sources: "in approval").
APPROVE = "approve"

PAGE_SIZE = 50
TOP_ITEMS = 5


@dataclass(frozen=True)
class QueueDef:
    slug: str
    label: str


UNASSIGNED, MINE, AWAITING, APPROVAL, DUE_SOON, OVERDUE, ALL = (
    "unassigned",
    "mine",
    "awaiting",
    "approval",
    "due-soon",
    "overdue",
    "all",
)

QUEUES = [
    QueueDef(UNASSIGNED, _("Unassigned")),
    QueueDef(MINE, _("Mine")),
    QueueDef(AWAITING, _("Awaiting information")),
    QueueDef(APPROVAL, _("In approval")),
    QueueDef(DUE_SOON, _("Due soon")),
    QueueDef(OVERDUE, _("Overdue")),
    QueueDef(ALL, _("All")),
]
QUEUE_SLUGS = [q.slug for q in QUEUES]

#: Sort keys offered in the queue (the pk breaks ties, so pages never overlap).
SORTS = {
    "due": (F("due_date").asc(nulls_last=True), "-pk"),
    "-due": (F("due_date").desc(nulls_last=True), "-pk"),
    "number": ("number_year", "number_seq", "pk"),
    "-number": ("-number_year", "-number_seq", "-pk"),
    "received": (F("date_received").asc(nulls_last=True), "pk"),
    "-received": (F("date_received").desc(nulls_last=True), "-pk"),
    "title": ("title", "pk"),
    "organisation": ("requesting_organisation__name", "pk"),
}
SORT_LABELS = {
    "due": _("Due date, earliest first"),
    "-due": _("Due date, latest first"),
    "number": _("Number, oldest first"),
    "-number": _("Number, newest first"),
    "received": _("Date received, oldest first"),
    "-received": _("Date received, newest first"),
    "title": _("Title"),
    "organisation": _("Organisation"),
}
DEFAULT_SORT = "due"

ROW_RELATIONS = (
    "requesting_organisation",
    "requesting_organisation__gmina",
    "requesting_organisation__gmina__parent",
    "assignee",
)


# Folding for the search ------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics ("Łódź" → "lodz"), as ``lower(unaccent(...))`` does."""
    if text is None:
        return ""
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


class Folded(Func):
    """``fold`` in SQL: ``esflow_fold(x)`` on SQLite, ``lower(unaccent(x))`` on PostgreSQL."""

    function = "ESFLOW_FOLD"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))")


def _register_fold(sender=None, connection=None, **kwargs):
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function("esflow_fold", 1, fold, deterministic=True)


connection_created.connect(_register_fold, dispatch_uid="casework.queues.fold")


def ensure_fold_function(connection=default_connection) -> None:
    """Register ``esflow_fold`` on a SQLite connection opened before this module was loaded."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        _register_fold(connection=connection)


def search(qs, text: str):
    """Cases whose number, title or organisation name contain every word of ``text``."""
    words = fold(text).split()
    if not words:
        return qs
    ensure_fold_function()
    qs = qs.annotate(
        search_text=Folded(
            Concat(
                "number",
                Value(" "),
                "title",
                Value(" "),
                "requesting_organisation__name",
                Value(" "),
                "requesting_organisation__short_name",
                output_field=CharField(),
            )
        )
    )
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


# Which statuses mean what, over every registered kind ------------------------------------


def _transitions(flow, name: str) -> list:
    method = getattr(flow, name, None)
    if method is None or not hasattr(method, "get_transitions"):
        return []
    return list(method.get_transitions())


def _sources(flow, name: str) -> set[str]:
    return {str(t.source) for t in _transitions(flow, name) if isinstance(t.source, str)}


def _targets(flow, name: str) -> set[str]:
    return {str(s) for t in _transitions(flow, name) for s in t.declared_targets() if s}


def _per_kind(states_of) -> Q:
    """``Q(kind=k, status__in=states_of(flow))`` over every registered kind."""
    q = Q(pk__in=[])
    for name, kind in sorted(registered_kinds().items()):
        states = sorted(states_of(kind.flow))
        if states:
            q |= Q(kind=name, status__in=states)
    return q


def claimable_q() -> Q:
    """Cases in a state someone can claim or be assigned to (the sources of ``accept``)."""
    return _per_kind(lambda flow: _sources(flow, CLAIM))


def _open_states(flow) -> set[str]:
    sources: set[str] = set()
    for name in flow.transition_names():
        if name not in flow.automatic:
            sources |= _sources(flow, name)
    sources.discard(DRAFT)
    return sources


def open_q() -> Q:
    """Cases still being worked on: filed and in a state some non-automatic transition leaves."""
    return _per_kind(_open_states)


def awaiting_q() -> Q:
    """Cases waiting for the requester's answer (the targets of ``request_info``)."""
    return _per_kind(lambda flow: _targets(flow, REQUEST_INFO))


def approval_q() -> Q:
    """Cases awaiting a committee decision (the sources of ``approve``)."""
    return _per_kind(lambda flow: _sources(flow, APPROVE))


def awaiting_statuses(kind: str) -> set[str]:
    found = registered_kinds().get(kind)
    return _targets(found.flow, REQUEST_INFO) if found else set()


def reassignable_statuses(kind: str) -> set[str]:
    found = registered_kinds().get(kind)
    return _sources(found.flow, REASSIGN) if found else set()


def claimable_statuses(kind: str) -> set[str]:
    found = registered_kinds().get(kind)
    return _sources(found.flow, CLAIM) if found else set()


def status_choices() -> list[tuple[str, str]]:
    """Every status of every registered kind, once, with its label."""
    seen: dict[str, str] = {}
    for kind in registered_kinds().values():
        for value, label in kind.flow.statuses.choices:
            seen.setdefault(value, label)
    return sorted(seen.items(), key=lambda item: str(item[1]))


# Queues ----------------------------------------------------------------------------------


def queue_q(slug: str, user, today: datetime.date | None = None) -> Q:
    today = today or calendar.today()
    if slug == UNASSIGNED:
        return claimable_q() & Q(assignee__isnull=True)
    if slug == MINE:
        return open_q() & Q(assignee_id=user.pk)
    if slug == AWAITING:
        return awaiting_q()
    if slug == APPROVAL:
        return approval_q()
    if slug == DUE_SOON:
        return Q(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
    if slug == OVERDUE:
        return Q(due_date__lt=today)
    return Q(pk__isnull=False)


def filtered(user, filters: dict | None = None):
    """Visible cases narrowed by the filter form's cleaned data (no queue, no sort)."""
    qs = Case.objects.visible_to(user)
    filters = filters or {}
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("powiat"):
        qs = qs.filter(requesting_organisation__gmina__parent=filters["powiat"])
    if filters.get("gmina"):
        qs = qs.filter(requesting_organisation__gmina=filters["gmina"])
    assignee = filters.get("assignee")
    if assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif assignee:
        qs = qs.filter(assignee_id=assignee)
    if filters.get("due_from"):
        qs = qs.filter(due_date__gte=filters["due_from"])
    if filters.get("due_to"):
        qs = qs.filter(due_date__lte=filters["due_to"])
    for kind in registered_kinds().values():
        for extra in kind.queue_filters:
            value = filters.get(extra.name)
            if value not in (None, "", []):
                qs = qs.filter(Q(kind=kind.name) & extra.condition(value))
    if filters.get("q"):
        qs = search(qs, filters["q"])
    return qs


def queue_cases(user, slug: str, filters: dict | None = None, sort: str = DEFAULT_SORT):
    """The cases of one queue, sorted, with what a row shows loaded in the same query (the
    dashboards' top items; the queue page reads ``queue_values``)."""
    qs = queue_filtered(user, slug, filters)
    return qs.select_related(*ROW_RELATIONS).order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


#: A tab counts at most this many cases; past it the tab says "500+". Counting further would
#: read every visible case (100,000 after decades of work) on every page view, and nobody
#: works from a number that large. Each count is ``COUNT(*)`` over ``LIMIT COUNT_CAP + 1`` rows
#: found through an index, so a page costs the same at 1,000 and at 100,000 cases.
COUNT_CAP = 500


def bounded_count(qs, limit: int) -> int:
    """``min(qs.count(), limit)``, reading at most ``limit`` rows."""
    return qs.order_by().values("pk")[:limit].count()


#: The columns a queue row prints, read as plain values (no model instances to build).
QUEUE_ROW_FIELDS = (
    "pk",
    "number",
    "title",
    "kind",
    "status",
    "resume_status",
    "due_date",
    "assignee_id",
    "assignee__full_name",
    "assignee__email",
    "requesting_organisation__name",
    "requesting_organisation__gmina__name",
    "requesting_organisation__gmina__parent__name",
)


def queue_values(user, slug: str, filters: dict | None = None, sort: str = DEFAULT_SORT):
    """``queue_cases`` as dicts of ``QUEUE_ROW_FIELDS``: what the queue page lists."""
    return (
        queue_filtered(user, slug, filters)
        .values(*QUEUE_ROW_FIELDS, *kind_column_lookups())
        .order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))
    )


def kind_column_lookups() -> list[str]:
    """The ``values()`` paths of every registered kind's queue columns."""
    return sorted({c.lookup for kind in registered_kinds().values() for c in kind.queue_columns})


def kind_details(row: dict) -> str:
    """The kind's own columns of one ``queue_values`` row, printed ("—"-free, joined); columns
    shown in a table column of their own (``column=True``) are left to ``kind_cells``."""
    kind = registered_kinds().get(row["kind"])
    if kind is None:
        return ""
    shown = [
        str(c.display(row[c.lookup]))
        for c in kind.queue_columns
        if row.get(c.lookup) and not c.column
    ]
    return "; ".join(shown)


def kind_column_heads(kinds=None) -> list[tuple[str, Any]]:
    """(lookup, label) of the kinds' columns that have a table column of their own, in the
    order of the kinds' names and their declarations; one column per lookup. ``kinds`` (the
    kinds of the rows shown) keeps the columns of those kinds only: a page without a kind's
    cases has no column of that kind, empty on every row."""
    heads: dict[str, Any] = {}
    for name, kind in sorted(registered_kinds().items()):
        if kinds is not None and name not in kinds:
            continue
        for column in kind.queue_columns:
            if column.column and column.lookup not in heads:
                heads[column.lookup] = column.label
    return list(heads.items())


def kind_cells(row: dict, heads: list[tuple[str, Any]]) -> list[dict]:
    """The cells of one row under ``kind_column_heads()``: printed text and flag ("" when the
    row's kind has no such column or no value)."""
    kind = registered_kinds().get(row["kind"])
    columns = {c.lookup: c for c in kind.queue_columns} if kind else {}
    cells = []
    for lookup, _label in heads:
        column, value = columns.get(lookup), row.get(lookup)
        if column is None or value in (None, ""):
            cells.append({"text": "", "flag": ""})
            continue
        flag = column.flag(value, row) if column.flag else ""
        cells.append({"text": str(column.display(value)), "flag": str(flag or "")})
    return cells


def queue_filtered(user, slug: str, filters: dict | None = None):
    """The visible cases in one queue under the filters: no order, nothing joined."""
    return filtered(user, filters).filter(queue_q(slug, user))


def queue_counts(user, filters: dict | None = None, *, exact: bool = False) -> dict:
    """How many visible cases match the filters in each queue.

    A count stops at ``COUNT_CAP + 1`` ("more than ``COUNT_CAP``", see ``count_label``): one
    bounded ``COUNT`` per tab, each reading at most that many rows through an index.
    ``exact=True`` counts everything, in one aggregate query."""
    base = filtered(user, filters).order_by()
    if exact:
        return base.aggregate(
            **{slug: Count("pk", filter=queue_q(slug, user)) for slug in QUEUE_SLUGS}
        )
    return {
        slug: bounded_count(base.filter(queue_q(slug, user)), COUNT_CAP + 1) for slug in QUEUE_SLUGS
    }


def count_label(count: int) -> str:
    """A tab's count as shown: the number, or "500+" past the cap."""
    if count > COUNT_CAP:
        return _("%(number)s+") % {"number": COUNT_CAP}
    return str(count)


# The committee ---------------------------------------------------------------------------


def approval_cases(user):
    """Items awaiting a decision, with ``recused`` set where the member may not decide
    (``casework.permissions.RECUSED``, the rule the flows apply) and the reasons' annotations
    of ``casework.recusal`` (``reasons_of`` words them): subqueries, never a query per row."""
    subject = permissions.subject_of(user)
    recused = permissions.RECUSED.q(subject)
    return (
        Case.objects.visible_to(user)
        .filter(approval_q())
        .annotate(**recusal_annotations(subject))
        .annotate(
            recused=CaseWhen(
                When(recused, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
            if recused != permissions.NONE
            else Value(False, output_field=BooleanField())
        )
        .select_related(*ROW_RELATIONS)
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


# The municipality ------------------------------------------------------------------------

#: What the requester is expected to do now, by status, where a kind says nothing of its own
#: (``CaseKind.expected_of_requester``); any other state: nothing, we are working.
EXPECTED = {
    DRAFT: _("Finish the request and submit it."),
    "rejected": _("Nothing: the request was not accepted. Read the reason on its page."),
    "withdrawn": _("Nothing: you withdrew the request."),
    "expired": _("Nothing: the request expired without an answer."),
    "closed": _("Nothing: the case is closed."),
}
EXPECTED_ANSWER = _("Answer the question we asked.")
EXPECTED_DEFAULT = _("Nothing: we are working on it.")


def expected_of_requester(case) -> str:
    kind = registered_kinds().get(case.kind)
    if kind is not None:
        if case.status in kind.expected_of_requester:
            return kind.expected_of_requester[case.status]
        if case.status in awaiting_statuses(case.kind):
            return EXPECTED_ANSWER
    return EXPECTED.get(case.status, EXPECTED_DEFAULT)


def organisation_cases(user):
    """The requests of the user's organisations, whoever filed them (visible ones only)."""
    own = permissions.REQUESTING_ORGANISATION.q(permissions.subject_of(user))
    return (
        Case.objects.visible_to(user)
        .filter(own)
        .annotate(
            needs_answer=CaseWhen(
                When(awaiting_q(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .annotate(reached_at=reached_at_subquery())
        .select_related(*ROW_RELATIONS)
        .order_by("-needs_answer", F("due_date").asc(nulls_last=True), "-created_at", "-pk")
    )


def row_display(
    *,
    pk: int,
    number: str,
    title: str,
    kind: str,
    status: str,
    detail: str,
    organisation: str,
    gmina: str,
    powiat: str,
    assignee: str,
    due_date,
    paused: bool,
    today: datetime.date,
) -> dict:
    """The printed cells of one queue row (``casework/queues/_rows.html``)."""
    found = registered_kinds().get(kind)
    return {
        "pk": pk,
        "number": number or "—",
        "label": number or pk,
        "title": title,
        "url": reverse("casework:case-detail", args=[pk]),
        "claim_url": reverse("casework:queue-claim", args=[pk]),
        "detail": detail,
        "organisation": organisation,
        "place": ", ".join(p for p in (gmina, powiat) if p),
        "status": status,
        "status_label": found.flow.status_label(status) if found else status,
        "assignee": assignee,
        "due_date": due_date,
        "overdue": bool(due_date and due_date < today),
        "paused": paused,
    }


def versions_to_decide(cases) -> dict[int, object]:
    """The latest frozen version of each case, for kinds that keep versions: one query per
    such kind, whatever the number of cases."""
    found: dict[int, object] = {}
    by_kind: dict[str, list[int]] = {}
    for case in cases:
        by_kind.setdefault(case.kind, []).append(case.pk)
    for name, ids in by_kind.items():
        kind = registered_kinds().get(name)
        model = kind.version_model if kind else None
        if model is None:
            continue
        owner = f"{model.owner_field}_id"
        for version in model.objects.filter(**{f"{owner}__in": ids}).order_by(owner, "number"):
            found[getattr(version, owner)] = version  # the last one per case wins
    return found


def powiat_label(name: str) -> str:
    """A powiat as ``TerritorialUnit.__str__`` writes it, from its name alone."""
    return TerritorialUnit.label(UnitKind.POWIAT, name) if name else ""


# Dashboards ------------------------------------------------------------------------------


def staff_panel(user, *, top: str) -> dict:
    """Counts of every queue and the first items of ``top`` (most urgent first)."""
    counts = queue_counts(user)
    labels = {q.slug: q.label for q in QUEUES}
    return {
        "counts": [
            {"slug": s, "label": labels[s], "count": count_label(counts[s])} for s in QUEUE_SLUGS
        ],
        "top_label": labels[top],
        "top_slug": top,
        "top": list(queue_cases(user, top)[:TOP_ITEMS]),
    }


def committee_panel(user) -> dict:
    cases = approval_cases(user)
    return {"count": cases.count(), "top": list(cases[:TOP_ITEMS])}


def requester_panel(user) -> dict:
    cases = organisation_cases(user)
    return {
        "count": cases.count(),
        "to_answer": cases.filter(awaiting_q()).count(),
        "top": [{"case": c, "expected": expected_of_requester(c)} for c in cases[:TOP_ITEMS]],
    }
