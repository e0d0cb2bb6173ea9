"""Uploads through the case page: the accepted kinds are stored once with their hash; every
refusal class answers with a clear message and leaves no file and no row."""

import hashlib
import pathlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.models import Attachment
from casework.uploads import (
    UPLOAD_ACTIVE_CONTENT,
    UPLOAD_EMPTY,
    UPLOAD_EXTENSION_MISMATCH,
    UPLOAD_PLAIN_ZIP,
    UPLOAD_TOO_BIG,
    UPLOAD_UNKNOWN_CONTENT,
)
from tests.intake.files import (
    MINIMAL_PDF,
    docx_bytes,
    image_bytes,
    odf_bytes,
    odt_bytes,
    xlsx_bytes,
    zip_bytes,
)

from .helpers import apply, new_request

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML_PAGE = b"<!DOCTYPE html><html><body><script>fetch('/x')</script></body></html>"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_in(root) -> list[pathlib.Path]:
    return [p for p in pathlib.Path(root).rglob("*") if p.is_file()]


@pytest.fixture
def case(clock, gmina, clerk):
    return apply(new_request(gmina, clerk), "submit", clerk)


def upload(client, case, name, content):
    url = reverse("casework:attachment-upload", args=[case.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "build", "content_type"),
    [
        ("projekt OPZ.pdf", lambda: MINIMAL_PDF, "application/pdf"),
        (
            "umowa.docx",
            docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "kosztorys.xlsx",
            xlsx_bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("opis.odt", odt_bytes, "application/vnd.oasis.opendocument.text"),
        ("zdjęcie stołówki.jpg", lambda: image_bytes("JPEG"), "image/jpeg"),
        ("mapa.png", lambda: image_bytes("PNG"), "image/png"),
    ],
)
def test_accepted_kinds_are_stored_once_with_their_hash(
    client, case, clerk, media, name, build, content_type
):
    content = build()
    client.force_login(clerk)
    response = upload(client, case, name, content)
    assert response.status_code == 302
    attachment = Attachment.objects.get(case=case)
    assert (attachment.original_name, attachment.content_type) == (name, content_type)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.uploaded_by == clerk
    (stored,) = files_in(media)
    assert stored.read_bytes() == content
    assert name not in str(stored)
    download = client.get(reverse("casework:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == content


REFUSALS = [
    # too big (the limit is lowered to 64 bytes in the test)
    ("too_big", "opinia.pdf", MINIMAL_PDF + b" " * 100, UPLOAD_TOO_BIG),
    ("too_big", "mapa.png", image_bytes("PNG", (64, 64)), UPLOAD_TOO_BIG),
    ("too_big", "umowa.docx", docx_bytes(), UPLOAD_TOO_BIG),
    # wrong content behind a good extension
    ("mismatch", "opinia.pdf", image_bytes("PNG"), UPLOAD_EXTENSION_MISMATCH),
    ("mismatch", "zdjecie.jpg", MINIMAL_PDF, UPLOAD_EXTENSION_MISMATCH),
    ("mismatch", "umowa.docx", b"Zwykly tekst udajacy dokument Worda.", UPLOAD_UNKNOWN_CONTENT),
    # empty
    ("empty", "opinia.pdf", b"", UPLOAD_EMPTY),
    ("empty", "umowa.docx", b"", UPLOAD_EMPTY),
    ("empty", "mapa.png", b"", UPLOAD_EMPTY),
    # script-bearing SVG or HTML
    ("script", "logo.svg", SVG_WITH_SCRIPT, UPLOAD_ACTIVE_CONTENT),
    ("script", "logo.png", SVG_WITH_SCRIPT, UPLOAD_ACTIVE_CONTENT),
    ("script", "strona.pdf", HTML_PAGE, UPLOAD_ACTIVE_CONTENT),
    # a ZIP posing as DOCX
    ("zip", "umowa.docx", zip_bytes([("umowa.txt", b"tekst umowy")]), UPLOAD_PLAIN_ZIP),
    ("zip", "umowa.docx", zip_bytes([("word/document.xml", b"<w:document/>")]), UPLOAD_PLAIN_ZIP),
    (
        "zip",
        "opis.odt",
        odf_bytes("application/vnd.oasis.opendocument.text", stored=False),
        UPLOAD_PLAIN_ZIP,
    ),
]


def message_start(message) -> str:
    return str(message).split("%")[0][:30]


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"), REFUSALS, ids=[f"{r[0]}-{r[1]}" for r in REFUSALS]
)
def test_refused_upload_says_why_and_stores_nothing(
    client, case, clerk, media, settings, kind, name, content, message
):
    if kind == "too_big":
        settings.ESFLOW_UPLOAD_MAX_BYTES = 64
    client.force_login(clerk)
    response = upload(client, case, name, content)
    assert response.status_code == 400
    assert message_start(message) in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert Attachment.objects.count() == 0
    assert files_in(media) == []


def raw_multipart(name: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body written by hand: the test client would strip a path from the name."""
    boundary = "esflowBoundary7MA4YWxkTrZu0gW"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("name", ["..", "../..", "..\x07", "/", "\\"])
def test_name_that_is_only_a_path_or_control_characters_is_refused(
    client, case, clerk, media, name
):
    """Django's parser strips directory parts and unprintable characters before we see the
    name; what is left of these is nothing, and the upload is refused."""
    client.force_login(clerk)
    body, content_type = raw_multipart(name, MINIMAL_PDF)
    url = reverse("casework:attachment-upload", args=[case.pk])
    response = client.generic("POST", url, body, content_type=content_type)
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert Attachment.objects.count() == 0
    assert files_in(media) == []


@pytest.mark.parametrize(
    "name", ["../../etc/opinia.pdf", "..\\..\\windows\\opinia.pdf", "opi\x1bnia\u202e.pdf"]
)
def test_a_path_or_control_characters_never_reach_the_disk_or_the_record(
    client, case, clerk, media, name
):
    client.force_login(clerk)
    body, content_type = raw_multipart(name, MINIMAL_PDF)
    url = reverse("casework:attachment-upload", args=[case.pk])
    client.generic("POST", url, body, content_type=content_type)
    for attachment in Attachment.objects.all():
        assert "/" not in attachment.original_name
        assert "\\" not in attachment.original_name
        assert all(c.isprintable() for c in attachment.original_name)
    for stored in files_in(media):
        assert pathlib.Path(media) in stored.parents
        assert "opinia" not in stored.name


def test_a_requester_cannot_add_an_internal_attachment(client, case, clerk, media):
    client.force_login(clerk)
    url = reverse("casework:attachment-upload", args=[case.pk])
    response = client.post(
        url, {"file": SimpleUploadedFile("a.pdf", MINIMAL_PDF), "visibility": "internal"}
    )
    # The field is not offered to the requester: the upload is external.
    assert response.status_code == 302
    assert Attachment.objects.get().visibility == "external"


def test_internal_attachments_are_for_staff_only(client, case, clerk, advisor, media):
    apply(case, "accept", advisor)
    client.force_login(advisor)
    url = reverse("casework:attachment-upload", args=[case.pk])
    client.post(
        url, {"file": SimpleUploadedFile("notatka.pdf", MINIMAL_PDF), "visibility": "internal"}
    )
    attachment = Attachment.objects.get()
    assert attachment.is_internal
    client.force_login(clerk)
    assert client.get(reverse("casework:attachment", args=[attachment.pk])).status_code == 404
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert "notatka.pdf" not in page
    client.force_login(advisor)
    assert client.get(reverse("casework:attachment", args=[attachment.pk])).status_code == 200


def test_an_answer_carries_its_attachment_and_a_refused_file_stores_nothing(
    client, case, clerk, advisor, media
):
    apply(case, "accept", advisor)
    apply(case.__class__.objects.get(pk=case.pk), "request_info", advisor, question="OPZ?")
    client.force_login(clerk)
    url = reverse("casework:case-transition", args=[case.pk, "provide_info"])
    refused = client.post(
        url,
        {
            "seen_status": "awaiting_info",
            "answer": "W załączeniu.",
            "file": SimpleUploadedFile("opz.pdf", image_bytes("PNG")),
        },
    )
    assert refused.status_code == 400
    assert (Attachment.objects.count(), files_in(media)) == (0, [])
    assert case.__class__.objects.get(pk=case.pk).status == "awaiting_info"
    accepted = client.post(
        url,
        {
            "seen_status": "awaiting_info",
            "answer": "W załączeniu.",
            "file": SimpleUploadedFile("opz.pdf", MINIMAL_PDF),
        },
    )
    assert accepted.status_code == 302
    assert Attachment.objects.get().original_name == "opz.pdf"
    assert case.__class__.objects.get(pk=case.pk).status == "in_review"
