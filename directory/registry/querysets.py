"""Reads of the registry: what the public may see, search, filters, staff flags."""

import datetime

from django.db import connection, models
from django.db.models import BooleanField, Case, F, FloatField, IntegerField, Q, Value, When
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


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


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
        qs = self
        if powiat:
            qs = qs.filter(powiat_code=powiat, consent_address=True)
        if gmina:
            qs = qs.filter(gmina_code=gmina, consent_address=True)
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

    def search(self, query: str) -> "RegistryEntryQuerySet":
        """Entries matching every word of the query (as a prefix of a folded stem), or an
        identifier, or (PostgreSQL) a name similar by trigrams. Annotates ``exact`` and
        ``score`` for ``ordered(by_relevance=True)``."""
        query = (query or "").strip()
        if not query:
            return self.annotate(exact=Value(0), score=Value(0.0))
        folded = fold(query)
        exact = Case(When(name_folded=folded, then=1), default=0, output_field=IntegerField())
        digits = normalise_digits(query)
        if digits.isdigit() and len(digits) >= 5:
            by_id = (
                Q(organisation__nip=digits)
                | Q(organisation__regon=digits)
                | Q(organisation__krs=digits)
            )
            return self.filter(by_id).annotate(exact=Value(1), score=Value(1.0))
        stems = [s for s in query_stems(query) if s]
        if not stems:
            return self.none()
        if _is_postgres():
            from django.contrib.postgres.search import TrigramSimilarity

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
            return (
                self.annotate(fts=matches)
                .filter(Q(fts=True) | Q(name_folded__trigram_similar=folded))
                .annotate(
                    exact=exact,
                    score=rank + TrigramSimilarity("name_folded", Value(folded)),
                )
            )
        condition = Q()
        for s in stems:
            condition &= Q(search_folded__contains=f" {s}")
        return self.filter(condition).annotate(exact=exact, score=Value(0.0))

    def ordered(self, *, by_relevance: bool = False) -> "RegistryEntryQuerySet":
        """Polish alphabetical order (ICU collation on PostgreSQL, a key on SQLite)."""
        if _is_postgres():
            alpha = [Collate(F("organisation__name"), PG_COLLATION).asc(), "pk"]
        else:
            alpha = ["sort_key", "pk"]
        if by_relevance:
            return self.order_by(F("exact").desc(), F("score").desc(nulls_last=True), *alpha)
        return self.order_by(*alpha)
