"""Painting a page's text: the same PDF operators, without WeasyPrint's per-glyph cffi work."""

from functools import cache, partial

#: ``sizeof(PangoGlyphInfo)`` in ints: glyph, width, x_offset, y_offset, attributes.
_GLYPH_INFO_INTS = 5


class _Unusual(Exception):
    """A line the fast path does not draw: WeasyPrint's own code draws it."""


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix, *, original):
    """WeasyPrint's ``draw.text.draw_first_line`` for the plain case: no ellipsis, no
    vertical glyph offsets (``rise``), no missing glyphs, no emoji (SVG/PNG/COLR) fonts.

    WeasyPrint reads every glyph through cffi attribute access (a cdata object per field of
    each of ~100,000 glyphs at 50 pages); here each run's glyphs are read as one block of
    ints. The string built, the fonts' width and ToUnicode tables filled, and the operators
    written are the same, in the same order: the operators are kept aside and written at the
    end, so a line found unusual half-way is handed to ``original`` untouched."""
    if text_overflow == "ellipsis" or block_ellipsis != "none":
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    try:
        operators, string = _plain_first_line(stream, textbox)
    except _Unusual:
        # WeasyPrint's code may change a font's widths (missing glyphs): forget the pieces.
        for font in stream._fonts.values():
            font.__dict__.pop("_esflow_pieces", None)
        return original(stream, textbox, text_overflow, block_ellipsis, matrix)
    if operators is None:
        return []
    stream.set_text_matrix(*matrix.values)
    for operator, *arguments in operators:
        operator(*arguments)
    stream.show_text(string)
    return []


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
    import weasyprint.draw.text

    return [
        (
            weasyprint.draw.text,
            "draw_first_line",
            partial(draw_first_line, original=weasyprint.draw.text.draw_first_line),
        )
    ]
