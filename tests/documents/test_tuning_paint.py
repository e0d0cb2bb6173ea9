"""``tuning.paint``, ``paint_stream`` and ``paint_bytes``: pages painted with the same bytes
as WeasyPrint's and pydyf's own code, for text our notice does not have too; WeasyPrint's own
code for every line the fast path does not draw; the stream's context managers behave as
WeasyPrint's; pydyf's values written as pydyf writes them."""

import pydyf
import pytest

from documents import rendering, tuning
from documents.tuning import paint, paint_bytes

from .factories import POLISH
from .tuning_support import notice_html, write

OURS = ("paint", "paint_stream", "paint_bytes")

LOREM = (
    "Regionalny Ośrodek Polityki Społecznej wspiera rozwój ekonomii społecznej w gminach "
    "i powiatach województwa, zażółć gęślą jaźń. "
) * 3


def _html(body: str, css: str = "") -> str:
    return (
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>T</title>'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )


#: Text our notice does not have: each is compared byte for byte with WeasyPrint's code.
CASES = {
    "justified": _html(f"<p style='text-align: justify'>{LOREM}</p>" * 3),
    "long words that wrap": _html(
        "<p style='width: 30mm; overflow-wrap: anywhere'>"
        + "Konstantynopolitańczykowianeczka" * 6
        + "</p><p style='width: 40mm; hyphens: auto' lang='pl'>"
        + "niedźwiedziowatość przeciwbólowych najzupełniejszymi " * 8
        + "</p>"
    ),
    "fonts and sizes in one line": _html(
        f"<p>{POLISH} <b>pogrubione {POLISH}</b> <i>kursywa</i> "
        "<code style='font-family: DejaVu Sans Mono'>kod 0123</code> "
        "<span style='font-size: 20pt'>duże</span> <small>małe</small> "
        "<span style='font-family: DejaVu Serif'>szeryfowe</span></p>" * 4
    ),
    "letter and word spacing, small caps, tabs": _html(
        f"<p style='letter-spacing: 1.5px; word-spacing: 4px'>{LOREM}</p>"
        f"<p style='font-variant: small-caps'>{LOREM}</p>"
        "<pre>a\tb\tc\nźdźbło\tłąka</pre>"
    ),
    "right to left": _html(
        "<p dir='rtl'>שלום עולם, זהו טקסט בעברית עם מספרים 123.</p>"
        "<p dir='rtl' lang='ar'>مرحبا بالعالم، هذا نص عربي.</p>"
        f"<p>{POLISH} שלום {POLISH}</p>"
    ),
    "zero-width and soft hyphens": _html(
        "<p style='width: 35mm'>roz\u00adwój\u200bekonomii\u200b społecz\u00adnej "
        "a\u200db\u2060c wspiera\u00ad\u00adrozwój</p>" * 3
    ),
    "combining marks (glyph offsets)": _html(
        "<p>e\u0301 a\u0328 o\u0308\u0301 Z\u0307 n\u0303\u0323 q\u0331\u0301</p>" * 3
    ),
    "missing glyphs": _html(
        f"<p>{POLISH} \ue000 \U0001f600 \u2603 {POLISH}</p><p>{LOREM}</p><p>\U0001f600{POLISH}</p>"
    ),
    "ellipsis": _html(
        "<p style='width: 30mm; white-space: nowrap; overflow: hidden; "
        f"text-overflow: ellipsis'>{LOREM}</p>"
        f"<p style='width: 40mm; line-clamp: 2'>{LOREM}</p>"
        f"<p style='width: 40mm; max-lines: 2; block-ellipsis: \"(…)\"'>{LOREM}</p>"
    ),
    "decorations and super/subscripts": _html(
        f"<p><u>{POLISH}</u> <s>{POLISH}</s> x<sup>2</sup> H<sub>2</sub>O "
        "<span style='font-variant-position: super'>wysoko</span> "
        "<span style='text-decoration: overline'>nad</span></p>"
    ),
    "lists, hidden and coloured text": _html(
        f"<ul><li>{POLISH}</li><li style='list-style-position: inside'>{LOREM}</li></ul>"
        "<ol start='9'><li>dziewięć</li><li>dziesięć</li></ol>"
        f"<p>widać <span style='visibility: hidden'>{POLISH}</span> "
        f"<span style='color: #c00'>czerwony</span> <a href='#x'>łącze</a></p>"
        "<p style='color: rgb(0 0 0 / 50%)'>półprzezroczysty</p>"
    ),
    "svg text": _html(
        "<svg width='200' height='60' xmlns='http://www.w3.org/2000/svg'>"
        f"<text x='5' y='20'>{POLISH}</text>"
        "<text x='5' y='45' letter-spacing='2'>źdźbło ćma łąka</text></svg>"
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_text_is_painted_as_weasyprint_paints_it(case):
    html = CASES[case]
    assert write(html) == write(html, without=OURS)


def test_a_notice_that_breaks_across_pages_is_the_same():
    html = notice_html(90)
    assert write(html) == write(html, without=OURS)


def _spied_original(monkeypatch):
    """WeasyPrint's ``draw_first_line`` behind the fast path, with a list of the text of
    every line handed to it."""
    original = paint._ORIGINAL["draw_first_line"]
    handed = []

    def spy(stream, textbox, *args):
        handed.append(textbox.text)
        return original(stream, textbox, *args)

    monkeypatch.setitem(paint._ORIGINAL, "draw_first_line", spy)
    return handed


def test_plain_lines_do_not_reach_weasyprints_code(monkeypatch):
    rendering.warm_up()
    handed = _spied_original(monkeypatch)
    write(CASES["fonts and sizes in one line"] + CASES["justified"])
    assert handed == []


@pytest.mark.parametrize(
    ("case", "text"),
    [
        ("ellipsis", "Regionalny"),
        ("combining marks (glyph offsets)", "e\u0301"),
        ("missing glyphs", "\U0001f600"),
    ],
)
def test_unusual_lines_are_painted_by_weasyprints_code(monkeypatch, case, text):
    rendering.warm_up()
    handed = _spied_original(monkeypatch)
    write(CASES[case])
    assert any(text in line for line in handed), handed


def test_the_glyph_layout_read_in_one_block_is_pangos():
    from weasyprint.text.ffi import ffi

    assert ffi.sizeof("PangoGlyphInfo") == 4 * paint._GLYPH_INFO_INTS
    assert ffi.offsetof("PangoGlyphInfo", "geometry") == 4
    assert ffi.sizeof("PangoGlyphGeometry") == 12


def _stream(tagged):
    from weasyprint.pdf.stream import Stream

    return Stream({}, (0, 0, 10, 10), {"ExtGState": {}}, {}, {} if tagged else None, {}, None)


def _paint_with_context_managers(stream, fail):
    box, other = object(), object()
    with stream.artifact(), stream.stacked():
        stream.rectangle(0, 0, 1, 1)
    with stream.marked(box, "Span"):
        stream.begin_text()
        stream.end_text()
    with stream.stacked() as entered:
        assert entered is None
        with stream.marked(other, "P"):
            stream.stroke()
    try:
        with stream.stacked(), stream.marked(object(), "P"):
            stream.fill()
            if fail:
                raise KeyError("in the block")
    except KeyError:
        pass
    return stream.stream, stream._tags and {
        tag["mcid"]: tag["tag"] for tag in stream._tags.values()
    }


@pytest.mark.parametrize("tagged", [True, False])
@pytest.mark.parametrize("fail", [True, False])
def test_the_streams_context_managers_write_what_weasyprints_write(tagged, fail):
    rendering.warm_up()
    ours = _paint_with_context_managers(_stream(tagged), fail)
    with tuning.without("paint_stream"):
        stock = _paint_with_context_managers(_stream(tagged), fail)
    assert ours == stock
    assert b"q" in ours[0]
    assert (b"BDC" in ours[0]) == tagged


def test_a_box_is_marked_once_as_in_weasyprint():
    rendering.warm_up()
    stream, box = _stream(True), object()
    with stream.marked(box, "Span"):
        pass
    with pytest.raises(AssertionError), stream.marked(box, "Span"):
        pass


class _Text(str):
    def __str__(self):
        return "/Other"


class _Number(int):
    def __str__(self):
        return "7"


VALUES = [
    b"/Name",
    b"",
    "/Name",
    "",
    _Text("/Mine"),
    0,
    -7,
    2**70,
    _Number(3),
    True,
    False,
    None,
    0.0,
    -0.0,
    1.0,
    -2.5,
    0.1,
    1e-7,
    123456789.125,
    1e22,
    float("inf"),
    float("nan"),
    bytearray(b"raw"),
    pydyf.String("(tekst) \\ ż"),
    pydyf.Array([1, 2.5, b"/A", "/B", True]),
    pydyf.Dictionary({"Type": "/X", "N": 3, "F": 0.25, "A": pydyf.Array()}),
]


def test_values_are_written_as_pydyf_writes_them():
    rendering.warm_up()
    original = paint_bytes._ORIGINAL[0]
    assert pydyf._to_bytes is paint_bytes.to_bytes
    for _ in range(2):  # the second time, floats come from the cache
        for value in VALUES:
            assert pydyf._to_bytes(value) == original(value), value
    # pydyf.String relies on the error for text that is not ASCII
    with pytest.raises(UnicodeEncodeError):
        pydyf._to_bytes("zażółć")
    assert pydyf.String("zażółć").data.startswith(b"<feff")
    with tuning.without("paint_bytes"):
        assert pydyf._to_bytes is original
