"""Signing in with the keyboard only, in Polish and in English, with axe on every page."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("language", "heading", "dashboard"),
    [("pl", "Zaloguj się", "Panel"), ("en", "Log in", "Dashboard")],
)
def test_user_signs_in_with_keyboard_only(
    page, url, assert_accessible, tab_to, switch_language, language, heading, dashboard
):
    UserFactory(email="anna@example.pl", full_name="Anna Nowak")
    page.goto(url("accounts:login"))
    assert page.get_attribute("html", "lang") == "pl"
    if language != "pl":
        switch_language(page, language)
    assert page.locator("h1").inner_text() == heading
    assert_accessible(page)

    tab_to(page, "#id_username")
    page.keyboard.type("anna@example.pl")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == url("dashboard")
    assert page.locator("h1").inner_text() == dashboard
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)


def test_wrong_password_shows_error_summary_that_is_accessible(page, url, assert_accessible):
    UserFactory(email="anna@example.pl")
    page.goto(url("accounts:login"))
    page.fill("#id_username", "anna@example.pl")
    page.fill("#id_password", "not the password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)


def test_signed_in_user_logs_out(page, login_as, url, assert_accessible):
    login_as(UserFactory(email="anna@example.pl", full_name="Anna Nowak"))
    page.goto(url("dashboard"))
    assert "Anna Nowak" in page.locator("header").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.click("header form.inline-form button")
    assert page.locator("header a[href$='/konto/logowanie/']").is_visible()
