"""Case numbers: a per-kind, per-year counter bumped in the submitting transaction.

One ``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` both creates the year's counter and
bumps it; the row stays locked until the transaction ends, so numbers are consecutive and
never duplicated (PostgreSQL row lock; SQLite's single writer).
"""

import datetime
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .models import NumberCounter

WARSAW = ZoneInfo("Europe/Warsaw")
DEFAULT_PATTERN = "{prefix}/{year}/{seq:04d}"


@dataclass(frozen=True)
class NumberingConfig:
    """How a case kind is numbered and filed (JRWA symbol, retention category).

    ``pattern`` may use ``{prefix}``, ``{year}``, ``{seq}``, ``{unit}`` and ``{jrwa}``, e.g. the
    default ``{prefix}/{year}/{seq:04d}`` (``DOR/2026/0007``) or an office mark
    ``{unit}.{jrwa}.{seq}.{year}`` (``ROPS-IV.8120.7.2026``).
    """

    prefix: str
    jrwa: str = ""
    retention: str = ""
    unit: str = ""
    pattern: str = DEFAULT_PATTERN

    def for_kind(self, kind: str) -> "NumberingConfig":
        """This config with the deployment's overrides from ``ESFLOW_CASE_NUMBERING[kind]``."""
        overrides = getattr(settings, "ESFLOW_CASE_NUMBERING", {}).get(kind, {})
        return replace(self, **overrides) if overrides else self

    def format(self, *, year: int, seq: int) -> str:
        return self.pattern.format(
            prefix=self.prefix, year=year, seq=seq, unit=self.unit, jrwa=self.jrwa
        )


def number_year(at: datetime.datetime | None = None) -> int:
    """The numbering year: the calendar year of the moment in Warsaw."""
    return timezone.localtime(at or timezone.now(), WARSAW).year


def number_allocate(*, kind: str, at: datetime.datetime | None = None) -> tuple[int, int]:
    """Take the next (year, seq) for a kind. Call inside the transaction that uses it."""
    year = number_year(at)
    qn = connection.ops.quote_name
    table = qn(NumberCounter._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({qn('kind')}, {qn('year')}, {qn('last')}) VALUES (%s, %s, 1) "  # noqa: S608
        f"ON CONFLICT ({qn('kind')}, {qn('year')}) "
        f"DO UPDATE SET {qn('last')} = {table}.{qn('last')} + 1 RETURNING {qn('last')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, year])
        (seq,) = cursor.fetchone()
    return year, seq
