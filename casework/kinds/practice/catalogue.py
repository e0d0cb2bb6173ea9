"""The public catalogue's reads of good practices: search, filters, counts per powiat, years.

The search is the registry's (``directory.registry.textsearch``): the query's words are
folded (no diacritics) and cut to a crude Polish stem, and each stem must be the prefix of
a word of the practice — on PostgreSQL through the generated ``search_vector`` column
(``esflow_simple`` configuration with ``unaccent``, migration 0004), on SQLite through the
folded ``search_folded`` text. The indexed text holds only public fields
(``public.PUBLIC_FIELDS``); the contact person never enters it.

A practice belongs to a powiat through its gminas (TERYT: the powiat is the gmina code's
first four digits), to a year through its publication (the approval of its version).
"""

from django.db import connection
from django.db.models import BooleanField, Count, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear, Substr
from django.utils import translation

from directory.constants import OrganisationKind
from directory.models import TerritorialUnit
from directory.registry.querysets import PG_TS_CONFIG
from directory.registry.textsearch import query_stems, search_document

from .constants import ThematicArea
from .models import GoodPractice

#: The practice's texts the search reads (besides the title, the organisation, the area
#: and the places).
INDEXED_TEXT = (
    "partners",
    "problem",
    "solution",
    "results",
    "figures",
    "funding_sources",
    "replication",
)


def index_parts(practice) -> list[str]:
    """The public words of a practice, for the search: the area and the organisation's kind
    in both languages, so a visitor finds it whichever language they type in. Reads only
    fields, so migration 0004 can index historical rows with it."""
    case = practice.case
    org = case.requesting_organisation
    parts = [case.title, org.name, org.short_name]
    for language in ("pl", "en"):
        with translation.override(language):
            parts.append(str(dict(ThematicArea.choices).get(practice.area, "")))
            parts.append(str(dict(OrganisationKind.choices).get(org.kind, "")))
    for gmina in practice.gminas.select_related("parent"):
        parts.append(gmina.name)
        if gmina.parent:
            parts.append(gmina.parent.name)
    parts.extend(getattr(practice, name) for name in INDEXED_TEXT)
    return [p for p in parts if p]


def index_values(practice) -> dict[str, str]:
    parts = index_parts(practice)
    return {"search_document": " ".join(parts), "search_folded": search_document(*parts)}


def search(practices: QuerySet, query: str) -> QuerySet:
    """The practices matching every word of ``query`` (a stem as a word's prefix, with or
    without diacritics), annotated with a ``score`` (PostgreSQL's rank; 0 on SQLite)."""
    stems = [s for s in query_stems((query or "").strip()) if s]
    if not stems:
        return practices.annotate(score=Value(0.0)) if not query.strip() else practices.none()
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{s}:*" for s in stems)
        table = GoodPractice._meta.db_table
        matches = RawSQL(  # noqa: S611 (our table name; the query is bound)
            f'"{table}"."search_vector" @@ to_tsquery(%s::regconfig, %s)',
            (PG_TS_CONFIG, tsquery),
            output_field=BooleanField(),
        )
        rank = RawSQL(  # noqa: S611
            f'ts_rank("{table}"."search_vector", to_tsquery(%s::regconfig, %s))',
            (PG_TS_CONFIG, tsquery),
            output_field=FloatField(),
        )
        return practices.filter(matches).annotate(score=rank)
    condition = Q()
    for s in stems:
        condition &= Q(search_folded__contains=f" {s}")
    return practices.filter(condition).annotate(score=Value(0.0))


def _gmina_links():
    return GoodPractice.gminas.through.objects


def place_q(*, powiat: str = "", gmina: str = "") -> Q:
    """Practices in a powiat (any of their gminas in it) or in a gmina; a subquery, so a
    practice in two gminas of the powiat is listed once."""
    q = Q()
    if powiat:
        q &= Q(
            pk__in=_gmina_links()
            .filter(territorialunit__code__startswith=powiat)
            .values("goodpractice_id")
        )
    if gmina:
        q &= Q(pk__in=_gmina_links().filter(territorialunit__code=gmina).values("goodpractice_id"))
    return q


def filter_practices(
    practices: QuerySet,
    *,
    area: str = "",
    powiat: str = "",
    gmina: str = "",
    kind: str = "",
    year: int | None = None,
) -> QuerySet:
    """The catalogue's filters, all combined (AND)."""
    qs = practices.filter(place_q(powiat=powiat, gmina=gmina))
    if area:
        qs = qs.filter(area=area)
    if kind:
        qs = qs.filter(case__requesting_organisation__kind=kind)
    if year:
        qs = qs.filter(current_version__approved_at__year=year)
    return qs


def per_powiat(practices: QuerySet) -> dict[str, int]:
    """``{powiat code: number of practices}`` in one aggregate query (a practice in two
    powiats counts in each, once)."""
    rows = (
        _gmina_links()
        .filter(goodpractice__in=practices.order_by().values("pk"))
        .annotate(powiat=Substr("territorialunit__code", 1, 4))
        .values("powiat")
        .annotate(n=Count("goodpractice_id", distinct=True))
        .values_list("powiat", "n")
    )
    return dict(rows)


def publication_years(practices: QuerySet) -> list[int]:
    """The years in which the practices were published, newest first (one query)."""
    years = (
        practices.order_by()
        .annotate(year=ExtractYear("current_version__approved_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted({y for y in years if y}, reverse=True)


def powiat_of(gminas) -> list[TerritorialUnit]:
    """The distinct powiats of ``gminas`` (loaded with their parents), in name order."""
    found = {g.parent.pk: g.parent for g in gminas if g.parent}
    return sorted(found.values(), key=lambda u: u.name)
