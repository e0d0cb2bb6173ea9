"""The browser's date and date-and-time pickers get values they take, in every language."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from accounts.widgets import DateInput, DateTimeInput

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_dates_and_times_are_printed_as_html_takes_them(language):
    with translation.override(language):
        date_html = DateInput().render("d", datetime.date(2026, 3, 4))
        time_html = DateTimeInput().render("t", datetime.datetime(2026, 3, 4, 10, 5, tzinfo=WARSAW))
    assert 'type="date"' in date_html
    assert 'value="2026-03-04"' in date_html
    assert 'type="datetime-local"' in time_html
    assert 'value="2026-03-04T10:05"' in time_html


def test_what_the_user_typed_is_shown_back_as_typed():
    assert 'value="2026-13-01"' in DateInput().render("d", "2026-13-01")
