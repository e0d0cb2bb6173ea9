"""The steps users stumbled on, in a real browser, in Polish and in English, by keyboard, with
axe-core on every page: filing from the dashboard and getting the receipt; the question
above the answer box; confirming a withdrawal with its reason; losing a claim race.

Outbox rows are handed to django-tasks' immediate backend, so notifications are written by
the time a transition's response arrives.
"""

import pytest
from django.core import mail
from django.urls import reverse

from casework.models import Case, CaseEvent, Notification
from directory.constants import MembershipRole, OrganisationKind
from tests.advisory.helpers import apply, complete_intake, new_request
from tests.factories import MembershipFactory, OrganisationFactory, TerritorialUnitFactory

pytestmark = pytest.mark.browser

LANGUAGES = ["pl", "en"]

TEXT = {
    "pl": {
        "new": "Nowy wniosek o doradztwo",
        "submitted": "Wniosek {number} został złożony.",
        "receipt": "Potwierdzenie złożenia wniosku {number}",
        "next": "Koordynator przydzieli wniosek doradcy",
        "cannot_undo": "Tego nie można cofnąć.",
        "withdrawn": "Wniosek {number} został wycofany.",
        "faster": "Ktoś był szybszy (Anna Nowak, przed chwilą).",
        "accepted": "Wniosek {number} został przyjęty do rozpatrzenia; prowadzi: Anna Nowak.",
    },
    "en": {
        "new": "New advisory request",
        "submitted": "Request {number} was submitted.",
        "receipt": "Receipt of request {number}",
        "next": "A coordinator assigns your request to an advisor",
        "cannot_undo": "This cannot be undone.",
        "withdrawn": "Request {number} was withdrawn.",
        "faster": "Someone was faster (Anna Nowak, a moment ago).",
        "accepted": "Request {number} was accepted for review; assignee: Anna Nowak.",
    },
}


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    gmina = OrganisationFactory(
        kind=OrganisationKind.GMINA,
        name="Urząd Gminy Masłów",
        regon="291009337",
        gmina=TerritorialUnitFactory(code="2604092", name="Masłów"),
    )
    rops = OrganisationFactory(rops=True)
    OrganisationFactory(committee=True)
    return {
        "gmina": gmina,
        "clerk": MembershipFactory(
            organisation=gmina,
            user__email="clerk@maslow.example.pl",
            user__full_name="Tomasz Kowalczyk",
        ).user,
        "advisor": MembershipFactory(
            organisation=rops,
            role=MembershipRole.ADVISOR,
            user__email="doradca@rops.example.pl",
            user__full_name="Piotr Zieliński",
        ).user,
        "winner": MembershipFactory(
            organisation=rops,
            role=MembershipRole.ADVISOR,
            user__email="anna@rops.example.pl",
            user__full_name="Anna Nowak",
        ).user,
    }


def start_at_top(page):
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.locator("#main").focus()


def press(page, tab_to, selector):
    """Reach ``selector`` by Tab from the top of the page and press Enter; wait for the page."""
    start_at_top(page)
    tab_to(page, selector, 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, tab_to, selector, text):
    start_at_top(page)
    tab_to(page, selector, 400)
    page.keyboard.type(text)


