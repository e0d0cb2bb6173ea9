"""The public finds a good practice in the catalogue by a word typed without Polish letters,
opens it and reads its gallery — keyboard only, axe-clean, in Polish and English."""

import pytest
from playwright.sync_api import expect

from directory.models import TerritorialUnit
from tests.catalogue.factories import photo, published_practice
from tests.registry.factories import load_teryt, make_entry

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalogue(transactional_db):
    load_teryt()
    entry = make_entry("Spółdzielnia Socjalna Smaki Ponidzia")
    pinczow = TerritorialUnit.objects.get(code="2608043")
    canteen = published_practice(
        title="Stołówka szkolna prowadzona przez spółdzielnię",
        organisation=entry.organisation,
        gminas=[pinczow],
        solution="Gotowanie posiłków dla uczniów w kuchni szkoły.",
    )
    photo(canteen, alt_text="Kucharki wydają obiad w stołówce")
    published_practice(
        title="Sklep z lokalnymi produktami",
        organisation=entry.organisation,
        gminas=[pinczow],
        area="science_ngo_business",
        status="archived",
        solution="Sprzedaż wyrobów lokalnych wytwórców.",
    )
    published_practice(title="Praktyka w ocenie", status="in_review")
    return canteen


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_public_finds_a_practice_without_diacritics_and_opens_it(
    page, url, catalogue, assert_accessible, tab_to, switch_language, language
):
    page.goto(url("portal:catalogue"))
    if language == "en":
        switch_language(page, "en")
    assert page.get_attribute("html", "lang") == language
    assert "Praktyka w ocenie" not in page.content()
    assert_accessible(page)

    # Type a word without Polish letters and submit by keyboard.
    tab_to(page, "#id_q", limit=80)
    page.keyboard.type("stolowka")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=stolowka**")
    expect(page.locator(".registry-card")).to_have_count(1)
    title = "Stołówka szkolna prowadzona przez spółdzielnię"
    assert page.locator(".registry-card h3").all_inner_texts() == [title]
    assert_accessible(page)

    # Open it by keyboard.
    tab_to(page, ".registry-card h3 a", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == title
    assert page.get_attribute(".practice-gallery img", "alt") == "Kucharki wydają obiad w stołówce"
    assert page.eval_on_selector(
        ".practice-gallery img", "img => img.complete && img.naturalWidth > 0"
    )
    # The similar practice (same powiat) is archived: its page says so.
    assert_accessible(page)
    tab_to(page, "#similar-heading + ul a", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Sklep z lokalnymi produktami"
    assert page.locator(".notice").count() == 1
    assert_accessible(page)
