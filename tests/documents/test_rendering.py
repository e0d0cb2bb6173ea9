"""The renderer's PDF-writing shortcuts change nothing in the document they write."""

import io
import subprocess

import pydyf
import pytest
from pypdf import PdfReader

from documents import rendering, tuning
from documents.tuning import pdfwriter

from .conftest import pdf_text
from .factories import POLISH
from .tuning_support import laid_out


def _document(rows: int = 60):
    """A laid-out WeasyPrint document (tagged PDF/A) with fixed dates, ready to write."""
    cells = "".join(f"<tr><td>{i}</td><td>{POLISH} {i}</td></tr>" for i in range(rows))
    return laid_out(
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>T</title></head>'
        f"<body><h1>{POLISH}</h1><table><thead><tr><th>Lp.</th><th>Opis</th></tr></thead>"
        f"<tbody>{cells}</tbody></table></body></html>"
    )


@pytest.mark.parametrize("rows", [5, 150])
def test_writing_each_object_once_gives_the_same_bytes(rows):
    document = _document(rows)
    assert len(document.pages) > 1 or rows == 5
    stock = document.write_pdf(**rendering.PDF_OPTIONS)
    once = document.write_pdf(finisher=pdfwriter.finish, **rendering.PDF_OPTIONS)
    assert once == stock
    # and it is the file PDF/A needs: an identifier in the trailer
    assert len(PdfReader(io.BytesIO(once)).trailer["/ID"]) == 2


def test_page_references_are_those_of_pydyf():
    pdf = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_page(page)
    stock = tuple(f"{n} 0 R".encode("ascii") for n in pdf.pages["Kids"][::3])
    assert pdfwriter.page_references(pdf) == stock
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    # a page added later shows up (the cache follows the page count)
    assert len(pdfwriter.page_references(pdf)) == 4
    assert pdfwriter.page_references(pdf)[-1] == f"{pdf.pages['Kids'][-3]} 0 R".encode()


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


def _raster(pdf: bytes, tmp_path, name: str):
    from PIL import Image

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-singlefile", str(path), str(tmp_path / name)],
        check=True,
    )
    return Image.open(tmp_path / f"{name}.png").convert("L")


def test_one_sided_borders_look_as_weasyprint_draws_them(tmp_path):
    """The shortcut for a border on one side draws the same band; anything else (four
    sides, rounded corners, dashed) still goes through WeasyPrint's own drawing."""
    import weasyprint.draw
    from PIL import ImageChops
    from weasyprint.draw.border import draw_border

    rendering.warm_up()
    shortcut = weasyprint.draw.draw_border
    assert shortcut is not draw_border
    boxes = "".join(
        f'<div style="height: 10mm; margin: 4mm; {css}">{i}</div>'
        for i, css in enumerate(
            [
                "border-bottom: 2pt solid #888",
                "border-top: 3pt solid red",
                "border-left: 4pt solid rgba(0, 0, 255, 0.5)",
                "border-right: 1pt solid currentcolor; color: green",
                "border: 2pt solid #000",
                "border-bottom: 2pt dashed #000",
                "border-bottom: 6pt solid #000; border-radius: 4pt",
            ]
        )
    )
    html = _html_with_polish_text().replace("</body>", boxes + "</body>")
    try:
        weasyprint.draw.draw_border = draw_border
        stock = _raster(rendering.render_pdf(html).content, tmp_path, "stock")
    finally:
        weasyprint.draw.draw_border = shortcut
    ours = _raster(rendering.render_pdf(html).content, tmp_path, "ours")
    # At most the anti-aliasing of the bands' edges differs (a filled rectangle is snapped to
    # the pixel grid a little differently): a band missing, moved or in another colour would
    # put pixels off by 100 or more; here none is off by 96.
    histogram = ImageChops.difference(stock, ours).histogram()
    assert sum(histogram[96:]) == 0
    assert sum(histogram[8:]) < stock.width * stock.height / 100


def test_the_tuning_is_for_the_installed_libraries():
    """pyproject pins WeasyPrint and pydyf to the versions the tuning replaces internals of;
    an upgrade of either makes this fail until the tuning is checked against it."""
    assert tuning.applies(), (tuning.versions(), tuning.TUNED_FOR)
