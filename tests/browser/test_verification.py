"""The public verification page in a real browser: codes and files, Polish and English,
accessible; and a document page that updates itself when its PDF is ready."""

import pytest

from documents.services import document_render, document_request
from tests.documents.factories import NoticeFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def issue(notice):
    document = document_request(kind="notice", source=notice, actor=None, public=False)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def check_code(page, code):
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.click("#verify-code-form button[type=submit]")


def check_file(page, path):
    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("#verify-file-form button[type=submit]")


def result(page) -> str:
    return page.locator(".verify-result").inner_text()


def test_verification_in_polish_confirms_genuine_and_rejects_forged(
    page, url, assert_accessible, browser_problems, media, tmp_path
):
    notice = NoticeFactory()
    old = issue(notice)
    new = issue(notice)
    page.goto(url("documents:verify"))
    assert page.get_attribute("html", "lang") == "pl"
    assert_accessible(page)

    check_code(page, new.code_display.lower())
    assert "Dokument autentyczny" in result(page)
    assert new.number in result(page)
    assert "To jest najnowsza wersja." in result(page)
    assert_accessible(page)

    check_code(page, old.code_display)
    assert "Istnieje nowsza wersja" in result(page)
    assert_accessible(page)

    genuine = tmp_path / "genuine.pdf"
    with new.file.open("rb") as f:
        content = f.read()
    genuine.write_bytes(content)
    check_file(page, genuine)
    assert "Dokument autentyczny" in result(page)
    assert_accessible(page)

    forged = tmp_path / "forged.pdf"
    changed = bytearray(content)
    changed[len(changed) // 3] ^= 0x01
    forged.write_bytes(bytes(changed))
    check_file(page, forged)
    assert "Niepotwierdzony" in result(page)
    assert_accessible(page)

    check_code(page, "ZZZZ-ZZZZ-ZZZY")
    assert "Niepotwierdzony" in result(page)
    assert_accessible(page)

    # A malformed code is a form error (HTTP 400), shown next to the field.
    browser_problems.allow("status of 400")
    check_code(page, "abc")
    assert "Kod weryfikacyjny ma 12 liter" in page.locator(".errorlist").inner_text()
    assert_accessible(page)


def test_verification_in_english_says_a_newer_version_exists(
    page, url, assert_accessible, switch_language, media
):
    notice = NoticeFactory()
    old = issue(notice)
    issue(notice)
    page.goto(url("documents:verify"))
    switch_language(page, "en")
    assert page.locator("h1").inner_text() == "Verify a document"
    assert_accessible(page)
    check_code(page, old.code_display)
    assert "Genuine document" in result(page)
    assert "A newer version exists:" in result(page)
    assert_accessible(page)
    check_code(page, "ZZZZ-ZZZZ-ZZZY")
    assert "Not confirmed" in result(page)
    assert_accessible(page)


def test_document_page_updates_itself_when_the_pdf_is_ready(
    page, url, login_as, assert_accessible, media
):
    notice = NoticeFactory()
    document = document_request(kind="notice", source=notice, actor=None)
    login_as(notice.created_by)
    page.goto(url("documents:detail", document.pk))
    assert "przygotowywany" in page.locator("#document-status").inner_text()
    assert_accessible(page)
    document_render(document_id=document.pk)
    link = page.locator("#document-status a[href$='/pobierz/']")
    link.wait_for(timeout=10_000)
    assert "Pobierz PDF" in link.inner_text()
    assert_accessible(page)
