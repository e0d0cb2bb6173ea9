"""``<time datetime>`` holds a valid HTML date or global date and time (issue 14: 545 of the
Nu HTML Checker's 553 errors were microseconds in it)."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from accounts.templatetags.machine_dates import iso_datetime

ROOT = Path(__file__).resolve().parents[2]
# HTML's valid global date and time string (to the second) or valid date string.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?$")
# What a template may put in a datetime attribute: the filter, or a date without a time.
ALLOWED_IN_TEMPLATES = re.compile(r"\|iso_datetime\s*}}|\|date:'Y-m-d'\s*}}")


def test_a_datetime_is_given_to_the_second_in_the_current_time_zone():
    moment = datetime.datetime(2026, 12, 6, 9, 15, 30, 123456, tzinfo=datetime.UTC)
    with timezone.override(ZoneInfo("Europe/Warsaw")):
        rendered = Template("{% load machine_dates %}{{ at|iso_datetime }}").render(
            Context({"at": moment})
        )
    assert rendered == "2026-12-06T10:15:30+01:00"
    assert VALID.match(rendered)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2027, 1, 5), "2027-01-05"),
        (
            datetime.datetime(2026, 7, 1, 8, 0, 0, 999999, tzinfo=datetime.UTC),
            "2026-07-01T08:00:00+00:00",
        ),
        (None, ""),
        ("", ""),
    ],
)
def test_the_filter_on_dates_and_nothing(value, expected):
    assert iso_datetime(value) == expected


def test_every_datetime_attribute_in_the_templates_uses_a_valid_form():
    """A template that writes ``datetime="{{ x|date:'c' }}"`` (or anything not known to be
    valid) fails here, before the Nu HTML Checker meets it on a page."""
    offending = []
    templates = [p for p in ROOT.rglob("*.html") if ".venv" not in p.parts and "var" not in p.parts]
    for path in templates:
        for match in re.finditer(r'datetime="([^"]*)"', path.read_text(encoding="utf-8")):
            value = match.group(1)
            if "{{" in value and not ALLOWED_IN_TEMPLATES.search(value):
                offending.append(f"{path.relative_to(ROOT)}: {value}")
    assert offending == []
    assert any("iso_datetime" in p.read_text(encoding="utf-8") for p in templates)
