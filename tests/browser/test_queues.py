"""Queues in the browser: each role's dashboard and list, filters and bulk assignment by
keyboard alone, two advisors claiming one case from two browsers; axe-clean in pl and en."""

import datetime
import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from casework.models import Case
from directory.constants import MembershipRole
from tests.factories import MembershipFactory
from tests.queues.factories import make_advisory
from workflows import calendar

pytestmark = pytest.mark.browser

LANGUAGES = ["pl", "en"]


@pytest.fixture
def in_language(browser_context, live_server):
    def set_language(code: str) -> None:
        browser_context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
        )

    return set_language


@pytest.fixture
def cases(advisor, coordinator, committee_member, municipality_user, gmina_org):
    today = calendar.today()
    made = {
        "new1": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            title="Klauzule społeczne w Łopusznie",
        ),
        "new2": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            title="Klauzule w przetargu",
            due_date=today + datetime.timedelta(days=3),
        ),
        "other": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            title="Plan rozwoju",
            topic="local_plan",
        ),
        "mine": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            status="in_review",
            assignee=advisor,
            title="Moja sprawa",
            due_date=today - datetime.timedelta(days=1),
        ),
        "asked": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            status="awaiting_info",
            assignee=advisor,
            title="Pytanie do gminy",
        ),
        "decide": make_advisory(
            organisation=gmina_org,
            filed_by=municipality_user,
            status="in_approval",
            assignee=advisor,
            title="Opinia do zatwierdzenia",
            version_by=advisor,
            due_date=today + datetime.timedelta(days=8),
        ),
    }
    return made


PAGES = [
    ("advisor", "/sprawy/kolejka/?queue=mine"),
    ("advisor", "/sprawy/kolejka/?queue=unassigned&q=klauzule"),
    ("coordinator", "/sprawy/kolejka/?queue=all&topic=social_clauses&sort=-due"),
    ("committee_member", "/sprawy/do-zatwierdzenia/"),
    ("municipality_user", "/sprawy/moje-wnioski/"),
    ("advisor", "/panel/"),
    ("coordinator", "/panel/"),
    ("committee_member", "/panel/"),
    ("municipality_user", "/panel/"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("who", "path"), PAGES)
def test_queue_pages_and_dashboards_are_accessible(
    request, page, url, login_as, assert_accessible, in_language, cases, who, path, language
):
    in_language(language)
    login_as(request.getfixturevalue(who))
    page.goto(url(path))
    assert page.get_attribute("html", "lang") == language
    page.wait_for_selector("main h1")
    assert page.locator("main table, main .panel").count() >= 1
    assert_accessible(page)


def test_municipality_gets_a_call_to_action_for_a_question(
    page, url, login_as, cases, municipality_user, switch_language
):
    login_as(municipality_user)
    page.goto(url("casework:my-cases"))
    switch_language(page, "en")
    link = page.get_by_role("link", name=f"Answer the question about {cases['asked'].number}")
    link.click()
    assert page.url.endswith(f"/sprawy/{cases['asked'].pk}/")


def test_coordinator_filters_and_bulk_assigns_by_keyboard(
    page, url, login_as, cases, coordinator, advisor, tab_to, assert_accessible, switch_language
):
    login_as(coordinator)
    page.goto(url("casework:queue") + "?queue=unassigned")
    switch_language(page, "en")
    # The other tabs' counts arrive after the page (htmx), into the tabs, which stay put.
    for slug in ("all", "mine", "overdue"):  # not the current tab: empty until they arrive
        expect(page.locator(f"#queue-count-{slug}")).to_have_text(re.compile(r"^\(\d+\)$"))
    # Open the filters and search, keyboard only.
    tab_to(page, "details.filters summary")
    page.keyboard.press("Enter")
    tab_to(page, "#id_q")
    page.keyboard.type("klauzule")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=klauzule**")
    rows = page.locator("#queue-form tbody tr")
    assert rows.count() == 2
    # Select both, choose the advisor, assign.
    boxes = page.eval_on_selector_all("#queue-form input[name=cases]", "els => els.map(e => e.id)")
    assert sorted(boxes) == sorted(f"select-{cases[k].pk}" for k in ("new1", "new2"))
    for box in boxes:  # in page order; from the top: the menu, the tabs, the open filters
        tab_to(page, f"#{box}", limit=60)
        page.keyboard.press("Space")
    tab_to(page, "#bulk-assignee")
    page.select_option("#bulk-assignee", str(advisor.pk))
    tab_to(page, ".bulk-assign button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Yes, assign")
    assert_accessible(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Assignment results")
    assert "2 of 2 cases assigned" in page.locator("main [role=status]").inner_text()
    assert_accessible(page)
    assert set(Case.objects.filter(assignee=advisor).values_list("pk", flat=True)) >= {
        cases["new1"].pk,
        cases["new2"].pk,
    }


def test_two_advisors_claim_one_case_from_two_browsers(
    browser, live_server, page, url, login_as, cases, advisor, rops
):
    from django.test import Client

    other = MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__full_name="Druga Doradczyni"
    ).user
    target = cases["new1"]
    events_before = target.events.count()
    login_as(advisor)
    first = page
    first.goto(url("casework:queue") + "?queue=unassigned&q=Łopusznie")
    # The second advisor in a separate browser context.
    client = Client()
    client.force_login(other)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.add_cookies(
        [
            {"name": cookie.key, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url},
        ]
    )
    second = context.new_page()
    second.goto(url("casework:queue") + "?queue=unassigned&q=Łopusznie")
    # Both see the case with its button; the second presses first.
    button = f"button[formaction$='/kolejka/{target.pk}/przejmij/']"
    second.click(button)
    second.wait_for_selector("text=is now yours")
    first.click(button)
    first.wait_for_selector(".message-error")
    assert "Druga Doradczyni" in first.locator(".message-error").inner_text()
    context.close()
    target.refresh_from_db()
    assert target.assignee == other
    assert target.events.count() == events_before + 1  # one accept, by the winner
