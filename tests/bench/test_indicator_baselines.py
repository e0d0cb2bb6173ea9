"""The raw-SQL baselines of the agreement and committee indicators count what the indicators
count, on the literal fixtures of tests/reports (bench/run.py checks the same on the bench's
databases before it times them; this runs without them)."""

import datetime

import pytest

from bench.indicator_baselines import BASELINES
from reports.indicators import INDICATORS, Period
from tests.reports.conftest import agreements_2026, committee_2026  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.pg_only]

PERIODS = [
    Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
]


def _nonzero(values: dict) -> dict:
    return {str(k): v for k, v in values.items() if v}


@pytest.mark.parametrize(
    "slug",
    [
        "agreements",
        "agreement-parties",
        "committee-meetings",
        "committee-resolutions",
        "committee-attendance",
    ],
)
def test_baseline_counts_what_the_indicator_counts(agreements_2026, committee_2026, slug):  # noqa: F811
    for period in PERIODS:
        result = INDICATORS[slug].compute(period)
        orm = _nonzero(dict(zip(result.keys, (v for _l, v in result.rows), strict=True)))
        assert orm  # the fixture gives every indicator something to count
        assert _nonzero(BASELINES[slug](period)) == orm
