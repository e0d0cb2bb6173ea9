"""Summarise the locust CSVs of scripts/loadtest.sh into a table and bench/results/load-*.json.

Two kinds of figures: the request mix (Staff: requests/s, p50, p95, errors) and the documents
band — "publish → PDF ready" from the DocumentAuthor process that ran beside it, whose p95 in
the 70 % run must stay within ``DOCUMENT_BAND_MS``.
"""

import csv
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = ("unloaded", "peak", "load70")
#: Documents on stock WeasyPrint: from the action to the PDF being ready, p95 under load.
DOCUMENT_BAND_MS = 5000
DOCUMENT_FIGURE = "publish → PDF ready"


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
            "max_ms": round(float(r["Max Response Time"])),
        }
    return out


def documents(base: Path, run: str) -> dict | None:
    path = base / f"{run}_documents_stats.csv"
    return stats(path).get(DOCUMENT_FIGURE) if path.exists() else None


def main(folder: str, peak: str) -> None:
    base = Path(folder)
    runs = {name: stats(base / f"{name}_stats.csv") for name in RUNS}
    docs = {name: documents(base, name) for name in RUNS}
    print(f"{'run':<10}{'endpoint':<22}{'req':>7}{'fail':>6}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}")
    for run, endpoints in runs.items():
        rows = dict(endpoints)
        if docs[run]:
            rows[DOCUMENT_FIGURE] = docs[run]
        for name, s in rows.items():
            print(
                f"{run:<10}{name:<22}{s['requests']:>7}{s['failures']:>6}{s['rps']:>8}"
                f"{s['p50_ms']:>8.0f}{s['p95_ms']:>8.0f}"
            )
    agg = runs["load70"]["Aggregated"]
    unloaded = runs["unloaded"]["Aggregated"]
    loaded_docs = docs["load70"] or {"requests": 0, "failures": 0, "p50_ms": None, "p95_ms": None}
    verdict = {
        "peak_rps": float(peak),
        "load70_rps": agg["rps"],
        "load70_p50_ms": agg["p50_ms"],
        "load70_p95_ms": agg["p95_ms"],
        "unloaded_p95_ms": unloaded["p95_ms"],
        "load70_errors": agg["failures"],
        "zero_errors": agg["failures"] == 0,
        "documents_load70_count": loaded_docs["requests"],
        "documents_load70_p50_ms": loaded_docs["p50_ms"],
        "documents_load70_p95_ms": loaded_docs["p95_ms"],
        "documents_unloaded_p95_ms": (docs["unloaded"] or {}).get("p95_ms"),
        "documents_band_ms": DOCUMENT_BAND_MS,
        "documents_within_band": bool(
            loaded_docs["requests"]
            and not loaded_docs["failures"]
            and loaded_docs["p95_ms"] <= DOCUMENT_BAND_MS
        ),
    }
    print(json.dumps(verdict, indent=2))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"load-{stamp}.json"
    payload = {
        "when": stamp,
        "cpus": os.cpu_count(),
        "runs": runs,
        "documents": docs,
        "summary": verdict,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
