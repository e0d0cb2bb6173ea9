"""Every registry and portal page of this issue passes axe-core, in Polish and in English."""

import pytest

from tests.factories import MembershipFactory
from tests.registry.factories import load_teryt, make_entry

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["pl", "en"])
def test_public_portal_pages_are_accessible(
    page, url, transactional_db, assert_accessible, language, switch_language
):
    load_teryt()
    entry = make_entry("Spółdzielnia Socjalna Dostępna", offer="catering", rich=True)
    page.goto(url("home"))
    if language == "en":
        switch_language(page, "en")
    for path in (
        url("home"),
        url("portal:contact"),
        url("portal:sitemap"),
        url("portal:registry") + "?q=zzzz",
        url("portal:registry") + "?powiat=9999",
        url("portal:registry-entry", entry.pk),
    ):
        page.goto(path)
        assert page.get_attribute("html", "lang") == language
        assert_accessible(page)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_staff_registry_pages_are_accessible(
    page, url, transactional_db, login_as, coordinator, assert_accessible, language, switch_language
):
    load_teryt()
    entry = make_entry("Spółdzielnia Socjalna Sprawdzana", rich=True)
    MembershipFactory(organisation=entry.organisation)
    login_as(coordinator)
    page.goto(url("directory:registry-staff"))
    if language == "en":
        switch_language(page, "en")
    for path in (
        url("directory:registry-staff"),
        url("directory:registry-entry", entry.pk),
        url("directory:registry-edit", entry.pk),
        url("directory:registry-history", entry.pk),
        url("directory:registry-proposals"),
        url("directory:registry-import"),
    ):
        page.goto(path)
        assert_accessible(page)
    # The import report of a file with a refused row.
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "pes.csv",
                "mimeType": "text/csv",
                "buffer": "name;legal_form;nip\nZły;fundacja;123\n".encode(),
            }
        ],
    )
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("#report-heading")
    assert "123" in page.locator("table").last.inner_text()
    assert_accessible(page)
    # The PS form with an error summary.
    page.goto(url("directory:registry-entry", entry.pk))
    page.click("input[value=ps_grant] ~ button")
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
