"""Correcting and revoking a document in a real browser: keyboard only, accessible, and the
confirmation steps work with JavaScript switched off."""

import pytest

from documents.models import Document
from documents.services import document_render, document_request
from tests.documents.factories import NoticeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def issue(notice):
    document = document_request(kind="notice", source=notice, actor=None, public=False)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def test_staff_correct_and_revoke_with_the_keyboard_and_verification_follows(
    page, url, login_as, assert_accessible, tab_to, browser_problems, media
):
    staff = UserFactory(is_staff=True)
    old = issue(NoticeFactory())
    login_as(staff)
    page.goto(url("documents:detail", old.pk))
    assert_accessible(page)

    tab_to(page, "a[href$='/korekta/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Wydanie wersji skorygowanej" in page.locator("h1").inner_text()
    assert_accessible(page)

    # Sent without a reason: the error summary, nothing issued (HTTP 400).
    browser_problems.allow("status of 400")
    tab_to(page, "#correct-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Podaj uzasadnienie." in page.locator("#error-summary").inner_text()
    assert Document.objects.count() == 1
    assert_accessible(page)

    tab_to(page, "#id_reason")
    page.keyboard.type("Błędna data wpływu.")
    tab_to(page, "#correct-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    new = Document.objects.get(version=2)
    assert "Zlecono wersję skorygowaną" in page.locator(".messages").inner_text()
    document_render(document_id=new.pk)
    new.refresh_from_db()
    page.goto(url("documents:detail", new.pk))
    assert "bieżąca" in page.locator("#document-versions").inner_text()
    assert "zastąpiona wersją 2" in page.locator("#document-versions").inner_text()
    assert_accessible(page)

    tab_to(page, "a[href$='/uniewaznij/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    tab_to(page, "#id_reason")
    page.keyboard.type("Wydany omyłkowo.")
    tab_to(page, "#revoke-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "został unieważniony" in page.locator(".messages").inner_text()
    assert_accessible(page)

    # The old code: genuine, a newer version exists; its link: revoked, and why.
    page.goto(url("documents:verify") + f"?code={old.code_display}")
    assert "Istnieje nowsza wersja" in page.locator(".verify-result").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.click("#verify-newer a")
    result = page.locator(".verify-result").inner_text()
    assert "Dokument unieważniony" in result
    assert "Uzasadnienie: Wydany omyłkowo." in result
    assert new.number in result
    assert_accessible(page)


def test_the_confirmations_work_without_javascript(browser, live_server, media):
    from django.conf import settings
    from django.test import Client

    staff = UserFactory(is_staff=True)
    document = issue(NoticeFactory())
    client = Client()
    client.force_login(staff)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/dokumenty/{document.pk}/korekta/")
        page.fill("#id_reason", "Błędna data wpływu.")
        with page.expect_navigation():
            page.click("#correct-form button[type=submit]")
        assert Document.objects.filter(version=2).exists()
        page.goto(f"{live_server.url}/dokumenty/{document.pk}/uniewaznij/")
        page.fill("#id_reason", "Wydany omyłkowo.")
        with page.expect_navigation():
            page.click("#revoke-form button[type=submit]")
        document.refresh_from_db()
        assert document.is_revoked
        assert "został unieważniony" in page.locator(".messages").inner_text()
    finally:
        context.close()
