"""The raw-SQL baselines of the agreement and committee indicators count what the indicators
count, on the literal fixtures of tests/reports (bench/run.py checks the same on the bench's
databases before it times them; this runs without them)."""

import datetime

import pytest

from bench.generate import volume_generate
from bench.indicator_baselines import BASELINES
from bench.indicator_data import agreement_committee_data_create
from committee.models import Meeting
from reports.indicators import INDICATORS, Period
from tests.reports.conftest import agreements_2026, committee_2026  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.pg_only]

SLUGS = [
    "agreements",
    "agreement-parties",
    "committee-meetings",
    "committee-resolutions",
    "committee-attendance",
]
PERIODS = [
    Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
    Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
]


def _nonzero(values: dict) -> dict:
    return {str(k): v for k, v in values.items() if v}


@pytest.mark.parametrize("slug", SLUGS)
def test_baseline_counts_what_the_indicator_counts(agreements_2026, committee_2026, slug):  # noqa: F811
    for period in PERIODS:
        result = INDICATORS[slug].compute(period)
        orm = _nonzero(dict(zip(result.keys, (v for _l, v in result.rows), strict=True)))
        assert orm  # the fixture gives every indicator something to count
        assert _nonzero(BASELINES[slug](period)) == orm


def test_bench_data_feeds_the_new_indicators_and_their_baselines_agree():
    """What ``bench.indicator_data`` adds gives each new indicator something to count over the
    bench's period (the last two years), and the baselines count the same; a second run adds
    nothing."""
    from workflows.calendar import today

    volume_generate(seed=3, cases=300, orgs=50, entries=100, log=lambda _: None)
    agreement_committee_data_create(seed=1, log=lambda _: None)
    meetings = Meeting.objects.count()
    agreement_committee_data_create(seed=1, log=lambda _: None)
    assert Meeting.objects.count() == meetings == 7 * 40
    period = Period(today() - datetime.timedelta(days=730), today())
    for slug in SLUGS:
        result = INDICATORS[slug].compute(period)
        orm = _nonzero(dict(zip(result.keys, (v for _l, v in result.rows), strict=True)))
        assert orm, slug
        assert _nonzero(BASELINES[slug](period)) == orm, slug