def in_language(page, url, switch_language, user, language):
    """The user prefers ``language`` (pages and e-mails); the page is switched to it."""
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    page.goto(url("dashboard"))
    if page.get_attribute("html", "lang") != language:
        switch_language(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_clerk_files_from_the_dashboard_and_gets_a_receipt(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast, language
):
    text, clerk = TEXT[language], cast["clerk"]
    login_as(clerk)
    in_language(page, url, switch_language, clerk, language)
    assert_accessible(page)
    # The dashboard's "new request" link, by keyboard.
    link = page.get_by_role("link", name=text["new"])
    assert link.get_attribute("href") == reverse("casework:advisory-new")
    press(page, tab_to, f".new-case-links a[href='{reverse('casework:advisory-new')}']")
    assert page.url.endswith(reverse("casework:advisory-new"))
    assert_accessible(page)
    start_at_top(page)
    tab_to(page, "#id_topic_0", 400)
    page.keyboard.press("Space")
    type_into(page, tab_to, "#id_title", "Klauzule społeczne: sprzątanie szkół")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    case = Case.objects.get()
    # The intake's answers are the tested journey's (test_advisory_journey); here they are
    # stored as a saved draft, and the clerk submits it by keyboard.
    case.advisory.intake = complete_intake()
    case.advisory.save(update_fields=["intake"])
    page.reload()
    press(page, tab_to, "button[name=submit]")
    case.refresh_from_db()
    assert case.status == "submitted"
    assert page.locator(".messages").inner_text().strip() == text["submitted"].format(
        number=case.number
    )
    assert_accessible(page)

    # The receipt: in the app (the header's notifications) and by e-mail.
    receipt = Notification.objects.get(recipient=clerk, verb="received")
    page.goto(url("casework:notifications"))
    assert_accessible(page)
    listing = page.locator(".notifications").inner_text()
    assert text["receipt"].format(number=case.number) in listing
    assert text["next"] in listing
    assert receipt.case == case
    (email,) = [m for m in mail.outbox if m.to == [clerk.email]]
    assert email.subject == text["receipt"].format(number=case.number)
    assert case.number in email.body
    assert text["next"] in email.body
    assert str(case.due_date.year) in email.body  # the deadline is in it


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_question_is_shown_above_the_answer_box(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast, language
):
    clerk, advisor = cast["clerk"], cast["advisor"]
    case = apply(new_request(cast["gmina"], clerk), "submit", clerk)
    case = apply(case, "accept", advisor)
    login_as(advisor)
    page.goto(url("casework:case-detail", case.pk))
    type_into(page, tab_to, "#id_request_info_question", "Prosimy o projekt umowy.")
    tab_to(page, "button[name=action][value=request_info]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Case.objects.get(pk=case.pk).status == "awaiting_info"

    login_as(clerk)
    in_language(page, url, switch_language, clerk, language)
    page.goto(url("casework:case-detail", case.pk))
    assert_accessible(page)
    question = page.locator("#open-question-provide_info")
    assert "Prosimy o projekt umowy." in question.inner_text()
    answer = page.locator("#id_provide_info_answer")
    assert question.bounding_box()["y"] < answer.bounding_box()["y"]
    # Its text is in the notification and the e-mail too.
    page.goto(url("casework:notifications"))
    assert "Prosimy o projekt umowy." in page.locator(".notifications").inner_text()
    assert any("Prosimy o projekt umowy." in m.body for m in mail.outbox if m.to == [clerk.email])
    # The clerk answers by keyboard, under the question.
    page.goto(url("casework:case-detail", case.pk))
    type_into(page, tab_to, "#id_provide_info_answer", "Projekt w załączeniu.")
    tab_to(page, "button[name=action][value=provide_info]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Case.objects.get(pk=case.pk).status == "in_review"  # back where it was asked
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_asks_a_reason_and_a_confirmation(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast, language
):
    text, clerk = TEXT[language], cast["clerk"]
    case = apply(new_request(cast["gmina"], clerk), "submit", clerk)
    login_as(clerk)
    in_language(page, url, switch_language, clerk, language)
    page.goto(url("casework:case-detail", case.pk))
    assert text["cannot_undo"] not in page.locator("#main").inner_text()
    type_into(page, tab_to, "#id_withdraw_reason", "Gmina rezygnuje z zamówienia.")
    tab_to(page, "button[name=action][value=withdraw]", 400)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The confirmation page: the case, the consequence, "cannot be undone", the reason.
    assert_accessible(page)
    main = page.locator("#main").inner_text()
    assert case.number in main
    assert text["cannot_undo"] in main
    assert page.input_value("textarea[name=reason]") == "Gmina rezygnuje z zamówienia."
    assert Case.objects.get(pk=case.pk).status == "submitted"
    press(page, tab_to, "button[name=action][value=withdraw]")

    case.refresh_from_db()
    assert case.status == "withdrawn"
    assert page.locator(".messages").inner_text().strip() == text["withdrawn"].format(
        number=case.number
    )
    assert "Gmina rezygnuje z zamówienia." in page.locator("#timeline").inner_text()
    assert_accessible(page)
    event = CaseEvent.objects.get(case=case, action="withdraw")
    assert case.comments.get(pk=event.data["comment"]).body == "Gmina rezygnuje z zamówienia."


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_race_loser_is_told_who_won_and_a_reload_posts_nothing(
    page, url, login_as, assert_accessible, tab_to, switch_language, cast, language
):
    text, advisor = TEXT[language], cast["advisor"]
    case = apply(new_request(cast["gmina"], cast["clerk"]), "submit", cast["clerk"])
    login_as(advisor)
    in_language(page, url, switch_language, advisor, language)
    page.goto(url("casework:case-detail", case.pk))
    # Anna Nowak claims the case while the page is open.
    apply(Case.objects.get(pk=case.pk), "accept", cast["winner"])
    events = CaseEvent.objects.filter(case=case).count()

    press(page, tab_to, "button[name=action][value=accept]")
    assert page.url == url("casework:case-detail", case.pk)  # redirected: a GET
    message = page.locator(".messages").inner_text()
    assert text["faster"] in message
    assert text["accepted"].format(number=case.number) in message
    assert_accessible(page)

    response = page.reload()
    assert response.request.method == "GET"
    assert response.status == 200
    assert page.locator(".messages").count() == 0  # said once
    assert CaseEvent.objects.filter(case=case).count() == events
    assert Case.objects.get(pk=case.pk).assignee == cast["winner"]
