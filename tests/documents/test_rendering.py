"""The renderer's PDF-writing shortcuts change nothing in the document they write."""

import io
import subprocess

import pydyf
import pytest
from pypdf import PdfReader

from documents import rendering

from .conftest import pdf_text
from .factories import POLISH


def _document(rows: int = 60):
    """A laid-out WeasyPrint document (tagged PDF/A) with fixed dates, ready to write."""
    from weasyprint import HTML

    state = rendering.warm_up()
    cells = "".join(f"<tr><td>{i}</td><td>{POLISH} {i}</td></tr>" for i in range(rows))
    html = (
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>T</title></head>'
        f"<body><h1>{POLISH}</h1><table><thead><tr><th>Lp.</th><th>Opis</th></tr></thead>"
        f"<tbody>{cells}</tbody></table></body></html>"
    )
    document = HTML(
        string=html, base_url=rendering.base_url(), url_fetcher=state["fetcher"]
    ).render(
        font_config=state["font_config"],
        stylesheets=[state["stylesheet"]],
        **rendering.PDF_OPTIONS,
    )
    document.metadata.created = document.metadata.modified = "2026-11-29T12:00:00Z"
    return document


@pytest.mark.parametrize("rows", [5, 150])
def test_writing_each_object_once_gives_the_same_bytes(rows):
    document = _document(rows)
    assert len(document.pages) > 1 or rows == 5
    stock = document.write_pdf(**rendering.PDF_OPTIONS)
    once = document.write_pdf(finisher=rendering._write_objects_once, **rendering.PDF_OPTIONS)
    assert once == stock
    # and it is the file PDF/A needs: an identifier in the trailer
    assert len(PdfReader(io.BytesIO(once)).trailer["/ID"]) == 2


def test_page_references_are_those_of_pydyf():
    pdf = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
    stock = tuple(f"{n} 0 R".encode("ascii") for n in pdf.pages["Kids"][::3])
    assert rendering._page_references(pdf) == stock
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    # a page added later shows up (the cache follows the page count)
    assert len(rendering._page_references(pdf)) == 4
    assert rendering._page_references(pdf)[-1] == f"{pdf.pages['Kids'][-3]} 0 R".encode()


def test_streams_use_our_compression_level_and_the_file_stays_valid(tmp_path):
    pdf = rendering.render_pdf(_html_with_polish_text())
    # the zlib header's level bits: 0x9c is the default level (6), 0xda would be 9
    assert b"stream\n\x78\x9c" in pdf.content
    assert b"stream\n\x78\xda" not in pdf.content
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf.content)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert POLISH in pdf_text(pdf.content)


def test_a_render_leaves_no_cyclic_garbage_behind():
    import gc

    cells = "".join(f"<tr><td>{i}</td><td>{POLISH}</td></tr>" for i in range(60))
    html = _html_with_polish_text().replace("</body>", f"<table>{cells}</table></body>")
    rendering.render_pdf(html)
    gc.collect()
    rendering.render_pdf(html)
    # Left for later, the cycles of this render were ~90 objects (thousands at 3 pages).
    assert gc.collect() < 10


def _html_with_polish_text() -> str:
    return (
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>T</title></head>'
        f"<body><p>{POLISH}</p></body></html>"
    )
