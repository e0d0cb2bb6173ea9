"""A generated document is a valid, text-searchable PDF/A with embedded fonts."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from .conftest import pdf_text
from .factories import POLISH


@pytest.fixture
def rendered(notice, issue):
    document = issue(notice)
    with document.file.open("rb") as f:
        return document, f.read()


def test_text_holds_numbers_and_polish_diacritics(rendered, notice):
    document, content = rendered
    text = pdf_text(content)
    assert POLISH in text
    assert notice.title in text
    assert notice.reference in text
    assert document.number in text
    assert document.code_display in text
    assert f"strona 1 z {document.pages}" in text


def test_qpdf_check_passes(rendered, tmp_path):
    _document, content = rendered
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metadata_declares_pdfa_and_srgb_output_intent(rendered):
    _document, content = rendered
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.pdfaid_part == "3"
    assert xmp.pdfaid_conformance == "B"
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert any(
        "sRGB" in str(intent.get_object()["/OutputConditionIdentifier"]) for intent in intents
    )
    # PDF/A requires a file identifier in the trailer
    assert len(reader.trailer["/ID"]) == 2


def test_pdf_is_tagged(rendered):
    _document, content = rendered
    root = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]


def test_every_font_is_embedded(rendered, tmp_path):
    _document, content = rendered
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = output.stdout.splitlines()[2:]
    assert rows, output.stdout
    for row in rows:
        # columns: name type encoding emb sub uni object-id
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), row


def test_register_row_records_hash_size_and_pages(rendered):
    import hashlib

    document, content = rendered
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.pages == len(PdfReader(io.BytesIO(content)).pages)
    assert document.template_version
    assert document.issued_at is not None


def test_long_table_keeps_every_row_in_order_across_pages(db, issue):
    from .factories import NoticeFactory

    notice = NoticeFactory(rows=[[f"Wiersz-{i:03d}", "źdźbło"] for i in range(1, 121)])
    document = issue(notice)
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert document.pages > 1
    positions = [text.index(f"Wiersz-{i:03d}") for i in range(1, 121)]
    assert positions == sorted(positions)
    assert "120 Wiersz-120" in text


def test_a_paragraph_separator_after_a_space_in_user_text_still_makes_the_document(db, issue):
    """WeasyPrint 70.0 stops its layout on a space followed by U+2029 (PARAGRAPH SEPARATOR),
    in any text; user text may hold one (pasted from a word processor). It is printed as the
    line break it stands for, and the document is made."""
    from documents.models import DocumentStatus

    from .factories import NoticeFactory

    notice = NoticeFactory(
        title="Tytuł \u2029drugi",
        body="Akapit pierwszy \u2029Akapit drugi",
        rows=[["Pozycja \u2029dalej", "Opis \u2029dalej"]],
    )
    document = issue(notice)
    assert document.status == DocumentStatus.READY
    with document.file.open("rb") as f:
        text = pdf_text(f.read())
    assert "Akapit pierwszy" in text
    assert "Akapit drugi" in text
    assert "\u2029" not in text
