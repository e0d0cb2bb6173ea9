"""Conflicts of interest in the browser: a committee member declares a conflict on an item
and a link with an organisation by keyboard alone; the case page, the committee's list (with
the reasons) and the links page are axe-clean in Polish and English."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from casework.models import CaseEvent, ConflictDeclaration, DeclaredLink
from directory.constants import OrganisationKind
from tests.factories import OrganisationFactory
from tests.queues.factories import make_case

pytestmark = pytest.mark.browser

LANGUAGES = ["pl", "en"]
TEXTS = {
    "pl": {
        "recused": "Podlegasz wyłączeniu z tej sprawy i nie możesz o niej decydować.",
        "declared": "zgłoszono konflikt interesów: Mój brat jest wójtem",
        "reason": "członkostwo w organizacji będącej stroną sprawy: Stowarzyszenie Most",
        "linked": "zgłoszone powiązanie z organizacją: Fundacja Brzeg",
    },
    "en": {
        "recused": "You are recused from this case and may not decide it.",
        "declared": "declared a conflict of interest: Mój brat jest wójtem",
        "reason": "membership in a party to the case: Stowarzyszenie Most",
        "linked": "declared link with an organisation: Fundacja Brzeg",
    },
}


@pytest.fixture
def in_language(browser_context, live_server):
    def set_language(code: str) -> None:
        browser_context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
        )

    return set_language


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_member_declares_a_conflict_by_keyboard(
    page, url, login_as, in_language, tab_to, assert_accessible, committee_member, gmina_org,
    advisor, language,
):  # fmt: skip
    case = make_case(organisation=gmina_org, filed_by=advisor, status="in_approval")
    in_language(language)
    login_as(committee_member)
    page.goto(url("casework:case-detail", case.pk))
    expect(page.locator("#conflict-of-interest")).to_be_visible()
    # The member may decide: the approve action is offered.
    approve = url("casework:case-transition", case.pk, "approve").removeprefix(url("/").rstrip("/"))
    expect(page.locator(f'form[action="{approve}"]')).to_have_count(1)
    assert_accessible(page)
    tab_to(page, "#id_conflict_reason", limit=120)
    page.keyboard.type("Mój brat jest wójtem")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("#conflict-of-interest")).to_contain_text(TEXTS[language]["recused"])
    expect(page.locator("#timeline")).to_contain_text(TEXTS[language]["declared"])
    expect(page.locator(f'form[action="{approve}"]')).to_have_count(0)
    assert_accessible(page)
    assert ConflictDeclaration.objects.get(case=case).reason == "Mój brat jest wójtem"
    assert CaseEvent.objects.filter(case=case, action="conflict_declared").count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committees_list_says_why_and_the_links_page_works_by_keyboard(
    page, url, login_as, in_language, tab_to, assert_accessible, committee_member, gmina_org,
    advisor, language,
):  # fmt: skip
    from casework.models import CaseParty
    from tests.factories import MembershipFactory

    party = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Most")
    linked = OrganisationFactory(kind=OrganisationKind.FOUNDATION, name="Fundacja Brzeg")
    with_party = make_case(organisation=gmina_org, filed_by=advisor, status="in_approval")
    CaseParty.objects.create(case=with_party, organisation=party)
    MembershipFactory(user=committee_member, organisation=party)
    with_link = make_case(organisation=linked, filed_by=advisor, status="in_approval")
    in_language(language)
    login_as(committee_member)
    page.goto(url("casework:approvals"))
    expect(page.locator("table")).to_contain_text(TEXTS[language]["reason"])
    assert_accessible(page)

    page.goto(url("casework:declared-links"))
    assert_accessible(page)
    tab_to(page, "#id_q")
    page.keyboard.type("brzeg")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_organisation_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_note")
    page.keyboard.type("Zasiadam w radzie")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    link = DeclaredLink.objects.get(member=committee_member)
    assert (link.organisation, link.note) == (linked, "Zasiadam w radzie")
    assert CaseEvent.objects.filter(case=with_link, action="recused").count() == 1

    page.goto(url("casework:approvals"))
    expect(page.locator("table")).to_contain_text(TEXTS[language]["linked"])
