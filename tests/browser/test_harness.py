"""The harness itself: it must catch what it promises to catch."""

import pytest

pytestmark = pytest.mark.browser

BAD_PAGE = (
    "<!doctype html><html lang='en'><head><title>bad</title></head><body><main>"
    "<h1>Bad</h1><img src='/static/img/favicon.svg'>"
    "<script>document.title = 'inline ran';</script></main></body></html>"
)


@pytest.fixture
def bad_page(page, url):
    target = url("/harness-bad-page/")
    page.route(
        target,
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'"},
            body=BAD_PAGE,
        ),
    )
    page.goto(target)
    page.wait_for_function("window.__cspViolations.length > 0")
    page.evaluate("1")  # a round trip lets the exposed function deliver it to Python
    return page


def test_inline_script_is_recorded_as_csp_violation(bad_page, browser_problems):
    assert bad_page.title() == "bad"  # the inline script did not run
    assert any(v["directive"].startswith("script-src") for v in browser_problems.csp)
    browser_problems.csp.clear()  # seen and expected; the teardown check would fail otherwise
    bad_page.evaluate("window.__cspViolations = []")
    browser_problems.allow("Content Security Policy")


def test_axe_violations_fail_with_readable_list(bad_page, assert_accessible, browser_problems):
    browser_problems.allow("Content Security Policy")
    bad_page.evaluate("window.__cspViolations = []")
    browser_problems.csp.clear()
    with pytest.raises(AssertionError, match=r"image-alt: Images must have alternative text"):
        assert_accessible(bad_page)
    browser_problems.csp.clear()
