"""Documents for comparing the tuned renderer with WeasyPrint's and pydyf's own code."""

import datetime
from contextlib import nullcontext
from types import SimpleNamespace

from documents import rendering, tuning
from documents.services import letterhead

from .factories import POLISH

PARAGRAPH = (
    f"Pchnąć w tę łódź jeża lub ośm skrzyń fig — {POLISH}. Regionalny Ośrodek Polityki "
    "Społecznej wspiera rozwój ekonomii społecznej w gminach. "
) * 4


def notice_html(rows: int, paragraphs: int = 2) -> str:
    """The notice template as production renders it: letterhead, running footer with page
    counters, QR image, headings, justified text and a table that breaks across pages."""
    table = [
        (n, f"Pozycja {n} — żółw", f"Opis pozycji {n}: źdźbło, ćma, łąka ({n * 7} zł)")
        for n in range(1, rows + 1)
    ]
    notice = SimpleNamespace(
        title=f"Komunikat — {POLISH}",
        reference="DOR/2026/0007",
        body="\n\n".join([PARAGRAPH] * paragraphs),
        rows=table,
    )
    document = SimpleNamespace(number="DOK/2026/000042", version=3, code_display="ABCD-EFGH-JKMN")
    url = rendering.verify_url(document.code_display)
    return rendering.render_html(
        "documents/notice.html",
        {
            "notice": notice,
            "rows": table,
            "title": notice.title,
            "reference": notice.reference,
            "document": document,
            "issued_on": datetime.date(2026, 11, 29),
            "verify_url": url,
            "qr_image": rendering.qr_data_uri(url),
            "letterhead": letterhead(),
        },
    )


def laid_out(html: str):
    """``html`` laid out as ``render_pdf`` lays it out (tagged PDF/A), with fixed dates."""
    from weasyprint import HTML

    state = rendering.warm_up()
    document = HTML(
        string=html, base_url=rendering.base_url(), url_fetcher=state["fetcher"]
    ).render(
        font_config=state["font_config"],
        stylesheets=[state["stylesheet"]],
        **rendering.PDF_OPTIONS,
    )
    document.metadata.created = document.metadata.modified = "2026-11-29T12:00:00Z"
    return document


def write(html: str, *, without: tuple[str, ...] = ()) -> bytes:
    """The tagged PDF/A of ``html`` with fixed dates, written as ``render_pdf`` writes it,
    with the named tuning modules taken out (``without=tuning.MODULES``: the libraries'
    own code throughout)."""
    rendering.warm_up()
    assert tuning.installed()
    with tuning.without(*without) if without else nullcontext(), tuning.render_scope():
        document = laid_out(html)
        return document.write_pdf(finisher=tuning.finisher, **rendering.PDF_OPTIONS)
