"""Table rows' borders drawn as one filled rectangle each."""

from functools import partial


def one_side_border(stream, box, draw_border):
    """WeasyPrint's ``draw_border``, with a shortcut for our table rows' border: a solid
    border on one side only, square corners, no border image, no columns. WeasyPrint draws
    each such border through a clip path and an even-odd fill of two rounded rectangles
    (~5 % of a 50-page render); the band it leaves is this one filled rectangle."""
    style = box.style
    widths = (
        box.border_top_width,
        box.border_right_width,
        box.border_bottom_width,
        box.border_left_width,
    )
    sides = [i for i, width in enumerate(widths) if width]
    if (
        len(sides) != 1
        or style["visibility"] != "visible"
        or style["border_image_source"][0] != "none"
        or style["column_width"] != "auto"
        or style["column_count"] != "auto"
        or any(
            rx or ry
            for rx, ry in (
                box.border_top_left_radius,
                box.border_top_right_radius,
                box.border_bottom_right_radius,
                box.border_bottom_left_radius,
            )
        )
    ):
        return draw_border(stream, box)
    side = ("top", "right", "bottom", "left")[sides[0]]
    from weasyprint.draw.color import get_color

    color = get_color(style, f"border_{side}_color")
    if style[f"border_{side}_style"] != "solid" or not color.alpha:
        return draw_border(stream, box)
    width = widths[sides[0]]
    x, y, w, h = box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height()
    band = {
        "top": (x, y, w, width),
        "right": (x + w - width, y, width, h),
        "bottom": (x, y + h - width, w, width),
        "left": (x, y, width, h),
    }[side]
    with stream.artifact(), stream.stacked():
        stream.set_color(color)
        stream.rectangle(*band)
        stream.fill()


def patches():
    """Installed where WeasyPrint's painting code calls ``draw_border``."""
    import weasyprint.draw
    from weasyprint.draw.border import draw_border

    return [(weasyprint.draw, "draw_border", partial(one_side_border, draw_border=draw_border))]
