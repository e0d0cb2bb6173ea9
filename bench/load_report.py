"""Summarise the locust CSVs of scripts/loadtest.sh into a table and bench/results/load-*.json."""

import csv
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def stats(path: Path) -> dict:
    rows = {r["Name"]: r for r in csv.DictReader(path.open(encoding="utf-8"))}
    out = {}
    for name, r in rows.items():
        out[name] = {
            "requests": int(r["Request Count"]),
            "failures": int(r["Failure Count"]),
            "rps": round(float(r["Requests/s"]), 1),
            "p50_ms": float(r["50%"]),
            "p95_ms": float(r["95%"]),
        }
    return out


def main(folder: str, peak: str) -> None:
    base = Path(folder)
    runs = {name: stats(base / f"{name}_stats.csv") for name in ("unloaded", "peak", "load70")}
    print(f"{'run':<10}{'endpoint':<18}{'req':>7}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}")
    for run, endpoints in runs.items():
        for name, s in endpoints.items():
            print(
                f"{run:<10}{name:<18}{s['requests']:>7}{s['failures']:>6}{s['rps']:>8}"
                f"{s['p50_ms']:>8.0f}{s['p95_ms']:>8.0f}"
            )
    agg = runs["load70"]["Aggregated"]
    unloaded = runs["unloaded"]["Aggregated"]
    verdict = {
        "peak_rps": float(peak),
        "load70_rps": agg["rps"],
        "load70_p50_ms": agg["p50_ms"],
        "load70_p95_ms": agg["p95_ms"],
        "unloaded_p95_ms": unloaded["p95_ms"],
        "load70_errors": agg["failures"],
        "zero_errors": agg["failures"] == 0,
    }
    print(json.dumps(verdict, indent=2))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"load-{stamp}.json"
    payload = {"when": stamp, "cpus": os.cpu_count(), "runs": runs, "summary": verdict}
    path.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
