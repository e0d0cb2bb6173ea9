"""Reads of the registry: what the public may see, search, filters, staff flags."""

import datetime

from django.core.cache import cache
from django.db import connection, models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate
from django.utils import timezone

from ..validators import normalise_digits
from .constants import STALE_AFTER_DAYS
from .textsearch import fold, query_stems

#: Created by migration 0003 on PostgreSQL: Polish ICU order when the server has ICU.
PG_COLLATION = "esflow_pl"
#: The text-search configuration of migration 0003: ``simple`` with ``unaccent``.
PG_TS_CONFIG = "esflow_simple"


#: The cache key of ``place_choices()``; ``directory.registry.models`` drops it whenever a
#: territorial unit is saved or deleted (``load_teryt`` saves them one by one).
PLACE_CHOICES_KEY = "registry:place-choices"
#: With a per-process cache (locmem, the default) a TERYT reload made in another process
#: reaches this one at most this many seconds later.
PLACE_CHOICES_TTL = 300


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def place_choices() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """``(powiats, gminas)``: the region's ``(code, name)`` pairs in name order, which the
    public search filters by and its map names. Cached: TERYT changes once a year."""
    choices = cache.get(PLACE_CHOICES_KEY)
    if choices is None:
        from directory.constants import UnitKind
        from directory.models import TerritorialUnit

        units = (
            TerritorialUnit.objects.filter(kind__in=[UnitKind.POWIAT, UnitKind.GMINA])
            .order_by("name", "code")
            .values_list("kind", "code", "name")
        )
        powiats, gminas = [], []
        for kind, code, name in units:
            (powiats if kind == UnitKind.POWIAT else gminas).append((code, name))
        choices = (tuple(powiats), tuple(gminas))
        cache.set(PLACE_CHOICES_KEY, choices, PLACE_CHOICES_TTL)
    return choices


def forget_place_choices() -> None:
    cache.delete(PLACE_CHOICES_KEY)


def _fold_counts(rows) -> tuple[int, int, dict[str, int]]:
    """``(here, anywhere, per_powiat)`` from ``(powiat, address published, n, n here)``."""
    here = anywhere = 0
    per_powiat: dict[str, int] = {}
    for code, address_published, n, n_here in rows:
        anywhere += n
        here += n_here
        if address_published:
            per_powiat[code] = per_powiat.get(code, 0) + n
    return here, anywhere, per_powiat


def place_q(*, powiat: str = "", gmina: str = "") -> Q:
    """The public place filters. They match only entries whose address is published."""
    q = Q()
    if powiat:
        q &= Q(powiat_code=powiat, consent_address=True)
    if gmina:
        q &= Q(gmina_code=gmina, consent_address=True)
    return q


class RegistryEntryQuerySet(models.QuerySet):
    def public(self) -> "RegistryEntryQuerySet":
        """Entries the entity agreed to publish, of organisations still active."""
        return self.filter(published=True, organisation__is_active=True)

    def stale(self, on: datetime.date | None = None) -> "RegistryEntryQuerySet":
        """Entries not verified for STALE_AFTER_DAYS days (or never)."""
        limit = (on or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)
        return self.filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit))

    def with_stale_flag(self, on: datetime.date | None = None) -> "RegistryEntryQuerySet":
        limit = (on or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)
        return self.annotate(
            is_stale=Case(
                When(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )

    def public_filter(
        self,
        *,
        powiat: str = "",
        gmina: str = "",
        kind: str = "",
        category: str = "",
        ps: str = "",
        sector: str = "",
        ready: bool = False,
    ) -> "RegistryEntryQuerySet":
        """Public filters. A filter over a field group matches only where that group is
        published, so a filter can never reveal an unpublished field."""
        qs = self.filter(place_q(powiat=powiat, gmina=gmina))
        if kind:
            qs = qs.filter(kind=kind)
        if category:
            qs = qs.filter(pes_category=category)
        if ps == "yes":
            qs = qs.filter(is_social_enterprise=True, consent_ps_status=True)
        elif ps == "no":
            qs = qs.exclude(is_social_enterprise=True, consent_ps_status=True)
        if sector:
            qs = qs.filter(sector_index__contains=f" {sector} ", consent_activity=True)
        if ready:
            qs = qs.filter(ready_for_public_contracts=True, consent_offer=True)
        return qs

    def search(self, query: str, *, similar: bool = False) -> "RegistryEntryQuerySet":
        """Entries matching every word of the query (as a prefix of a folded stem), or an
        identifier. Annotates ``exact`` and ``score`` for ``ordered(by_relevance=True)``.

        With ``similar``: entries whose *name* is similar to the query by trigrams instead
        (PostgreSQL; nothing on SQLite), the fallback for a query whose words match nothing
        (a typo). The two are separate queries so that the word search alone uses its GIN
        index and skips computing a similarity for every row."""
        query = (query or "").strip()
        if not query:
            return self.annotate(exact=Value(0), score=Value(0.0))
        folded = fold(query)
        exact = Case(When(name_folded=folded, then=1), default=0, output_field=IntegerField())
        digits = normalise_digits(query)
        if digits.isdigit() and len(digits) >= 5:
            if similar:
                return self._nothing()
            by_id = (
                Q(organisation__nip=digits)
                | Q(organisation__regon=digits)
                | Q(organisation__krs=digits)
            )
            return self.filter(by_id).annotate(exact=Value(1), score=Value(1.0))
        if similar:
            if not _is_postgres():
                return self._nothing()
            from django.contrib.postgres.search import TrigramSimilarity

            return self.filter(name_folded__trigram_similar=folded).annotate(
                exact=exact, score=TrigramSimilarity("name_folded", Value(folded))
            )
        stems = [s for s in query_stems(query) if s]
        if not stems:
            return self._nothing()
        if _is_postgres():
            tsquery = " & ".join(f"{s}:*" for s in stems)
            table = self.model._meta.db_table
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
            return self.filter(matches).annotate(exact=exact, score=rank)
        condition = Q()
        for s in stems:
            condition &= Q(search_folded__contains=f" {s}")
        return self.filter(condition).annotate(exact=exact, score=Value(0.0))

    def _nothing(self) -> "RegistryEntryQuerySet":
        """No entry, with the annotations of ``search()`` (so it can be ``ordered()``)."""
        return self.annotate(exact=Value(0), score=Value(0.0)).none()

    def place_counts(self, *, powiat: str = "", gmina: str = "") -> tuple[int, int, dict[str, int]]:
        """In one aggregate query: ``(here, anywhere, per_powiat)``: how many of these
        entries the place filters keep, how many there are in all, and per powiat how many
        have a published address (the map)."""
        place = place_q(powiat=powiat, gmina=gmina)
        aggregates = {"n": Count("pk")}
        if place:
            aggregates["here"] = Count("pk", filter=place)
        rows = (
            self.order_by()
            .values("powiat_code", "consent_address")
            .annotate(**aggregates)
            .values_list("powiat_code", "consent_address", *aggregates)
        )
        return _fold_counts(
            (code, address, n, here[0] if place else n) for code, address, n, *here in rows
        )

    def ordered(self, *, by_relevance: bool = False) -> "RegistryEntryQuerySet":
        """Polish alphabetical order (ICU collation on PostgreSQL, a key on SQLite)."""
        if _is_postgres():
            alpha = [Collate(F("organisation__name"), PG_COLLATION).asc(), "pk"]
        else:
            alpha = ["sort_key", "pk"]
        if by_relevance:
            return self.order_by(F("exact").desc(), F("score").desc(nulls_last=True), *alpha)
        return self.order_by(*alpha)
