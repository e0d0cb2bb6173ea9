"""Keyboard journey through the CPV lookup in a real browser, under the strict CSP."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.intake.urls")]

CHROMIUM = os.environ.get("ESFLOW_CHROMIUM", "/usr/bin/chromium")
CSP_LISTENER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def record_console(message, errors: list[str]) -> None:
    # The skeleton's base template has no icon, so Chromium's own favicon request is a 404.
    if message.type == "error" and not message.location.get("url", "").endswith("favicon.ico"):
        errors.append(f"{message.text} {message.location}")


@pytest.fixture
def page(request, settings, transactional_db, municipality_user):
    from django.test import Client
    from playwright.sync_api import sync_playwright

    # The live server's media handler cannot start with MEDIA_URL = None (the skeleton's
    # value); the foundation branch sets a string. Set one before the server first starts.
    if not settings.MEDIA_URL:
        settings.MEDIA_URL = "/media-not-served/"
    live_server = request.getfixturevalue("live_server")

    client = Client()
    client.force_login(municipality_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(base_url=live_server.url, locale="pl-PL")
        context.set_default_timeout(10_000)
        context.add_init_script(CSP_LISTENER)
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on(
            "response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
        )
        page.on("console", lambda m: record_console(m, errors))
        yield page
        csp = page.evaluate("window.__csp")
        browser.close()
    assert csp == [], csp
    assert errors == [], errors


def test_keyboard_user_finds_and_adds_cpv_codes(page):
    from playwright.sync_api import expect

    page.goto("/test-intake/social_clauses/")
    search = page.locator("#id_cpv_main-q")
    assert page.locator("label[for=id_cpv_main-q]").inner_text()
    search.focus()
    page.keyboard.type("sprzatanie ulic")
    first = page.locator("#id_cpv_main-results button").first
    first.wait_for()
    assert "90610000-6" in first.inner_text()
    page.keyboard.press("Tab")  # from the search box straight to the first result
    assert page.evaluate("document.activeElement.classList.contains('cpv-result')")
    page.keyboard.press("Enter")
    expect(page.locator("#id_cpv_main")).to_have_value("90610000-6")
    assert "Usługi sprzątania i zamiatania ulic" in page.locator("#id_cpv_main-value").inner_text()
    # Focus stays on the result list, so the user can carry on.
    assert page.evaluate("document.activeElement.classList.contains('cpv-result')")

    more = page.locator("#id_cpv_additional-q")
    more.fill("catering")
    page.locator("#id_cpv_additional-results button").first.wait_for()
    page.locator("#id_cpv_additional-results button", has_text="55520000-1").click()
    expect(page.locator("#id_cpv_additional")).to_have_value("55520000-1")
    page.locator("#id_cpv_additional-results button", has_text="55524000-9").click()
    expect(page.locator("#id_cpv_additional")).to_have_value("55520000-1, 55524000-9")


def test_bad_code_typed_by_hand_is_refused_on_save(page):
    page.goto("/test-intake/social_clauses/")
    page.fill("#id_cpv_main", "90910000-1")
    page.get_by_role("button", name="Zapisz").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "90910000-1" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
