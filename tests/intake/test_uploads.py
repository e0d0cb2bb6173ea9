"""Attachments are accepted by content, not by name, and a refused file stores nothing."""

import hashlib
import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage

from casework import uploads
from casework.uploads import (
    UPLOAD_ACTIVE_CONTENT,
    UPLOAD_BAD_NAME,
    UPLOAD_BOMB,
    UPLOAD_EMPTY,
    UPLOAD_EXTENSION_MISMATCH,
    UPLOAD_NO_EXTENSION,
    UPLOAD_NO_NAME,
    UPLOAD_PLAIN_ZIP,
    UPLOAD_TOO_BIG,
    UPLOAD_UNKNOWN_CONTENT,
    AttachmentField,
    FileKind,
    inspect_upload,
    random_storage_name,
    sanitise_name,
    upload_store,
)

from .files import (
    MINIMAL_PDF,
    docm_bytes,
    docx_bytes,
    image_bytes,
    odf_bytes,
    ods_bytes,
    odt_bytes,
    upload,
    xlsx_bytes,
    zip_bytes,
)

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
)
SVG_WITH_XML_DECLARATION = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>fetch('/x')</script></body></html>"


def refusal(file_name, content, **kwargs):
    with pytest.raises(ValidationError) as caught:
        inspect_upload(upload(file_name, content), **kwargs)
    return caught.value


def assert_refused_with(error: ValidationError, message) -> None:
    assert error.messages, "a refusal must carry a message"
    assert error.error_list[0].message == message


