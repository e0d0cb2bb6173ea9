"""Painting a page's text: the same PDF operators, without WeasyPrint's per-glyph cffi work.

Measured at 1250 rows (47 pages, ~4,600 text lines, ~100,000 glyphs), CPU, interleaved
medians: ``Page.paint`` 397 -> 299 ms (``draw_first_line`` ~80 ms of it, ``draw_text`` ~17).
What is left of a line is mostly Pango: re-creating its layout (``reactivate``, ~65 ms) and
shaping it again (~50 ms)."""

from functools import cache

#: ``sizeof(PangoGlyphInfo)`` in ints: glyph, width, x_offset, y_offset, attributes.
_GLYPH_INFO_INTS = 5


#: WeasyPrint's own ``draw.text.draw_first_line`` and ``draw_text`` (set by ``patches``).
_ORIGINAL = {}


class _Unusual(Exception):
    """A line the fast path does not draw: WeasyPrint's own code draws it."""


def draw_text(stream, textbox, offset_x, text_overflow, block_ellipsis):
    """WeasyPrint's ``draw.text.draw_text`` for text without decoration (underline,
    overline, line-through) or ellipsis; anything else goes to WeasyPrint's.

    The same operators in the same order: colour, ``BT``, the line (``_first_line``),
    ``ET``. What it leaves out is what only decorations use (their colour and thickness,
    WeasyPrint's ``percentage`` imported on each call) and the ``Matrix`` object built for
    the text matrix (``1 0 0 -1 x y``, written directly)."""
    style = textbox.style
    if (
        style["text_decoration_line"] != "none"
        or text_overflow == "ellipsis"
        or block_ellipsis != "none"
    ):
        return _ORIGINAL["draw_text"](stream, textbox, offset_x, text_overflow, block_ellipsis)
    # Pango crashes with font-size: 0.
    if not style["font_size"]:  # WeasyPrint asserts this
        raise AssertionError(textbox)
    # Don't draw invisible textboxes.
    if style["visibility"] != "visible":
        return
    x, y = textbox.position_x, textbox.position_y + textbox.baseline
    stream.set_color(style["color"])
    textbox.pango_layout.reactivate(style)
    stream.begin_text()
    emojis = _first_line(stream, textbox, text_overflow, block_ellipsis, None, (x, y))
    stream.end_text()
    if emojis:
        from weasyprint.draw.text import draw_emojis

        draw_emojis(stream, style, x, y, emojis)
    textbox.pango_layout.deactivate()


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint's ``draw.text.draw_first_line`` for the plain case: no ellipsis, no
    vertical glyph offsets (``rise``), no missing glyphs, no emoji (SVG/PNG/COLR) fonts.

    WeasyPrint reads every glyph through cffi attribute access (a cdata object per field of
    each of ~100,000 glyphs at 50 pages) and formats each glyph's part of the ``TJ``
    string; here each run's glyphs are read as one block of ints and each distinct glyph
    (with its width and offsets) is formatted once per font and size. The string built, the
    fonts' width and ToUnicode tables filled, and the operators written are the same, in the
    same order: the operators are kept aside and written at the end, so a line found
    unusual half-way is handed to WeasyPrint's code untouched."""
    return _first_line(stream, textbox, text_overflow, block_ellipsis, matrix, None)


def _first_line(stream, textbox, text_overflow, block_ellipsis, matrix, position):
    """The line with the text matrix ``matrix``, or ``1 0 0 -1 *position``."""
    if text_overflow == "ellipsis" or block_ellipsis != "none":
        operators = _UNUSUAL
    else:
        try:
            operators, string = _plain_first_line(stream, textbox)
        except _Unusual:
            # WeasyPrint's code may change a font's widths (missing glyphs): forget the
            # glyphs' strings.
            for font in stream._fonts.values():
                font.__dict__.pop("_esflow_pieces", None)
            operators = _UNUSUAL
    if operators is _UNUSUAL:
        if matrix is None:
            from weasyprint.matrix import Matrix

            matrix = Matrix(d=-1, e=position[0], f=position[1])
        return _ORIGINAL["draw_first_line"](stream, textbox, text_overflow, block_ellipsis, matrix)
    if operators is None:
        return []
    if matrix is None:
        stream.set_text_matrix(1, 0, 0, -1, *position)
    else:
        stream.set_text_matrix(*matrix.values)
    for operator, *arguments in operators:
        operator(*arguments)
    stream.show_text(string)
    return []


_UNUSUAL = object()


@cache
def _pango():
    """cffi and Pango, the size of a PangoGlyphInfo and whether Pango is older than 1.48.2
    (looked up once, not for each line)."""
    from weasyprint.text.ffi import ffi, pango

    return ffi, pango, ffi.sizeof("PangoGlyphInfo"), pango.pango_version() < 14802


