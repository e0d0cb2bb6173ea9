"""The committee in a real browser, by keyboard where a form is filled, axe-clean on every
page, in Polish and English (issue 17, must-hold 6): the secretary schedules a meeting and
records the attendance, the chair records the votes, the secretary adopts the resolution, a
member votes in a circular procedure, and the public reads the resolution in the register."""

import datetime

import pytest
from django.utils import timezone

from committee.models import Body, Meeting, Resolution, Vote
from committee.services import agenda_item_add, procedure_open
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.browser

TEXTS = {
    "pl": {
        "scheduled": "Zwołano posiedzenie",
        "adopted": "Podjęto uchwałę nr",
        "voted": "Zapisano Twój głos",
    },
    "en": {
        "scheduled": "The meeting is scheduled",
        "adopted": "Resolution no.",
        "voted": "Your vote is recorded",
    },
}


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    org = OrganisationFactory(kind=OrganisationKind.COMMITTEE, name="RKRES")
    body = Body.objects.create(
        organisation=org, kind="committee", term_start=datetime.date(2023, 1, 1)
    )

    def seat(role, name):
        return MembershipFactory(organisation=org, role=role, user__full_name=name).user

    return {
        "body": body,
        "chair": seat(MembershipRole.CHAIR, "Jan Przewodniczący"),
        "secretary": seat(MembershipRole.SECRETARY, "Anna Sekretarz"),
        "member": seat(MembershipRole.MEMBER, "Ewa Członkini"),
    }


def type_into(page, tab_to, selector: str, text: str) -> None:
    tab_to(page, selector, limit=80)
    page.keyboard.type(text)


def submit(page, tab_to, selector: str = "main form button[type=submit]") -> None:
    tab_to(page, selector, limit=80)
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("language", ["pl", "en"])
def test_meeting_votes_resolution_circular_vote_and_the_public_register(
    page, url, cast, language, assert_accessible, tab_to, switch_language, login_as,
    browser_context,
):  # fmt: skip
    body, chair, secretary, member = cast["body"], cast["chair"], cast["secretary"], cast["member"]
    # The secretary schedules a meeting.
    login_as(secretary)
    page.goto(url("committee:body", body.pk))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    page.goto(url("committee:meeting-create", body.pk))
    assert_accessible(page)
    type_into(page, tab_to, "#id_title", "Posiedzenie nr 8")
    # A date-time field's segments take the Tab key themselves: filled, not tabbed through.
    page.locator("#id_starts_at").fill("2026-10-25T10:00")
    page.locator("#id_ends_at").fill("2026-10-25T12:00")
    page.focus("#id_place")
    page.keyboard.type("ROPS Kielce")
    submit(page, tab_to)
    assert TEXTS[language]["scheduled"] in page.inner_text("main")
    assert_accessible(page)
    meeting = Meeting.objects.get()
    agenda_item_add(meeting=meeting, actor=secretary, title="Stanowisko w sprawie planu")
    # The attendance: everyone present (the default choice).
    page.goto(url("committee:attendance", meeting.pk))
    assert_accessible(page)
    submit(page, tab_to)
    # The chair records the votes and counts them.
    browser_context.clear_cookies()
    login_as(chair)
    page.goto(url("committee:meeting", meeting.pk))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    item = meeting.items.get()
    page.goto(url("committee:item-votes", item.pk))
    assert_accessible(page)
    for user in (secretary, member, chair):  # in the page's order, by name
        tab_to(page, f"#id_voter_{user.pk}", limit=80)
        page.select_option(f"#id_voter_{user.pk}", "for")
        page.focus(f"#id_voter_{user.pk}")  # choosing an option leaves the focus on the page
    tab_to(page, "#id_decide", limit=80)
    page.keyboard.press("Space")
    submit(page, tab_to)
    assert_accessible(page)
    assert Vote.objects.filter(item=item).count() == 3
    # The secretary adopts the resolution.
    browser_context.clear_cookies()
    login_as(secretary)
    page.goto(url("committee:resolution-create", meeting.pk))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    tab_to(page, "#id_items_0", limit=80)
    page.keyboard.press("Space")
    type_into(page, tab_to, "#id_title", "przyjęcia stanowiska")
    type_into(page, tab_to, "#id_text", "§ 1. Przyjmuje się stanowisko.")
    submit(page, tab_to)
    assert TEXTS[language]["adopted"] in page.inner_text("main")
    resolution = Resolution.objects.get()
    # A member votes in a circular procedure.
    procedure = procedure_open(
        body=body,
        actor=chair,
        title="opinii o planie",
        draft="§ 1.",
        deadline=timezone.now() + datetime.timedelta(days=3),
    )
    browser_context.clear_cookies()
    login_as(member)
    page.goto(url("committee:procedure", procedure.pk))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    tab_to(page, "#id_choice_0", limit=80)
    page.keyboard.press("Space")
    submit(page, tab_to)
    assert TEXTS[language]["voted"] in page.inner_text("main")
    assert_accessible(page)
    assert Vote.objects.get(procedure=procedure).choice == "for"
    # The public reads the resolution.
    browser_context.clear_cookies()
    page.goto(url("portal:resolutions"))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    tab_to(page, f"a[href='/portal/uchwaly/{resolution.pk}/']", limit=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "przyjęcia stanowiska" in page.inner_text("main")
    assert_accessible(page)
    page.goto(url("portal:committee-body", body.pk))
    assert "Ewa Członkini" in page.inner_text("main")
    assert_accessible(page)
