"""The public verification page: codes and files checked against the register."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.constants import ERROR_CODE_FORMAT, ERROR_NOT_A_PDF

VERIFY = reverse("documents:verify")


@pytest.fixture
def issued(notice, issue):
    return issue(notice)


def pdf_bytes(document) -> bytes:
    with document.file.open("rb") as f:
        return f.read()


def check_code(client, code, lang="pl"):
    return client.get(VERIFY, {"code": code}, HTTP_ACCEPT_LANGUAGE=lang)


def check_file(client, content, lang="pl", name="dokument.pdf"):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(VERIFY, {"file": upload}, HTTP_ACCEPT_LANGUAGE=lang)


def test_page_is_public_and_offers_both_checks(client):
    response = client.get(VERIFY)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="code"' in page
    assert 'type="file"' in page


def test_genuine_code_is_confirmed_with_kind_number_version_and_no_personal_data(
    client, issued, notice
):
    page = check_code(client, issued.code_display).content.decode()
    assert "Dokument autentyczny" in page
    assert issued.number in page
    assert "To jest najnowsza wersja." in page
    assert notice.created_by.full_name not in page
    assert notice.created_by.email not in page


def test_code_is_forgiving_about_case_groups_and_look_alikes(client, issued):
    typed = issued.verification_code.lower().replace("0", "o").replace("1", "l")
    assert issued.number in check_code(client, f" {typed[:4]} {typed[4:]} ").content.decode()


def test_unknown_code_is_not_confirmed(client, issued):
    code = "ZZZZZZZZZZZZ" if issued.verification_code != "ZZZZZZZZZZZZ" else "YYYYYYYYYYYY"
    page = check_code(client, code).content.decode()
    assert "Niepotwierdzony" in page
    assert issued.number not in page


def test_malformed_code_is_a_form_error_not_a_lookup(client, issued):
    response = check_code(client, "abc", lang="en")
    assert response.status_code == 400
    assert str(ERROR_CODE_FORMAT) in response.content.decode()


def test_genuine_pdf_is_confirmed(client, issued):
    page = check_file(client, pdf_bytes(issued)).content.decode()
    assert "Dokument autentyczny" in page
    assert issued.number in page


def test_pdf_with_one_changed_byte_is_rejected(client, issued):
    content = bytearray(pdf_bytes(issued))
    content[len(content) // 2] ^= 0x01
    page = check_file(client, bytes(content)).content.decode()
    assert "Niepotwierdzony" in page
    assert issued.number not in page


def test_a_file_that_is_not_a_pdf_is_a_form_error(client):
    response = check_file(client, b"GIF89a...", lang="en")
    assert response.status_code == 400
    assert str(ERROR_NOT_A_PDF) in response.content.decode()


def test_newer_version_is_announced_for_an_old_code_and_an_old_file(client, notice, issue):
    old = issue(notice)
    new = issue(notice)
    page = check_code(client, old.code_display, lang="en").content.decode()
    assert "Genuine document" in page
    assert "A newer version exists:" in page
    assert f"version {new.version}" in page
    page = check_file(client, pdf_bytes(old), lang="en").content.decode()
    assert "A newer version exists:" in page
    page = check_code(client, new.code_display, lang="en").content.decode()
    assert "This is the latest version." in page


def test_english_page_reports_an_unknown_code(client, db):
    page = check_code(client, "ZZZZ-ZZZZ-ZZZY", lang="en").content.decode()
    assert "Not confirmed" in page


def test_pending_document_is_not_confirmed(client, notice):
    from documents.services import document_request

    document = document_request(kind="notice", source=notice, actor=None)
    assert "Niepotwierdzony" in check_code(client, document.code_display).content.decode()


def test_checks_are_rate_limited_per_address(client, issued, settings):
    settings.ESFLOW_VERIFY_CHECKS_PER_MINUTE = 3
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        assert check_code(client, issued.code_display).status_code == 200
    response = check_code(client, issued.code_display, lang="en")
    assert response.status_code == 429
    assert "Too many checks" in response.content.decode()
    assert issued.number not in response.content.decode()
    cache.clear()


def test_upload_is_not_kept(client, issued, media_root):
    before = sorted(p.name for p in media_root.rglob("*"))
    check_file(client, io.BytesIO(b"%PDF-1.7 fake").getvalue())
    assert sorted(p.name for p in media_root.rglob("*")) == before
