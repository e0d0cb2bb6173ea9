"""The deadline calendar: Polish working days and the due-date rule of KPA art. 57.

Pure functions of dates; no database. ``today()`` is the one clock the engine reads, so tests
can move it.
"""

import datetime
from collections.abc import Iterable
from functools import lru_cache

import holidays
from django.utils import timezone

from .constants import DeadlineUnit

ONE_DAY = datetime.timedelta(days=1)
Interval = tuple[datetime.date, datetime.date | None]


def today() -> datetime.date:
    """Today's date in the project's time zone (Europe/Warsaw)."""
    return timezone.localdate()


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> frozenset[datetime.date]:
    # holidays.Poland includes 24 December from 2025 on (ustawa of 6 Dec 2024).
    return frozenset(holidays.Poland(years=year).keys())


def is_holiday(day: datetime.date) -> bool:
    return day in _holidays_of(day.year)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a Polish public holiday."""
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def paused_days(pauses: Iterable[Interval]) -> int:
    """Calendar days covered by closed pauses (an open pause does not count yet)."""
    return sum((end - start).days for start, end in pauses if end is not None)


def _in_pause(day: datetime.date, pauses: Iterable[Interval]) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in pauses)


def due_date_compute(
    *,
    start: datetime.date,
    days: int,
    unit: str,
    pauses: Iterable[Interval] = (),
    extension_days: int = 0,
) -> datetime.date:
    """The due date of a clock started on ``start`` (the day of receipt, which is not counted).

    Calendar days: start + days + paused days + extension; a date on a Saturday, Sunday or
    public holiday moves to the next working day (KPA art. 57 § 4). Working days: the
    ``days``-th working day after the start that is not inside a pause.
    """
    pauses = list(pauses)
    total = days + extension_days
    if unit == DeadlineUnit.WORKING:
        day, counted = start, 0
        while counted < total:
            day += ONE_DAY
            if is_working_day(day) and not _in_pause(day, pauses):
                counted += 1
        return day
    return next_working_day(start + datetime.timedelta(days=total + paused_days(pauses)))
