"""The bench runner's summaries on synthetic timings (no timing is measured here)."""

import pytest

from bench.report import (
    equal_summary,
    format_table,
    info_summary,
    limit_summary,
    markdown_table,
    ratio_summary,
)
from bench.run import interleave


def test_ratio_is_median_over_median_with_the_spread_of_pair_ratios():
    candidate = [0.030, 0.020, 0.040, 0.020, 0.030]
    baseline = [0.010, 0.010, 0.020, 0.010, 0.020]
    r = ratio_summary("queue", candidate, baseline, 1.5)
    assert r["candidate_ms"] == 30.0
    assert r["baseline_ms"] == 10.0
    assert r["value"] == 3.0
    assert r["spread"] == [2.0, 2.0]  # pair ratios 3, 2, 2, 2, 1.5
    assert r["met"] is False
    assert r["target"] == "<= 1.5"


def test_a_ratio_at_the_target_is_met():
    r = ratio_summary("x", [0.015] * 30, [0.010] * 30, 1.5)
    assert r["value"] == 1.5
    assert r["met"] is True


def test_unequal_or_empty_timings_are_refused():
    with pytest.raises(ValueError, match="same"):
        ratio_summary("x", [0.1], [0.1, 0.2], 2)
    with pytest.raises(ValueError, match="same"):
        ratio_summary("x", [], [], 2)


def test_query_counts_must_be_equal():
    assert equal_summary("q", 14, 14)["met"] is True
    assert equal_summary("q", 14, 15)["met"] is False


def test_a_figure_from_another_benchmark_keeps_its_own_verdict():
    assert limit_summary("p3", 0.8, 1.0)["met"] is True
    assert limit_summary("p3", 1.2, 1.0)["met"] is False
    assert limit_summary("p3", 1.2, 1.0, met=True)["met"] is True


def test_an_information_figure_is_shown_with_no_target_and_never_missed():
    row = info_summary("documents: 50-page WeasyPrint/Chromium", 6.54321)
    assert (row["value"], row["target"], row["met"]) == (6.543, "", None)
    text = format_table([row])
    assert "information" in text
    assert "MISSED" not in text
    assert "information" in markdown_table([row])
    assert "missed" not in markdown_table([row])


def test_tables_show_every_row_with_target_and_result():
    rows = [
        ratio_summary("queue page", [0.02] * 3, [0.01] * 3, 1.5),
        equal_summary("queries", 9, 9),
    ]
    text = format_table(rows)
    assert "queue page" in text
    assert "MISSED" in text
    assert "met" in text
    md = markdown_table(rows)
    assert md.count("\n") == 3
    assert "**missed**" in md


def test_interleave_runs_warmups_then_alternates_the_order():
    calls = []
    fns = {"a": lambda: calls.append("a"), "b": lambda: calls.append("b")}
    times = interleave(fns, reps=3, warmup=1)
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]
    assert len(times["a"]) == len(times["b"]) == 3
