"""The CPV lookup on the real request page, by keyboard, under the strict CSP, with axe."""

import pytest
from playwright.sync_api import expect

from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.services import advisory_create

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(transactional_db, gmina_org, municipality_user):
    return advisory_create(
        requesting_organisation=gmina_org,
        topic=Topic.SOCIAL_CLAUSES,
        title="Sprzątanie ulic",
        filed_by=municipality_user,
    )


def test_keyboard_user_finds_and_adds_cpv_codes(
    page, url, login_as, assert_accessible, focus_is_visible, draft, municipality_user
):
    login_as(municipality_user)
    page.goto(url("casework:advisory-edit", draft.pk))
    assert_accessible(page)
    search = page.locator("#id_cpv_main-q")
    assert page.locator("label[for=id_cpv_main-q]").inner_text()
    search.focus()
    assert focus_is_visible(page)
    page.keyboard.type("sprzatanie ulic")
    first = page.locator("#id_cpv_main-results button").first
    first.wait_for()
    assert "90610000-6" in first.inner_text()
    assert_accessible(page)
    page.keyboard.press("Tab")  # from the search box straight to the first result
    assert page.evaluate("document.activeElement.classList.contains('cpv-result')")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    expect(page.locator("#id_cpv_main")).to_have_value("90610000-6")
    assert "Usługi sprzątania i zamiatania ulic" in page.locator("#id_cpv_main-value").inner_text()
    # Focus stays on the result list, so the user can carry on.
    assert page.evaluate("document.activeElement.classList.contains('cpv-result')")

    more = page.locator("#id_cpv_additional-q")
    more.focus()
    page.keyboard.type("catering")
    page.locator("#id_cpv_additional-results button").first.wait_for()
    page.locator("#id_cpv_additional-results button", has_text="55520000-1").click()
    expect(page.locator("#id_cpv_additional")).to_have_value("55520000-1")
    page.locator("#id_cpv_additional-results button", has_text="55524000-9").click()
    expect(page.locator("#id_cpv_additional")).to_have_value("55520000-1, 55524000-9")
    assert_accessible(page)


def test_bad_code_typed_by_hand_is_refused_on_save_and_the_summary_takes_focus(
    page, url, login_as, assert_accessible, browser_problems, draft, municipality_user
):
    browser_problems.allow(r"status of 400")
    login_as(municipality_user)
    page.goto(url("casework:advisory-edit", draft.pk))
    page.locator("#id_cpv_main").focus()
    page.keyboard.type("90910000-1")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # saves the draft
    summary = page.locator("#error-summary")
    assert "90910000-1" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page)
