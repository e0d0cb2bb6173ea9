"""The deadline calendar: KPA art. 57 § 4 and Polish public holidays."""

import datetime

import pytest

from workflows.calendar import due_date_compute, is_working_day, next_working_day
from workflows.constants import DeadlineUnit

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 1, 30), True),  # Friday
        (D(2026, 1, 31), False),  # Saturday
        (D(2026, 2, 1), False),  # Sunday
        (D(2024, 12, 24), True),  # before the 2025 law it was a working day
        (D(2025, 12, 24), False),  # Christmas Eve is a holiday from 2025
        (D(2026, 12, 24), False),
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 6, 4), False),  # Corpus Christi
        (D(2026, 11, 11), False),
    ],
)
def test_working_days_follow_the_polish_calendar(day, working):
    assert is_working_day(day) is working


def test_a_calendar_deadline_ending_on_saturday_moves_to_monday():
    assert due_date_compute(start=D(2026, 1, 1), days=30, unit=DeadlineUnit.CALENDAR) == D(
        2026, 2, 2
    )


def test_a_calendar_deadline_ending_on_24_december_moves_past_christmas_and_the_weekend():
    assert due_date_compute(start=D(2026, 11, 24), days=30, unit=DeadlineUnit.CALENDAR) == D(
        2026, 12, 28
    )


def test_a_calendar_deadline_ending_on_easter_monday_moves_to_tuesday():
    assert due_date_compute(start=D(2026, 3, 7), days=30, unit=DeadlineUnit.CALENDAR) == D(
        2026, 4, 7
    )


def test_closed_pauses_and_extensions_push_a_calendar_deadline_back():
    due = due_date_compute(
        start=D(2026, 3, 2),
        days=30,
        unit=DeadlineUnit.CALENDAR,
        pauses=[(D(2026, 3, 10), D(2026, 3, 15))],
        extension_days=7,
    )
    assert due == D(2026, 4, 13)


def test_working_day_deadlines_skip_weekends_holidays_and_pauses():
    # From Thu 2 Apr 2026: Fri 3, (Sat, Sun, Easter Mon) Tue 7, Wed 8 → 3 working days.
    assert due_date_compute(start=D(2026, 4, 2), days=3, unit=DeadlineUnit.WORKING) == D(2026, 4, 8)
    paused = [(D(2026, 4, 7), D(2026, 4, 8))]
    assert due_date_compute(
        start=D(2026, 4, 2), days=3, unit=DeadlineUnit.WORKING, pauses=paused
    ) == D(2026, 4, 9)


def test_next_working_day_of_a_working_day_is_itself():
    assert next_working_day(D(2026, 4, 7)) == D(2026, 4, 7)