# --- accepted files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "kind", "content_type"),
    [
        ("opinia.pdf", lambda: MINIMAL_PDF, FileKind.PDF, "application/pdf"),
        (
            "projekt umowy.docx",
            docx_bytes,
            FileKind.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "kosztorys.xlsx",
            xlsx_bytes,
            FileKind.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("opis.odt", odt_bytes, FileKind.ODT, "application/vnd.oasis.opendocument.text"),
        (
            "budżet.ods",
            ods_bytes,
            FileKind.ODS,
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("zdjęcie.jpg", lambda: image_bytes("JPEG"), FileKind.JPEG, "image/jpeg"),
        ("zdjęcie.JPEG", lambda: image_bytes("JPEG"), FileKind.JPEG, "image/jpeg"),
        ("mapa.png", lambda: image_bytes("PNG"), FileKind.PNG, "image/png"),
    ],
)
def test_accepted_kinds_are_recognised_by_content(name, build, kind, content_type):
    content = build()
    inspected = inspect_upload(upload(name, content))
    assert inspected.kind == kind
    assert inspected.content_type == content_type
    assert inspected.size == len(content)
    assert inspected.sha256 == hashlib.sha256(content).hexdigest()
    assert inspected.safe_name == name


def test_inspection_leaves_the_file_ready_to_be_stored():
    file = upload("opis.odt", odt_bytes())
    inspect_upload(file)
    assert file.tell() == 0


# --- too big -----------------------------------------------------------------------------


def test_file_over_the_configured_limit_is_refused(settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = len(MINIMAL_PDF) - 1
    assert_refused_with(refusal("opinia.pdf", MINIMAL_PDF), UPLOAD_TOO_BIG)


def test_file_exactly_at_the_limit_is_accepted(settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = len(MINIMAL_PDF)
    assert inspect_upload(upload("opinia.pdf", MINIMAL_PDF)).size == len(MINIMAL_PDF)


def test_image_over_the_limit_is_refused(settings):
    content = image_bytes("PNG", (64, 64))
    settings.ESFLOW_UPLOAD_MAX_BYTES = 100
    assert_refused_with(refusal("mapa.png", content), UPLOAD_TOO_BIG)


def test_file_whose_declared_size_lies_is_measured_while_read(settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = 1000
    file = upload("opinia.pdf", MINIMAL_PDF + b"%" * 2000)
    file.size = 10  # a client (or a bug) may claim anything
    with pytest.raises(ValidationError) as caught:
        inspect_upload(file)
    assert_refused_with(caught.value, UPLOAD_TOO_BIG)


def test_default_limit_is_ten_megabytes(settings):
    del settings.ESFLOW_UPLOAD_MAX_BYTES
    assert uploads.upload_max_bytes() == 10 * 1024 * 1024


def test_too_big_message_names_the_limit(settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    error = refusal("duży.pdf", MINIMAL_PDF + b" " * (10 * 1024 * 1024))
    assert "10" in error.messages[0]


# --- wrong content behind a good extension -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("opinia.pdf", lambda: image_bytes("PNG"), UPLOAD_EXTENSION_MISMATCH),
        ("zdjecie.jpg", lambda: MINIMAL_PDF, UPLOAD_EXTENSION_MISMATCH),
        ("umowa.docx", xlsx_bytes, UPLOAD_EXTENSION_MISMATCH),
        ("tabela.xlsx", odt_bytes, UPLOAD_EXTENSION_MISMATCH),
        ("mapa.png", lambda: image_bytes("JPEG"), UPLOAD_EXTENSION_MISMATCH),
        ("umowa.docx", lambda: b"Just some plain text pretending to be Word.", None),
        ("mapa.png", lambda: b"\x00\x01\x02 random bytes \xff\xfe", None),
        ("program.pdf", lambda: b"MZ\x90\x00\x03\x00\x00\x00 an executable", None),
    ],
)
def test_content_that_does_not_match_its_extension_is_refused(name, build, message):
    error = refusal(name, build())
    assert_refused_with(error, message or UPLOAD_UNKNOWN_CONTENT)


def test_mismatch_message_says_what_the_file_really_is():
    error = refusal("opinia.pdf", image_bytes("PNG"))
    assert "PNG" in error.messages[0]
    assert ".png" in error.messages[0]


def test_name_without_extension_is_refused_with_the_expected_one():
    error = refusal("opinia", MINIMAL_PDF)
    assert_refused_with(error, UPLOAD_NO_EXTENSION)
    assert ".pdf" in error.messages[0]


def test_png_header_with_broken_body_is_refused_as_damaged():
    error = refusal("mapa.png", image_bytes("PNG")[:40])
    assert error.error_list[0].code == "damaged"


def test_a_zip_version_zipfile_cannot_read_is_refused_not_an_error():
    """Found by the property test: a member needing "zip file version 6.4" made zipfile
    raise NotImplementedError, which reached the user as a 500."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("[Content_Types].xml")
        info.extract_version = 64
        archive.writestr(info, b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
    error = refusal("pismo.docx", buffer.getvalue())
    assert error.error_list[0].code == "unknown"


def test_pdf_without_end_marker_is_refused_as_damaged():
    error = refusal("opinia.pdf", MINIMAL_PDF.replace(b"%%EOF", b""))
    assert error.error_list[0].code == "damaged"


# --- empty -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["opinia.pdf", "umowa.docx", "zdjecie.png"])
def test_empty_file_is_refused(name):
    assert_refused_with(refusal(name, b""), UPLOAD_EMPTY)


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "..\\..\\windows\\opinia.pdf",
        "../../etc/opinia.pdf",
        "folder/opinia.pdf",
        "..",
        "opinia\x00.pdf",
        "opinia\n.pdf",
        "opi\x1bnia.pdf",
        "zdj\u202egpj.pdf",  # right-to-left override disguising the extension
    ],
)
def test_name_with_a_path_or_control_characters_is_refused(name):
    # Passed as name= because UploadedFile itself already drops a POSIX directory part.
    assert_refused_with(refusal("x.pdf", MINIMAL_PDF, name=name), UPLOAD_BAD_NAME)


def test_backslash_path_in_the_file_name_itself_is_refused():
    assert_refused_with(refusal("..\\..\\opinia.pdf", MINIMAL_PDF), UPLOAD_BAD_NAME)


def test_control_characters_in_the_file_name_itself_are_refused():
    assert_refused_with(refusal("opinia\r\n.pdf", MINIMAL_PDF), UPLOAD_BAD_NAME)


@pytest.mark.parametrize("raw", ["   ", ". . .", ".", "..."])
def test_name_with_nothing_usable_is_refused(raw):
    with pytest.raises(ValidationError) as caught:
        sanitise_name(raw)
    assert_refused_with(caught.value, UPLOAD_NO_NAME)


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("Opinia  końcowa.pdf", "Opinia końcowa.pdf"),
        ("  Zażółć gęślą jaźń .pdf ", "Zażółć gęślą jaźń.pdf"),
        ("raport: wersja 2?.pdf", "raport_ wersja 2_.pdf"),
        (".pdf", "plik.pdf"),
        ("...pdf", "plik.pdf"),
        ("wniosek.", "wniosek"),
    ],
)
def test_names_are_tidied_and_keep_polish_letters(raw, safe):
    assert sanitise_name(raw) == safe


def test_decomposed_letters_are_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Łódź-zażółć.pdf")
    assert decomposed != "Łódź-zażółć.pdf"
    assert sanitise_name(decomposed) == "Łódź-zażółć.pdf"


def test_long_name_is_cut_but_keeps_its_extension():
    safe = sanitise_name("a" * 400 + ".docx")
    assert len(safe) == uploads.NAME_MAX_LENGTH
    assert safe.endswith(".docx")


# --- markup that can run code ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", SVG_WITH_SCRIPT),
        ("logo.png", SVG_WITH_SCRIPT),
        ("logo.jpg", SVG_WITH_XML_DECLARATION),
        ("opinia.pdf", HTML_PAGE),
        ("strona.html", HTML_PAGE),
        ("notatka.pdf", b"\xef\xbb\xbf  <script>alert(1)</script>"),
        ("umowa.docx", "<html>".encode("utf-16-le") + b"\x00" * 4),
    ],
)
def test_script_bearing_svg_or_html_is_refused(name, content):
    assert_refused_with(refusal(name, content), UPLOAD_ACTIVE_CONTENT)


def test_word_document_with_macros_is_refused():
    assert_refused_with(refusal("umowa.docx", docm_bytes()), UPLOAD_ACTIVE_CONTENT)


def test_odf_document_with_basic_macros_is_refused():
    content = odf_bytes(
        "application/vnd.oasis.opendocument.text",
        extra=[("Basic/Standard/Module1.xml", b"<script/>")],
    )
    assert_refused_with(refusal("opis.odt", content), UPLOAD_ACTIVE_CONTENT)


# --- ZIP posing as a document --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("umowa.docx", zip_bytes([("umowa.txt", b"tekst umowy")])),
        ("umowa.docx", zip_bytes([("word/document.xml", b"<w:document/>")])),
        ("umowa.docx", zip_bytes([("[Content_Types].xml", b"<Types/>"), ("a.xml", b"<a/>")])),
        ("tabela.xlsx", zip_bytes([("xl/workbook.xml", b"<workbook/>")])),
        (
            "prezentacja.docx",
            zip_bytes(
                [
                    ("[Content_Types].xml", b"presentationml.presentation.main+xml"),
                    ("ppt/presentation.xml", b"<p/>"),
                ]
            ),
        ),
        # ODF whose mimetype entry is compressed, or not first: not a valid package
        ("opis.odt", odf_bytes("application/vnd.oasis.opendocument.text", stored=False)),
        ("archiwum.zip", zip_bytes([("a.pdf", MINIMAL_PDF)])),
    ],
)
def test_zip_posing_as_a_document_is_refused(name, content):
    assert_refused_with(refusal(name, content), UPLOAD_PLAIN_ZIP)


def test_odf_of_another_kind_is_refused():
    content = odf_bytes("application/vnd.oasis.opendocument.presentation")
    assert_refused_with(refusal("slajdy.odt", content), UPLOAD_UNKNOWN_CONTENT)


def test_truncated_zip_is_refused():
    assert refusal("umowa.docx", docx_bytes()[:60]).error_list[0].message in (
        UPLOAD_PLAIN_ZIP,
        UPLOAD_UNKNOWN_CONTENT,
    )


# --- bombs ----------------------------------------------------------------------------------


def test_zip_with_a_hugely_compressed_entry_is_refused():
    content = zip_bytes(
        [
            ("[Content_Types].xml", b"wordprocessingml.document.main+xml"),
            ("word/document.xml", b"\x00" * (3 * 1024 * 1024)),
        ]
    )
    assert_refused_with(refusal("umowa.docx", content), UPLOAD_BOMB)


def test_zip_with_absurdly_many_entries_is_refused():
    entries = [(f"word/media/{i}.xml", b"") for i in range(uploads.ZIP_MAX_ENTRIES + 1)]
    content = zip_bytes([("[Content_Types].xml", b"x"), *entries])
    assert_refused_with(refusal("umowa.docx", content), UPLOAD_BOMB)


def test_zip_unpacking_to_too_many_bytes_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_UNCOMPRESSED_BYTES", 1000)
    assert_refused_with(refusal("kosztorys.xlsx", xlsx_bytes()), UPLOAD_BOMB)


def test_image_with_absurd_dimensions_is_refused(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    assert_refused_with(refusal("mapa.png", image_bytes("PNG", (12, 12))), UPLOAD_BOMB)
    assert_refused_with(refusal("mapa.jpg", image_bytes("JPEG", (40, 40))), UPLOAD_BOMB)


# --- the form field and storage -----------------------------------------------------------


class AttachmentForm(forms.Form):
    file = AttachmentField(label="Załącznik")


def submit_attachment(storage, name, content):
    """What the attachment service will do: validate the form, store only if valid."""
    form = AttachmentForm(data={}, files={"file": upload(name, content)})
    if form.is_valid():
        return form, upload_store(uploaded_file=form.cleaned_data["file"], storage=storage)
    return form, None


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path / "media")


def stored_files(storage) -> list:
    root = storage.location
    import pathlib

    return [p for p in pathlib.Path(root).rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("opinia.pdf", b""),
        ("opinia.pdf", image_bytes("PNG")),
        ("logo.png", SVG_WITH_SCRIPT),
        ("umowa.docx", zip_bytes([("umowa.txt", b"tekst")])),
        ("..\\opinia.pdf", MINIMAL_PDF),
        ("umowa.docx", docm_bytes()),
    ],
)
def test_refused_upload_is_a_form_error_and_stores_nothing(storage, name, content):
    form, stored = submit_attachment(storage, name, content)
    assert not form.is_valid()
    assert form.errors["file"]
    assert stored is None
    assert stored_files(storage) == []


def test_too_big_upload_is_a_form_error_and_stores_nothing(storage, settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = 50
    form, stored = submit_attachment(storage, "opinia.pdf", MINIMAL_PDF)
    assert str(form.errors["file"][0]).startswith(str(UPLOAD_TOO_BIG).split("%")[0])
    assert stored is None
    assert stored_files(storage) == []


def test_empty_upload_shows_our_message_not_djangos(storage):
    form, _stored = submit_attachment(storage, "opinia.pdf", b"")
    assert form.errors["file"] == [str(UPLOAD_EMPTY)]


def test_accepted_upload_is_stored_under_a_random_name(storage):
    form, stored = submit_attachment(storage, "Opinia gminy Kielce.pdf", MINIMAL_PDF)
    assert form.is_valid()
    inspected = form.cleaned_data["file"].inspected
    assert inspected.safe_name == "Opinia gminy Kielce.pdf"
    assert stored.startswith("attachments/")
    assert "Opinia" not in stored
    assert not stored.endswith(".pdf")
    files = stored_files(storage)
    assert len(files) == 1
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == inspected.sha256


def test_storage_names_are_random_and_dated():
    first, second = random_storage_name(), random_storage_name()
    assert first != second
    prefix, year, token = first.split("/")
    assert prefix == "attachments"
    assert len(year) == 4
    assert year.isdigit()
    assert len(token) == 32


def test_attachment_field_tells_what_is_accepted_and_the_limit(settings):
    settings.ESFLOW_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    field = AttachmentForm()["file"]
    assert "5" in str(field.help_text)
    assert 'accept=".pdf,.docx,.xlsx,.odt,.ods,.jpg,.jpeg,.png"' in str(field)


def test_download_is_an_attachment_with_the_original_name_and_nosniff(storage):
    form, stored = submit_attachment(storage, "Opinia \u2013 Łódź.pdf", MINIMAL_PDF)
    inspected = form.cleaned_data["file"].inspected
    response = uploads.attachment_response(
        storage_name=stored,
        original_name=inspected.safe_name,
        content_type=inspected.content_type,
        storage=storage,
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''Opinia%20%E2%80%93%20%C5%81%C3%B3d%C5%BA.pdf"
        in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    response.file_to_stream.close()  # not response.close(): that signals request_finished
