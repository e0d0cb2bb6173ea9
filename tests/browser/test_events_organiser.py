"""The organiser's pages in a real browser, in Polish and English, axe-clean: an organiser
creates a workshop through the event form by keyboard (its sessions' formset included); an
entity's member applies for a stand at a fair and the organiser accepts it on the
exhibitors' page; the public then sees the stand."""

import pytest

from directory.constants import MembershipRole, OrganisationKind
from events.constants import EventKind
from events.models import Event, Exhibitor, ExhibitorStatus
from tests.events.conftest import make_event
from tests.factories import MembershipFactory, OrganisationFactory
from tests.registry.factories import load_teryt, make_entry

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    load_teryt()
    rops = OrganisationFactory(kind=OrganisationKind.ROPS, name="ROPS w Kielcach")
    organiser = MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__full_name="Olga Organizatorka"
    ).user
    fair = make_event(organiser=rops, kind=EventKind.FAIR, title="Targi ekonomii społecznej")
    entry = make_entry("Spółdzielnia Socjalna Smak")
    member = MembershipFactory(
        organisation=entry.organisation, role=MembershipRole.MEMBER, user__full_name="Marek"
    ).user
    return {"rops": rops, "organiser": organiser, "fair": fair, "entry": entry, "member": member}


def type_into(page, tab_to, selector: str, text: str) -> None:
    tab_to(page, selector, limit=80)
    page.keyboard.type(text)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_organiser_creates_a_workshop_by_keyboard(
    page, url, cast, language, assert_accessible, tab_to, switch_language, login_as
):
    login_as(cast["organiser"])
    page.goto(url("events:organiser"))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    page.goto(url("events:create"))
    assert_accessible(page)
    # Groups of fields are fieldsets with a legend; every field has its label.
    assert page.locator("fieldset legend").count() >= 2
    type_into(page, tab_to, "#id_title", "Warsztat: klauzule społeczne")
    tab_to(page, "#id_kind", limit=80)
    page.select_option("#id_kind", EventKind.WORKSHOP)
    tab_to(page, "#id_module", limit=80)
    page.select_option("#id_module", "1")
    tab_to(page, "#id_organiser", limit=80)
    page.select_option("#id_organiser", str(cast["rops"].pk))
    type_into(page, tab_to, "#id_capacity", "25")
    # A date-and-time field is reached by keyboard; its segments take the value as a whole.
    for selector, value in (
        ("#id_registration_opens_at", "2026-12-01T09:00"),
        ("#id_registration_closes_at", "2027-02-01T23:00"),
        ("#id_sessions-0-starts_at", "2027-02-10T10:00"),
        ("#id_sessions-0-ends_at", "2027-02-10T14:00"),
    ):
        tab_to(page, selector, limit=120)
        page.fill(selector, value)
    tab_to(page, "main form[method=post] button[type=submit]", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[aria-invalid=true]").count() == 0, page.inner_text("main")[:2000]
    assert_accessible(page)
    event = Event.objects.get(title="Warsztat: klauzule społeczne")
    assert event.sessions.count() == 1
    assert event.module == 1

    # A refused form says why, next to the field, and keeps what was typed.
    page.goto(url("events:edit", event.pk))
    page.fill("#id_capacity", "0")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    assert page.locator("#id_capacity").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title").input_value() == "Warsztat: klauzule społeczne"
    assert_accessible(page)
    event.refresh_from_db()
    assert event.capacity == 25


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_stand_is_applied_for_accepted_and_shown(
    page, url, cast, language, assert_accessible, tab_to, switch_language, login_as
):
    fair = cast["fair"]
    login_as(cast["member"])
    page.goto(url("events:exhibitor-apply", fair.pk))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    tab_to(page, "#id_entry", limit=80)
    page.select_option("#id_entry", str(cast["entry"].pk))
    type_into(page, tab_to, "#id_offer", "Catering i wypieki")
    tab_to(page, "main form[method=post] button[type=submit]", limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Exhibitor.objects.get().status == ExhibitorStatus.APPLIED

    login_as(cast["organiser"])
    page.goto(url("events:exhibitors", fair.pk))
    assert "Spółdzielnia Socjalna Smak" in page.inner_text("main")
    assert_accessible(page)
    accept = page.locator("button[name=decision][value=accepted]")
    accept.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Exhibitor.objects.get().status == ExhibitorStatus.ACCEPTED
    assert page.locator("[role=status], .messages").count() >= 1
    assert_accessible(page)

    page.goto(url("events:detail", fair.pk))
    assert "Catering i wypieki" in page.inner_text("main")
    assert_accessible(page)
