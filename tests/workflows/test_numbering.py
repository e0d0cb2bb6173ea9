"""Case numbers: per kind and year, consecutive, formatted by a configurable pattern."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from workflows.numbering import NumberingConfig, number_allocate, number_year

pytestmark = pytest.mark.django_db
WARSAW = ZoneInfo("Europe/Warsaw")


def allocate(kind="test", at=None):
    with transaction.atomic():
        return number_allocate(kind=kind, at=at)


def test_numbers_are_consecutive_per_kind_and_year():
    at = datetime.datetime(2026, 6, 1, 12, tzinfo=WARSAW)
    assert [allocate(at=at) for _ in range(3)] == [(2026, 1), (2026, 2), (2026, 3)]
    assert allocate(kind="other", at=at) == (2026, 1)


def test_the_year_is_the_warsaw_date_and_a_new_year_starts_at_one():
    assert allocate(at=datetime.datetime(2026, 12, 31, 22, 59, tzinfo=datetime.UTC)) == (2026, 1)
    # 23:30 UTC on New Year's Eve is already 2027 in Warsaw.
    assert allocate(at=datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)) == (2027, 1)
    assert number_year(datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)) == 2027


def test_the_default_pattern_reads_like_dor_2026_0007():
    assert NumberingConfig(prefix="DOR").format(year=2026, seq=7) == "DOR/2026/0007"


def test_an_office_mark_pattern_is_possible():
    config = NumberingConfig(
        prefix="DOR", jrwa="8120", unit="ROPS-IV", pattern="{unit}.{jrwa}.{seq}.{year}"
    )
    assert config.format(year=2026, seq=7) == "ROPS-IV.8120.7.2026"


def test_a_deployment_overrides_the_pattern_in_settings(settings):
    settings.ESFLOW_CASE_NUMBERING = {"test": {"unit": "ES", "pattern": "{unit}-{seq}/{year}"}}
    config = NumberingConfig(prefix="TST").for_kind("test")
    assert config.format(year=2026, seq=12) == "ES-12/2026"
    assert NumberingConfig(prefix="X").for_kind("other").pattern == "{prefix}/{year}/{seq:04d}"
