"""Benchmark: WeasyPrint (our production renderer, PDF/A-3b + tags) against headless Chromium
printing the same HTML, both warm, interleaved in one run.

    .venv/bin/python bench/documents.py [--reps 30] [--reps-big 30] [--quick]

Prints a table and writes JSON to bench/results/. Its figures are information, not targets:
documents are rendered in the background, so their band is the load test's time from the
action to the PDF being ready (scripts/loadtest.sh); see bench/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402

from documents import rendering  # noqa: E402
from documents.services import letterhead  # noqa: E402

CHROMIUM = os.environ.get("ESFLOW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]
ORIGIN = "http://esflow.bench"
PARAGRAPH = (
    "Pchnąć w tę łódź jeża lub ośm skrzyń fig. Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ. "
    "Regionalny Ośrodek Polityki Społecznej wspiera rozwój ekonomii społecznej w gminach. "
) * 6


def document_html(rows: int, paragraphs: int) -> str:
    """The notice template rendered as production does, for a document of a given size."""
    notice = SimpleNamespace(
        title="Komunikat w sprawie naboru — zażółć gęślą jaźń",
        reference="DOR/2026/0007",
        body="\n\n".join([PARAGRAPH] * paragraphs),
        rows=[
            [f"Pozycja {i} — żółw", f"Opis pozycji {i}: źdźbło, ćma, łąka, gęś ({i * 7} zł)"]
            for i in range(rows)
        ],
    )
    document = SimpleNamespace(number="DOK/2026/000042", version=3, code_display="ABCD-EFGH-JKMN")
    url = rendering.verify_url(document.code_display)
    context = {
        "notice": notice,
        "rows": [(n, *row) for n, row in enumerate(notice.rows, start=1)],
        "title": notice.title,
        "reference": notice.reference,
        "document": document,
        "issued_on": datetime.date(2026, 11, 29),
        "verify_url": url,
        "qr_image": rendering.qr_data_uri(url),
        "letterhead": letterhead(),
    }
    return rendering.render_html("documents/notice.html", context)


def chromium_html(html: str) -> str:
    """Chromium gets the print stylesheet as a link (WeasyPrint gets it as a user sheet)."""
    link = '<link rel="stylesheet" href="/static/documents/css/print.css">'
    return html.replace("</head>", link + "</head>", 1)


def weasyprint_pages(html: str) -> int:
    return rendering.render_pdf(html).pages


def calibrate(target_pages: int, paragraphs: int) -> tuple[int, int]:
    """Rows giving ``target_pages`` pages in WeasyPrint (estimate, then step to it)."""
    base = weasyprint_pages(document_html(0, paragraphs))
    probe = 120
    per_page = probe / max(weasyprint_pages(document_html(probe, paragraphs)) - base + 0.5, 0.5)
    rows = max(0, int((target_pages - base) * per_page))
    for _ in range(8):
        pages = weasyprint_pages(document_html(rows, paragraphs))
        if pages == target_pages:
            return rows, pages
        rows = max(0, rows + int((target_pages - pages) * per_page * 0.9) or 1)
    return rows, pages


class Chromium:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        self.page = self.browser.new_page()
        self.html = ""
        self.page.route(f"{ORIGIN}/**", self._serve)

    def _serve(self, route):
        path = route.request.url[len(ORIGIN) :]
        if path.startswith("/static/"):
            found = finders.find(path[len("/static/") :])
            if found:
                kind = "font/ttf" if found.endswith(".ttf") else "text/css"
                return route.fulfill(body=Path(found).read_bytes(), content_type=kind)
            return route.fulfill(status=404)
        return route.fulfill(body=self.html, content_type="text/html; charset=utf-8")

    def print(self, html: str) -> bytes:
        self.html = html
        self.page.goto(f"{ORIGIN}/doc", wait_until="load")
        return self.page.pdf(format="A4", print_background=True, prefer_css_page_size=True)

    def close(self):
        self.browser.close()
        self._pw.stop()


def pdf_pages(content: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


def measure(name, html, reps, warmup, chromium, with_chromium=True):
    chrome_html = chromium_html(html)
    for _ in range(warmup):
        rendering.render_pdf(html)
        if with_chromium:
            chromium.print(chrome_html)
    w, c = [], []
    pages_w = pages_c = None
    for i in range(reps):
        # Interleaved, alternating which goes first, so drift hits both alike.
        order = ("w", "c") if i % 2 == 0 else ("c", "w")
        for who in order:
            if who == "w":
                t0 = time.perf_counter()
                pdf = rendering.render_pdf(html)
                w.append(time.perf_counter() - t0)
                pages_w = pdf.pages
            elif with_chromium:
                t0 = time.perf_counter()
                content = chromium.print(chrome_html)
                c.append(time.perf_counter() - t0)
                pages_c = pages_c or pdf_pages(content)
    return {
        "name": name,
        "reps": reps,
        "weasyprint": summary(w) | {"pages": pages_w},
        "chromium": (summary(c) | {"pages": pages_c}) if c else None,
    }


def summary(times: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    q = statistics.quantiles(ms, n=4) if len(ms) >= 4 else [ms[0], ms[len(ms) // 2], ms[-1]]
    return {
        "median_ms": round(statistics.median(ms), 1),
        "p25_ms": round(q[0], 1),
        "p75_ms": round(q[2], 1),
        "min_ms": round(ms[0], 1),
        "max_ms": round(ms[-1], 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--reps-big", type=int, default=30, help="reps for 50 pages, 1000 rows")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="5 reps, for a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.reps = args.reps_big = 5
        args.warmup = 1

    started = time.perf_counter()
    load_start = os.getloadavg()
    rendering.warm_up()  # the worker's start: WeasyPrint imported, fonts and stylesheet loaded
    sizes = {}
    for pages in (1, 3, 10, 50):
        rows, got = calibrate(pages, paragraphs=2)
        sizes[f"p{pages}"] = (rows, 2, got)
    sizes["rows1000"] = (1000, 0, None)
    print("calibrated (rows, paragraphs, pages):", sizes, flush=True)

    chromium = Chromium()
    results = {}
    try:
        for name, (rows, paragraphs, _pages) in sizes.items():
            big = name in ("p50", "rows1000")
            reps = args.reps_big if big else args.reps
            results[name] = measure(
                name, document_html(rows, paragraphs), reps, args.warmup, chromium
            )
            results[name]["rows"] = rows
            r = results[name]
            print(
                f"{name}: weasyprint {r['weasyprint']['median_ms']} ms, "
                f"chromium {r['chromium']['median_ms']} ms ({reps} reps)",
                flush=True,
            )
    finally:
        chromium.close()

    med = {k: v["weasyprint"]["median_ms"] for k, v in results.items()}
    cmed = {k: v["chromium"]["median_ms"] for k, v in results.items()}
    p3_ratio = med["p3"] / cmed["p3"]
    p50_ratio = med["p50"] / cmed["p50"]
    ms_per_row = med["rows1000"] / 1000
    growth_late = (med["p50"] - med["p10"]) / 40
    growth_early = (med["p10"] - med["p1"]) / 9
    linear_factor = growth_late / growth_early if growth_early > 0 else float("inf")
    figures = {
        "p3_ratio": p3_ratio,
        "p50_ratio": p50_ratio,
        "ms_per_row": ms_per_row,
        "linear_factor": linear_factor,
    }

    print()
    header = f"{'case':<10}{'pages W/C':>11}{'reps':>6}{'WeasyPrint median [p25-p75]':>32}"
    header += f"{'Chromium median [p25-p75]':>30}{'W/C':>7}"
    print(header)
    print("-" * len(header))
    for name, r in results.items():
        w, c = r["weasyprint"], r["chromium"]
        print(
            f"{name:<10}{str(w['pages']) + '/' + str(c['pages']):>11}{r['reps']:>6}"
            f"{w['median_ms']:>12.1f} ms [{w['p25_ms']:.0f}-{w['p75_ms']:.0f}]".rjust(32)
            + f"{c['median_ms']:>10.1f} ms [{c['p25_ms']:.0f}-{c['p75_ms']:.0f}]".rjust(30)
            + f"{w['median_ms'] / c['median_ms']:>7.2f}"
        )
    print()
    labels = {
        "p3_ratio": "3-page WeasyPrint/Chromium",
        "p50_ratio": "50-page WeasyPrint/Chromium",
        "ms_per_row": "1000-row table, ms per row",
        "linear_factor": "growth (t50-t10)/40 ÷ (t10-t1)/9",
    }
    for key, value in figures.items():
        print(f"{labels[key]:<48} {value:8.2f}")

    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out / f"documents-{stamp}.json"
    payload = {
        "when": stamp,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "load_start": load_start,
        "load_end": os.getloadavg(),
        "weasyprint_options": rendering.PDF_OPTIONS,
        "args": vars(args),
        "results": results,
        "figures": {k: round(v, 3) for k, v in figures.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nwritten {path.relative_to(ROOT)}")
    print(f"load average (1, 5, 15 min): start {load_start}, end {payload['load_end']}")


if __name__ == "__main__":
    main()
