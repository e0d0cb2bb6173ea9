"""Events in a real browser, by keyboard where a form is filled, axe-clean on every page, in
Polish and English: a visitor registers and confirms, the organiser checks them in, they
download their certificate; the calendar filters by module."""

import re

import pytest
from django.core import mail

from directory.constants import MembershipRole, OrganisationKind
from documents.services import document_render
from events.certificates import certificate_document
from events.constants import EventKind, Module
from events.models import Attendance, Certificate, Registration
from tests.events.conftest import make_event
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def immediate_outbox(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(transactional_db):
    rops = OrganisationFactory(kind=OrganisationKind.ROPS, name="ROPS w Kielcach")
    organiser = MembershipFactory(
        organisation=rops, role=MembershipRole.ADVISOR, user__full_name="Olga Organizatorka"
    ).user
    workshop = make_event(
        organiser=rops, kind=EventKind.WORKSHOP, module=Module.CLAUSES,
        title="Klauzule społeczne w praktyce", capacity=10,
    )  # fmt: skip
    fair = make_event(organiser=rops, kind=EventKind.FAIR, title="Targi ekonomii społecznej")
    return {"rops": rops, "organiser": organiser, "workshop": workshop, "fair": fair}


def link_in_last_mail(to: str, path_part: str) -> str:
    body = [m for m in mail.outbox if m.to == [to]][-1].body
    return re.search(rf"https?://\S+{path_part}\S*", body).group(0)


def fill_by_keyboard(page, tab_to, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.mark.parametrize("language", ["pl", "en"])
def test_register_confirm_check_in_and_download_the_certificate(
    page, url, cast, language, assert_accessible, tab_to, switch_language, login_as, live_server,
    settings,
):  # fmt: skip
    settings.ESFLOW_BASE_URL = live_server.url
    workshop = cast["workshop"]
    page.goto(url("events:list"))
    if language == "en":
        switch_language(page, "en")
    assert_accessible(page)
    page.select_option("#id_module", str(Module.CLAUSES))
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert "Klauzule społeczne w praktyce" in page.inner_text("main")
    assert "Targi ekonomii społecznej" not in page.inner_text("main")
    assert_accessible(page)

    with page.expect_navigation():
        page.click(f"a[href='/wydarzenia/{workshop.pk}/']")
    assert_accessible(page)
    with page.expect_navigation():
        page.click(f"a[href='/wydarzenia/{workshop.pk}/zapisy/']")
    assert_accessible(page)
    fill_by_keyboard(page, tab_to, "#id_name", "Ewa Uczestniczka")
    fill_by_keyboard(page, tab_to, "#id_email", "ewa@example.pl")
    fill_by_keyboard(page, tab_to, "#id_institution", "GOPS Masłów")
    tab_to(page, "#id_audience")
    page.select_option("#id_audience", "social_assistance")
    tab_to(page, "form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expected = {"pl": "Zgłoszenie przyjęte", "en": "Registration received"}[language]
    assert expected in page.inner_text("h1")
    assert_accessible(page)

    confirm_link = link_in_last_mail("ewa@example.pl", "/potwierdz/")
    page.goto(confirm_link)
    assert_accessible(page)
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    confirmed = {"pl": "Twoje miejsce jest potwierdzone", "en": "Your place is confirmed"}
    assert confirmed[language] in page.inner_text("main")
    assert Registration.objects.get().status == "confirmed"

    login_as(cast["organiser"])
    page.goto(url("events:participants", workshop.pk))
    assert_accessible(page)
    check_in = {"pl": "Odnotuj obecność: Ewa Uczestniczka", "en": "Check in Ewa Uczestniczka"}
    registration = Registration.objects.get()
    assert page.inner_text(f"#check-in-{registration.pk}") == check_in[language]
    tab_to(page, f"#check-in-{registration.pk}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Attendance.objects.count() == 1
    assert_accessible(page)
    issue = {"pl": "Wydaj zaświadczenia", "en": "Issue certificates"}[language]
    with page.expect_navigation():
        page.click(f"button:has-text('{issue}')")
    assert_accessible(page)

    certificate = Certificate.objects.get()
    document_render(document_id=certificate_document(certificate).pk)
    certificate_link = link_in_last_mail("ewa@example.pl", "/zaswiadczenie/")
    page.context.clear_cookies()
    with page.expect_download() as download_info:
        page.evaluate("(href) => { window.location.href = href; }", certificate_link)
    pdf = download_info.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"


def test_the_month_view_filters_by_module_in_english(
    page, url, cast, assert_accessible, switch_language
):
    page.goto(url("events:month"))
    switch_language(page, "en")
    page.goto(
        url("events:month") + "?m=" + cast["workshop"].sessions.get().starts_at.strftime("%Y-%m")
    )
    assert_accessible(page)
    page.select_option("#id_module", str(Module.CLAUSES))
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert "Klauzule społeczne w praktyce" in page.inner_text("main")
    assert "Targi ekonomii społecznej" not in page.inner_text("main")
    assert_accessible(page)
