"""The public home page: Polish by default, English on switch, no accessibility violations."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_is_polish_by_default_and_accessible(
    page, url, assert_accessible, focus_is_visible
):
    page.goto(url("home"))
    assert page.get_attribute("html", "lang") == "pl"
    assert page.locator("h1").inner_text() == "Ekonomia społeczna w regionie"
    assert_accessible(page)
    # The first Tab reaches the skip link, which becomes visible and shows focus.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert focus_is_visible(page)


def test_home_page_in_english_after_switching_language(
    page, url, assert_accessible, switch_language
):
    page.goto(url("home"))
    switch_language(page, "en")
    assert page.locator("h1").inner_text() == "Social economy in the region"
    assert_accessible(page)
    # The choice sticks on the next page.
    page.goto(url("accounts:login"))
    assert page.get_attribute("html", "lang") == "en"
    assert_accessible(page)
