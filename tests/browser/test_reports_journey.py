"""Reports in a real browser, by keyboard, axe-clean, in Polish and English: the coordinator
picks a period, reads a chart (an SVG image that needs no script) and its table, downloads an
indicator as XLSX and issues and downloads the annual report; the public indicators page."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from directory.constants import MembershipRole
from reports.models import Activity, Task
from reports.seed import plan_load
from tests.factories import MembershipFactory, OrganisationFactory
from tests.reports.conftest import advisory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def data(transactional_db):
    from directory.constants import OrganisationKind, UnitKind
    from directory.models import TerritorialUnit

    plan_load(Task, Activity)  # a transactional test starts from an emptied database
    powiat = TerritorialUnit.objects.create(code="2661", kind=UnitKind.POWIAT, name="Kielce")
    gmina = TerritorialUnit.objects.create(
        code="2661011", kind=UnitKind.GMINA, name="Kielce", parent=powiat, subtype="urban"
    )
    org = OrganisationFactory(kind=OrganisationKind.GMINA, gmina=gmina)
    for topic in ("social_clauses", "social_clauses", "local_plan"):
        advisory(org, topic=topic, status="submitted", received=datetime.date(2026, 3, 2))
    rops = OrganisationFactory(rops=True)
    return MembershipFactory(organisation=rops, role=MembershipRole.COORDINATOR).user


def chart_loaded(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_coordinator_reads_exports_and_issues_the_annual_report(
    page, url, data, login_as, assert_accessible, tab_to, switch_language, language
):
    login_as(data)
    page.goto(url("reports:coordinator"))
    if language == "en":
        switch_language(page, "en")
    page.fill("#id_start", "2026-01-01")
    page.fill("#id_end", "2026-12-31")
    tab_to(page, ".period-form button[type=submit]", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "start=2026-01-01" in page.url
    assert_accessible(page)
    section = "#requests-topic"
    assert chart_loaded(page, f"{section} img")
    total = page.text_content(f"{section} tfoot td")
    assert total.strip() == "3"
    first = page.text_content(f"{section} tbody tr:first-child td")
    assert first.strip() == "2"

    tab_to(page, f'{section} a[href$=".xlsx?start=2026-01-01&end=2026-12-31"]', limit=300)
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    wb = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    rows = [[c.value for c in r] for r in wb.worksheets[0].iter_rows()]
    assert rows[-1][1] == 3

    page.reload()  # from the top of the page again: the annual report's form is above
    tab_to(page, "#id_year", limit=300)
    page.keyboard.press("Control+A")
    page.keyboard.type("2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dokumenty/**")
    with page.expect_download() as info:
        page.click("a[href$='/pobierz/']")
    assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_public_indicators_page(page, url, data, assert_accessible, switch_language, language):
    page.goto(url("reports:public") + "?start=2026-01-01&end=2026-12-31")
    if language == "en":
        switch_language(page, "en")
        assert page.text_content("h1").strip() == "Indicators of the programme"
    else:
        assert page.text_content("h1").strip() == "Wskaźniki programu"
    assert chart_loaded(page, "#requests-topic img")
    assert page.locator("#requests-status").count() == 0
    assert_accessible(page)