def _plain_first_line(stream, textbox):
    ffi, pango, glyph_info_size, old_pango = _pango()
    if glyph_info_size != 4 * _GLYPH_INFO_INTS:
        raise _Unusual
    if not textbox.text.strip():
        return None, None
    style = textbox.style
    if style["font_size"] < 1e-6:  # default float precision used by pydyf
        return None, None
    layout = textbox.pango_layout
    pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    first_line, _ = layout.get_first_line()

    show_text, set_font_size = stream.show_text, stream.set_font_size
    operators = []
    previous_pango_font = None
    string = ""
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        num_glyphs = glyph_string.num_glyphs
        item = glyph_item.item

        pango_font = item.analysis.font
        if pango_font != previous_pango_font:
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)
            if font.png or font.svg or font.colr:
                raise _Unusual
            if old_pango:
                font_size = style["font_size"]
            if string:
                operators.append((show_text, string))
            string = ""
            operators.append((set_font_size, font.hash, 1 if font.bitmap else font_size))
            pieces = _pieces(font, font_size)
        string += "<"

        values = (
            memoryview(ffi.buffer(glyph_string.glyphs, num_glyphs * glyph_info_size))
            .cast("i")
            .tolist()
        )
        keys = list(
            zip(
                values[0::_GLYPH_INFO_INTS],
                values[1::_GLYPH_INFO_INTS],
                values[2::_GLYPH_INFO_INTS],
                values[3::_GLYPH_INFO_INTS],
                strict=True,
            )
        )
        found = list(map(pieces.get, keys))
        if None in found:
            for i, key in enumerate(keys):
                if found[i] is None:
                    found[i] = pieces[key] = _glyph_piece(
                        stream, textbox, glyph_item, i, key, font, font_size, pango_font
                    )
        string += "".join(found)

        # Close the last glyphs list, remove if empty.
        if string[-1] == "<":
            string = string[:-1]
        else:
            string += ">"
    return operators, string


def _pieces(font, font_size):
    """The glyphs already drawn with a font at a size: (glyph, width, x offset, y offset)
    -> their part of the ``TJ`` string."""
    by_size = font.__dict__.setdefault("_esflow_pieces", {})
    pieces = by_size.get(font_size)
    if pieces is None:
        pieces = by_size[font_size] = {}
    return pieces


def _glyph_piece(stream, textbox, glyph_item, i, key, font, font_size, pango_font):
    """One glyph's part of the ``TJ`` string, as WeasyPrint's loop writes it, and what it
    records in the font (widths, ToUnicode) the first time the glyph is drawn."""
    from weasyprint.text.ffi import FROM_UNITS, pango

    glyph_id, width, x_offset, y_offset = key
    if glyph_id < 0 or y_offset:
        raise _Unusual

    # Display zero-width empty glyph.
    if glyph_id == pango.PANGO_GLYPH_EMPTY:
        return f">{-width / font_size}<"
    if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
        raise _Unusual

    # Create mapping between glyphs and Unicode codepoints.
    if glyph_id not in font.to_unicode:
        item = glyph_item.item
        clusters = glyph_item.glyphs.log_clusters
        num_glyphs = glyph_item.glyphs.num_glyphs
        offset = item.offset
        t1 = clusters[i]
        if item.analysis.level % 2:  # rtl
            t2 = item.length if i == 0 else clusters[i - 1]
        else:
            t2 = item.length if i == num_glyphs - 1 else clusters[i + 1]
        utf8_text = textbox.pango_layout.text.encode()
        font.to_unicode[glyph_id] = utf8_text[offset + t1 : offset + t2].decode()

    # Set horizontal offset (the vertical one is 0: checked above).
    string = ""
    offset = x_offset / font_size
    if offset:
        string += f">{-offset}<"
    string += f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"

    # Get glyph logical widths.
    if glyph_id in font.widths:
        logical_width = font.widths[glyph_id]
    else:
        pango.pango_font_get_glyph_extents(
            pango_font, glyph_id, stream.ink_rect, stream.logical_rect
        )
        logical_width = font.widths[glyph_id] = round(
            stream.logical_rect.width * 1000 * FROM_UNITS / font_size
        )

    # Set kerning, word spacing, letter spacing.
    kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
    if kerning:
        string += f">{int(kerning)}<"
    return string


def patches():
    import weasyprint.draw
    import weasyprint.draw.text

    _ORIGINAL.setdefault("draw_first_line", weasyprint.draw.text.draw_first_line)
    _ORIGINAL.setdefault("draw_text", weasyprint.draw.text.draw_text)
    return [
        (weasyprint.draw.text, "draw_first_line", draw_first_line),
        (weasyprint.draw.text, "draw_text", draw_text),
        (weasyprint.draw, "draw_text", draw_text),
    ]
