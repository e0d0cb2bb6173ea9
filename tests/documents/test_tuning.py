"""The tuning of WeasyPrint and pydyf: installed once, taken out and put back for
comparisons, and invisible in the documents it writes (byte for byte)."""

import gc
import io

import pytest
from pypdf import PdfReader

from documents import rendering, tuning

from .tuning_support import notice_html, write

#: The modules whose documents are byte-identical to the libraries' own. ``borders`` draws
#: the same bands another way (compared as pictures in test_rendering.py); ``compression``
#: compresses at another level (checked in test_rendering.py).
IDENTICAL = tuple(n for n in tuning.MODULES if n not in ("compression", "borders"))


def test_every_module_is_installed():
    rendering.warm_up()
    assert tuning.installed()
    assert all(tuning.active(name) for name in tuning.MODULES)


def test_without_puts_the_libraries_own_code_back_for_the_block():
    import weasyprint.draw
    from weasyprint.draw.border import draw_border

    rendering.warm_up()
    assert weasyprint.draw.draw_border is not draw_border
    with tuning.without("borders"):
        assert weasyprint.draw.draw_border is draw_border
        assert not tuning.active("borders")
        assert tuning.active("cycles")
    assert weasyprint.draw.draw_border is not draw_border
    assert tuning.active("borders")


@pytest.mark.parametrize("rows", [3, 160])
def test_the_tuned_modules_write_the_same_bytes_as_the_libraries(rows):
    html = notice_html(rows)
    tuned = write(html, without=tuple(n for n in tuning.MODULES if n not in IDENTICAL))
    stock = write(html, without=tuning.MODULES)
    assert tuned == stock
    assert len(PdfReader(io.BytesIO(tuned)).pages) >= (5 if rows > 100 else 1)


def _cyclic_garbage_of_one_render(html, *, without=()):
    gc.collect()
    gc.disable()
    try:
        write(html, without=without)
        return gc.collect()
    finally:
        gc.enable()


def test_a_render_is_freed_without_the_cyclic_collector():
    """Nearly all of a laid-out document used to be cyclic garbage; with ``cycles`` only the
    HTML parser's tree is, and it does not grow with the layout (pages, lines, tables)."""
    html = notice_html(120)
    stock = _cyclic_garbage_of_one_render(html, without=("cycles",))
    tuned = _cyclic_garbage_of_one_render(html)
    assert tuned < stock / 8, (tuned, stock)


def test_a_failed_render_leaves_nothing_held(monkeypatch):
    """The render's context and tables are let go when a render fails half-way too."""
    import weasyprint.document

    from documents.tuning import cycles

    held = []

    def broken_layout(*args, **kwargs):
        held.extend(cycles._renders())
        raise RuntimeError("layout failed")

    rendering.warm_up()
    monkeypatch.setattr(weasyprint.document, "layout_document", broken_layout)
    with pytest.raises(RuntimeError):
        rendering.render_pdf(notice_html(5))
    assert len(held) == 1  # the context was recorded ...
    assert cycles._renders() == []  # ... and let go
    assert cycles._tables() == []
    assert held[0].__dict__ == {}


def test_a_render_outside_a_render_scope_is_not_held():
    """Only renders inside ``render_scope`` (as ``render_pdf``'s are) are recorded, so one
    made with WeasyPrint's API directly is never kept alive by ``cycles``."""
    from weasyprint import HTML

    from documents.tuning import cycles

    state = rendering.warm_up()
    HTML(
        string=notice_html(30), base_url=rendering.base_url(), url_fetcher=state["fetcher"]
    ).render(font_config=state["font_config"], stylesheets=[state["stylesheet"]])
    assert cycles._renders() == []
    assert cycles._tables() == []


def test_a_render_is_let_go_when_its_scope_ends_with_cycles_taken_out():
    from documents.tuning import cycles

    state = rendering.warm_up()
    scope = tuning.render_scope()
    scope.__enter__()
    rendering._render_pdf(notice_html(5), state)  # its own scope is nested: nothing let go
    assert cycles._renders()
    with tuning.without("cycles"):
        scope.__exit__(None, None, None)
    assert cycles._renders() == []
    assert cycles._tables() == []
