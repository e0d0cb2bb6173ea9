"""Summaries of interleaved timings: ratios of medians with their spread, and the table."""

from __future__ import annotations

import statistics


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def ratio_summary(name: str, candidate: list[float], baseline: list[float], target: float) -> dict:
    """Candidate vs baseline (seconds, measured pairwise in the same run).

    The figure is median(candidate) / median(baseline); the spread is the 25th-75th
    percentile of the per-repetition ratios (each pair ran back to back)."""
    if not candidate or len(candidate) != len(baseline):
        raise ValueError("candidate and baseline need the same, non-zero number of timings")
    pairs = [c / b for c, b in zip(candidate, baseline, strict=True) if b > 0]
    ratio = statistics.median(candidate) / statistics.median(baseline)
    return {
        "name": name,
        "kind": "ratio",
        "reps": len(candidate),
        "candidate_ms": round(statistics.median(candidate) * 1000, 2),
        "baseline_ms": round(statistics.median(baseline) * 1000, 2),
        "candidate_iqr_ms": [round(_quantile(candidate, q) * 1000, 2) for q in (0.25, 0.75)],
        "baseline_iqr_ms": [round(_quantile(baseline, q) * 1000, 2) for q in (0.25, 0.75)],
        "value": round(ratio, 3),
        "spread": [round(_quantile(pairs, q), 3) for q in (0.25, 0.75)],
        "target": f"<= {target}",
        "met": ratio <= target,
    }


def equal_summary(name: str, small: int, large: int) -> dict:
    """Two counts that must be identical (queries per page at two sizes)."""
    return {
        "name": name,
        "kind": "equal",
        "value": f"{small} / {large}",
        "target": "equal",
        "met": small == large,
    }


def limit_summary(name: str, value: float, target: float, met: bool | None = None) -> dict:
    """A figure from another benchmark with its own target (e.g. the documents benchmark)."""
    return {
        "name": name,
        "kind": "limit",
        "value": round(value, 3),
        "target": f"<= {target}",
        "met": value <= target if met is None else met,
    }


def info_summary(name: str, value: float) -> dict:
    """A figure shown for information, with no target (e.g. the documents benchmark's ratios
    to Chromium: the documents band is the load test's action → PDF ready)."""
    return {"name": name, "kind": "info", "value": round(value, 3), "target": "", "met": None}


def _result(r: dict, missed: str) -> str:
    if r["met"] is None:
        return "information"
    return "met" if r["met"] else missed


def format_table(rows: list[dict]) -> str:
    """A plain-text table: figure, candidate/baseline medians, ratio [spread], target, met."""
    header = (
        f"{'figure':<62}{'cand ms':>9}{'base ms':>9}{'value [spread]':>22}{'target':>9}  result"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        cand = f"{r['candidate_ms']:.1f}" if "candidate_ms" in r else ""
        base = f"{r['baseline_ms']:.1f}" if "baseline_ms" in r else ""
        value = str(r["value"])
        if r.get("spread"):
            value = f"{r['value']:.2f} [{r['spread'][0]:.2f}-{r['spread'][1]:.2f}]"
        lines.append(
            f"{r['name']:<62}{cand:>9}{base:>9}{value:>22}{r['target']:>9}  " + _result(r, "MISSED")
        )
    return "\n".join(lines)


def markdown_table(rows: list[dict]) -> str:
    out = [
        "| figure | candidate ms | baseline ms | value [p25-p75 of pair ratios] | target | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        value = str(r["value"])
        if r.get("spread"):
            value = f"{r['value']:.2f} [{r['spread'][0]:.2f}-{r['spread'][1]:.2f}]"
        out.append(
            f"| {r['name']} | {r.get('candidate_ms', '')} | {r.get('baseline_ms', '')} | "
            f"{value} | {r['target']} | {_result(r, '**missed**')} |"
        )
    return "\n".join(out)
