"""A partnership agreement in a real browser: the leader drafts it with two partners by
keyboard, every party's representatives sign it, and the public register shows it — with
axe-core on every page, in Polish and in English.

Review and approval run through the transition service (their pages are casework's own,
walked by the advisory journey); outbox rows go to django-tasks' immediate backend, so the
PDF for signing is rendered by the time the approval returns.
"""

import pytest
from django.urls import reverse

from casework.kinds.agreement.constants import AgreementStatus as S
from casework.models import Case
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from workflows.services import transition_apply

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db, advisor, committee_member):
    gmina = OrganisationFactory(kind=OrganisationKind.GMINA, name="Urząd Gminy Masłów")
    association = OrganisationFactory(
        kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Razem dla Masłowa"
    )
    owes = OrganisationFactory(kind=OrganisationKind.OWES, name="Świętokrzyski OWES")

    def person(org, email, name, may_sign=True):
        return MembershipFactory(
            organisation=org, user__email=email, user__full_name=name, may_sign=may_sign
        ).user

    return {
        "clerk": person(gmina, "clerk@maslow.example.pl", "Tomasz Kowalczyk", may_sign=False),
        "wojt": person(gmina, "wojt@maslow.example.pl", "Zbigniew Wrona"),
        "prezes": person(association, "prezes@razem.example.pl", "Halina Górska"),
        "skarbnik": person(association, "skarbnik@razem.example.pl", "Robert Kaczmarek"),
        "owes": person(owes, "dyrektor@owes.example.pl", "Iwona Sikora"),
        "advisor": advisor,
        "member": committee_member,
        "association": association,
        "owes_org": owes,
    }


def start_at_top(page):
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator("#main").focus()


def key_type(page, tab_to, selector, text):
    tab_to(page, selector, 400)
    page.keyboard.type(text)


def key_press(page, tab_to, selector, key="Space"):
    tab_to(page, selector, 400)
    page.keyboard.press(key)


def key_date(page, tab_to, selector, iso):
    year, month, day = iso.split("-")
    tab_to(page, selector, 400)
    page.keyboard.type(month + day + year)
    if page.input_value(selector) != iso:
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(day + month + year)
    assert page.input_value(selector) == iso


def press_button(page, tab_to, selector):
    tab_to(page, selector, 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def run(case, name, actor, **data):
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


def add_party(page, tab_to, organisation, obligations, *, jointly: bool):
    start_at_top(page)
    tab_to(page, "#id_party-organisation", 400)
    page.select_option("#id_party-organisation", str(organisation.pk))
    key_type(page, tab_to, "#id_party-obligations", obligations)
    if jointly:  # the radio group: Tab reaches the checked rule, an arrow moves to the next
        key_press(page, tab_to, "#id_party-representation_0", "ArrowDown")
        assert page.is_checked("#id_party-representation_1")
    press_button(page, tab_to, "button[name=add_party]")
    assert page.locator(".messages").is_visible()


def test_a_leader_drafts_with_two_partners_all_sign_and_the_register_shows_it(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast
):
    title = "Partnerstwo na rzecz ekonomii społecznej w Masłowie"

    # 1. The leader's clerk drafts the agreement by keyboard.
    login_as(cast["clerk"])
    page.goto(url("casework:agreement-new"))
    assert_accessible(page)
    start_at_top(page)
    key_type(page, tab_to, "#id_title", title)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    case = Case.objects.get(kind="agreement")
    assert_accessible(page)
    add_party(page, tab_to, cast["association"], "Rekrutacja uczestników.", jointly=True)
    add_party(page, tab_to, cast["owes_org"], "Doradztwo dla nowych podmiotów.", jointly=False)
    assert_accessible(page)
    start_at_top(page)
    for selector, text in [
        ("#id_goals", "Nowe miejsca pracy w podmiotach ekonomii społecznej."),
        ("#id_scope", "Klauzule społeczne, doradztwo, wspólne wydarzenia."),
        ("#id_governance", "Komitet sterujący zwoływany przez lidera."),
    ]:
        key_type(page, tab_to, selector, text)
    key_date(page, tab_to, "#id_start_date", "2026-01-01")
    key_date(page, tab_to, "#id_end_date", "2027-12-31")
    press_button(page, tab_to, "button[name=submit]")
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW, page.content()[:2000]
    assert_accessible(page)

    # 2. Review and approval (the advisory journey walks these pages).
    run(case, "accept", cast["advisor"])
    run(case, "submit_for_approval", cast["advisor"])
    case.refresh_from_db()
    run(case, "approve", cast["member"], version=case.agreement.current_version.sha256)

    # 3. Every party's representatives sign by keyboard (the association's two jointly).
    for index, who in enumerate(("wojt", "prezes", "skarbnik", "owes")):
        login_as(cast[who])
        page.goto(url("casework:case-detail", case.pk))
        if index == 0:
            assert_accessible(page)
        page.goto(url("casework:agreement-sign", case.pk))
        assert case.agreement.current_version.sha256 in page.locator("#version-hash").inner_text()
        if index == 0:
            assert_accessible(page)
        start_at_top(page)
        key_press(page, tab_to, "#id_publish_consent")
        key_press(page, tab_to, "#id_confirm")
        press_button(page, tab_to, "button[name=sign][value=acceptance]")
        assert page.locator(".messages").is_visible()
    case.refresh_from_db()
    assert case.status == S.IN_FORCE
    assert_accessible(page)

    # 4. The public register lists it, in Polish and in English.
    page.goto(url("portal:agreements"))
    assert title in page.content()
    assert_accessible(page)
    start_at_top(page)
    press_button(page, tab_to, f"a[href='{reverse('portal:agreement', args=[case.pk])}']")
    assert "Stowarzyszenie Razem dla Masłowa" in page.content()
    assert page.locator("a[href*='/pobierz/']").count() == 1
    assert_accessible(page)
    switch_language(page, "en")
    assert "in force" in page.content()
    assert_accessible(page)
    page.goto(url("portal:agreements"))
    assert "Register of partnership agreements" in page.content()
    assert_accessible(page)
