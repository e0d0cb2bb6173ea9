"""Browser-test harness: Playwright driving Debian's Chromium against pytest-django's live server.

Fixtures for browser tests (mark them ``@pytest.mark.browser``):

``page``
    A fresh Chromium page (Polish ``Accept-Language``) that fails the test at teardown on any
    Content-Security-Policy violation or console error. Use ``browser_problems.allow(...)`` to
    accept an expected console error (e.g. the 404 of a page that is meant to be missing).
``url(path_or_name, *args)``
    The live server URL of a path (``"/konto/logowanie/"``) or a URL name (``"accounts:login"``).
``login_as(user)``
    Signs ``user`` in by session cookie (no form, no lockout counting) and returns the page.
``assert_accessible(page)``
    Injects the vendored axe-core (``page.evaluate``: the CSP blocks script tags) and fails
    with a readable list of every WCAG 2.0/2.1 A+AA violation; it also checks CSP violations.
``focus_is_visible(page)``
    True when the focused element draws an outline or a box shadow.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import nu_html

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told that this is deliberate (the test and the live server are separate threads).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ESFLOW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Runs before any page script: records CSP violations into the window (per document) and
# reports them to Python through an exposed function (survives navigations).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const v = {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile,
             line: e.lineNumber, sample: e.sample, page: document.location.href};
  window.__cspViolations.push(v);
  if (window.__esflowCspViolation) { window.__esflowCspViolation(v); }
});
"""


@dataclass
class BrowserProblems:
    """What went wrong in the browser during a test: CSP violations and console errors."""

    csp: list[dict] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` (a regular expression)."""
        self.allowed.append(re.compile(pattern))

    def unexpected_console(self) -> list[str]:
        return [m for m in self.console if not any(p.search(m) for p in self.allowed)]

    def report(self) -> str:
        lines = [f"CSP violation: {v}" for v in self.csp]
        lines += [f"console error: {m}" for m in self.unexpected_console()]
        lines += [f"page error: {m}" for m in self.page_errors]
        return "\n".join(lines)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture
def browser_context(browser, live_server, transactional_db, browser_problems):
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    context.expose_function(
        "__esflowCspViolation", lambda violation: browser_problems.csp.append(violation)
    )
    context.add_init_script(CSP_LISTENER)
    nu_html.enable()  # every page served to this context goes to the Nu HTML Checker
    yield context
    nu_html.disable()
    context.close()


def pytest_collection_modifyitems(config, items):
    """The Nu HTML Checker's test goes last: it checks the pages every browser test before
    it visited."""
    last = [item for item in items if item.get_closest_marker("nu_html_check")]
    if last:
        items[:] = [item for item in items if item not in last] + last


@pytest.fixture
def page(browser_context, browser_problems):
    page = browser_context.new_page()

    def on_console(message):
        if message.type == "error":
            browser_problems.console.append(f"{message.text} ({page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_problems.page_errors.append(str(error)))
    yield page
    if not page.is_closed():
        _collect_window_csp(page, browser_problems)
    problems = browser_problems.report()
    assert not problems, f"The browser reported problems:\n{problems}"


def _collect_window_csp(page, problems: BrowserProblems) -> None:
    try:
        recorded = page.evaluate("window.__cspViolations || []")
    except Exception:  # the page may be mid-navigation; the exposed function has them
        return
    for v in recorded:
        if v not in problems.csp:
            problems.csp.append(v)


@pytest.fixture
def url(live_server):
    from django.urls import reverse

    def build(path_or_name: str, *args, **kwargs) -> str:
        path = (
            path_or_name
            if path_or_name.startswith("/")
            else reverse(path_or_name, args=args, kwargs=kwargs)
        )
        return live_server.url + path

    return build


@pytest.fixture
def login_as(page, browser_context, live_server):
    """Sign a user in by session cookie, so journeys start where they mean to."""
    from django.conf import settings
    from django.test import Client

    def login(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return login


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(browser_problems):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the current page; fail with a readable list."""

    def check(page) -> None:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(AXE_SOURCE)
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        violations = result["violations"]
        assert not violations, (
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
        _collect_window_csp(page, browser_problems)
        assert not browser_problems.csp, browser_problems.report()

    return check


def focus_is_visible(page) -> bool:
    """The focused element shows a focus indicator (an outline or a box shadow)."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return false;
          const s = getComputedStyle(el);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
          return outline || (s.boxShadow && s.boxShadow !== 'none');
        }"""
    )


@pytest.fixture(name="focus_is_visible")
def focus_is_visible_fixture():
    return focus_is_visible


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until ``selector`` has focus, checking every stop shows visible focus."""
    for _ in range(limit):
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
        assert focus_is_visible(page), "No visible focus on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 200)"
        )
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


@pytest.fixture(name="tab_to")
def tab_to_fixture():
    return tab_to


def switch_language(page, code: str) -> None:
    """Change the interface language through the header form, as a user would."""
    page.select_option("#lang-select", code)
    with page.expect_navigation():
        page.click(".lang-form button[type=submit]")
    assert page.get_attribute("html", "lang") == code


@pytest.fixture(name="switch_language")
def switch_language_fixture():
    return switch_language
