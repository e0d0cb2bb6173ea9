"""Browser journeys through the registry: a visitor searching the public registry, and a
representative's proposal accepted by a coordinator. Every page is checked with axe-core."""

import pytest
from django.urls import reverse

from directory.models import ChangeProposal, RegistryChange
from tests.factories import MembershipFactory
from tests.registry.factories import load_teryt, make_entry

pytestmark = pytest.mark.browser


@pytest.fixture
def registry(transactional_db):
    load_teryt()
    return {
        "kielce_coop": make_entry(
            "Spółdzielnia Socjalna Kuchnia Kielecka", offer="usługi cateringowe", rich=True
        ),
        "kielce_foundation": make_entry(
            "Fundacja Kielecka", kind="foundation", offer="szkolenia komputerowe"
        ),
        "busko": make_entry("Spółdzielnia Socjalna Zdrój", gmina_code="2601013", offer="catering"),
        "hidden": make_entry("Ukryta Spółdzielnia", published=False),
    }


def test_visitor_filters_by_map_with_keyboard_and_by_legal_form_opens_profile_exports_csv(
    page, url, registry, assert_accessible, tab_to
):
    page.goto(url("portal:registry"))
    assert page.get_attribute("html", "lang") == "pl"
    assert page.locator("h1").inner_text() == "Rejestr podmiotów ekonomii społecznej"
    assert "Ukryta" not in page.content()
    assert_accessible(page)

    # The map by keyboard: Tab to Kielce (every stop shows focus), Enter follows the link.
    tab_to(page, '.region-map a[data-code="2661"]')
    label = page.get_attribute('.region-map a[data-code="2661"]', "aria-label")
    assert label == "Powiat Kielce: 2 podmioty"  # the unpublished entry is not counted
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "powiat=2661" in page.url
    names = page.locator(".registry-card h3").all_inner_texts()
    assert sorted(names) == ["Fundacja Kielecka", "Spółdzielnia Socjalna Kuchnia Kielecka"]
    assert_accessible(page)

    # Then the legal form: htmx swaps the results and keeps the URL shareable.
    page.select_option("#id_kind", "foundation")
    page.wait_for_url("**kind=foundation**")
    page.wait_for_function("document.querySelectorAll('.registry-card').length === 1")
    assert page.locator(".registry-card h3").all_inner_texts() == ["Fundacja Kielecka"]
    assert "powiat=2661" in page.url
    assert page.locator("#results").count() == 1
    assert page.locator("#results-count").inner_text() == "Znaleziono 1 podmiot"
    # The map's counts followed (swapped out of band).
    kielce = page.get_attribute('.region-map a[data-code="2661"]', "aria-label")
    assert kielce == "Powiat Kielce: 1 podmiot"
    # The same URL, loaded afresh, gives the same search.
    page.goto(page.url)
    assert page.locator(".registry-card h3").all_inner_texts() == ["Fundacja Kielecka"]
    assert_accessible(page)

    # A profile.
    page.goto(url("portal:registry") + "?powiat=2661")
    page.click("text=Spółdzielnia Socjalna Kuchnia Kielecka")
    assert page.locator("h1").inner_text() == "Spółdzielnia Socjalna Kuchnia Kielecka"
    assert "56.21.Z" in page.content()
    assert_accessible(page)

    # Export the search as CSV: the one for a spreadsheet (Polish), then the standard one.
    page.goto(url("portal:registry") + "?powiat=2661")
    with page.expect_download() as download:
        page.click("text=CSV do arkusza kalkulacyjnego")
    assert download.value.suggested_filename.endswith("-arkusz.csv")
    content = open(download.value.path(), "rb").read()  # noqa: SIM115
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.startswith("Identyfikator w rejestrze;Nazwa;")
    assert "Fundacja Kielecka" in text
    assert "Spółdzielnia Socjalna Kuchnia Kielecka" in text
    assert "Zdrój" not in text
    assert "Ukryta" not in text
    with page.expect_download() as download:
        page.click("a[href*='eksport.csv']")
    text = open(download.value.path(), "rb").read().decode("utf-8")  # noqa: SIM115
    assert text.startswith("id,name,")
    assert "Fundacja Kielecka" in text
    assert "Zdrój" not in text


def test_registry_in_english_is_accessible(page, url, registry, assert_accessible, switch_language):
    page.goto(url("portal:registry"))
    switch_language(page, "en")
    assert page.locator("h1").inner_text() == "Registry of social-economy entities"
    assert_accessible(page)
    page.click("text=Fundacja Kielecka")
    assert page.locator("#identity-heading").inner_text() == "Identity"
    assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_representative_proposes_and_coordinator_accepts(
    page,
    url,
    registry,
    login_as,
    coordinator,
    browser_context,
    assert_accessible,
    language,
    switch_language,
):
    entry = registry["kielce_coop"]
    representative = MembershipFactory(
        organisation=entry.organisation, user__email="rep@kuchnia.pl", user__full_name="Anna Rep"
    ).user

    login_as(representative)
    page.goto(url("directory:registry-mine"))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    page.click(f"a[href='{reverse('directory:registry-propose', args=[entry.pk])}']")
    assert_accessible(page)
    page.fill("#id_offer", "usługi cateringowe i obiady domowe")
    page.click("form[method=post] button[type=submit] >> nth=-1")
    page.wait_for_url("**/rejestr/moje/")
    assert page.locator(".message").count() == 1
    assert_accessible(page)
    proposal = ChangeProposal.objects.get()
    entry.refresh_from_db()
    assert entry.offer == "usługi cateringowe"

    browser_context.clear_cookies()
    login_as(coordinator)
    page.goto(url("directory:registry-proposals"))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    page.click(f"a[href='{reverse('directory:registry-proposal', args=[proposal.pk])}']")
    assert "usługi cateringowe i obiady domowe" in page.locator(".side-by-side").inner_text()
    assert_accessible(page)
    page.click("input[value=accept] + button")
    page.wait_for_url("**/rejestr/propozycje/")
    assert_accessible(page)

    entry.refresh_from_db()
    assert entry.offer == "usługi cateringowe i obiady domowe"
    change = RegistryChange.objects.get(field="offer", proposal=proposal)
    assert change.actor == coordinator
    page.goto(url("directory:registry-history", entry.pk))
    history = page.locator("table").inner_text()
    assert "usługi cateringowe i obiady domowe" in history
    assert coordinator.full_name in history
    assert_accessible(page)
