"""Every page of the foundation, in Polish and in English, passes axe-core without violations."""

import pytest
from django.conf import settings

from tests.factories import UserFactory

pytestmark = pytest.mark.browser

LANGUAGES = ["pl", "en"]
PUBLIC_PAGES = [
    "home",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "portal:accessibility",
    "portal:committee-bodies",
    "portal:resolutions",
]
ROLE_FIXTURES = [
    "advisor",
    "coordinator",
    "committee_member",
    "municipality_user",
    "organisation_user",
]


@pytest.fixture
def in_language(browser_context, live_server):
    def set_language(code: str) -> None:
        browser_context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
        )

    return set_language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_accessible(page, url, assert_accessible, in_language, language, name):
    in_language(language)
    page.goto(url(name))
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_not_found_page_is_accessible(
    page, url, assert_accessible, in_language, browser_problems, language
):
    browser_problems.allow("status of 404")
    in_language(language)
    response = page.goto(url("/nie-ma-takiej-strony/"))
    assert response.status == 404
    assert page.get_attribute("html", "lang") == language
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fixture", ROLE_FIXTURES)
def test_dashboard_of_every_role_is_accessible(
    page, url, login_as, assert_accessible, in_language, request, language, fixture
):
    in_language(language)
    login_as(request.getfixturevalue(fixture))
    page.goto(url("dashboard"))
    assert page.locator(".panel").count() == 1
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["accounts:profile", "accounts:password_change"])
def test_account_pages_are_accessible(
    page, url, login_as, assert_accessible, in_language, language, name
):
    in_language(language)
    login_as(UserFactory(full_name="Anna Nowak"))
    page.goto(url(name))
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_take_focus_and_are_accessible(
    page, url, login_as, assert_accessible, in_language, language
):
    in_language(language)
    login_as(UserFactory())
    page.goto(url("accounts:password_change"))
    page.fill("#id_old_password", "wrong")
    page.fill("#id_new_password1", "short")
    page.fill("#id_new_password2", "different")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'error-summary'")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_lockout_page_is_accessible(
    page, url, assert_accessible, in_language, browser_problems, settings, language
):
    browser_problems.allow("status of 429")
    in_language(language)
    UserFactory(email="anna@example.pl")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(url("accounts:login"))
        page.fill("#id_username", "anna@example.pl")
        page.fill("#id_password", "wrong")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() in {
        "Logowanie tymczasowo zablokowane",
        "Sign-in temporarily blocked",
    }
    assert_accessible(page)
