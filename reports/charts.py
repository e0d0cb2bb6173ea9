"""Charts as SVG drawn on the server with pygal (a kept library), shown as images.

An SVG shown through ``<img>`` never runs a script, so the chart needs no JavaScript and works
with it off; pygal's own interactive script is not loaded (``js=[]``) and tooltips are off.
The numbers on the chart are in the page's language (Polish: ``1 234,5``); the same numbers are
in the table beside it, which is what a screen reader reads (the image's alt text is the
indicator's one-sentence summary).
"""

import math

import pygal
from pygal.style import Style

from accounts.l10n import number_format

from .indicators import Result

#: Dark enough on white for WCAG's 3:1 for graphics; the values are printed on the bars too.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#555555",
    colors=("#1f5f9e",),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    title_font_size=15,
)


def chart_svg(result: Result, title: str) -> str:
    """One horizontal bar per row of the result (labels are long: powiats, legal forms)."""
    # pygal draws the first bar at the bottom; the table reads from the top.
    rows = list(reversed(result.rows))
    top = max([v for _l, v in rows] + [1])
    step = max(1, math.ceil(top / 8))
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        tooltips=False,
        show_legend=False,
        print_values=True,
        disable_xml_declaration=True,
        width=800,
        height=max(160, 44 * len(rows) + 80),
        truncate_label=-1,
        value_formatter=lambda v: number_format(v, decimal_places=0),
        title=title,
        x_labels=[label for label, _v in rows],
        show_y_guides=True,
        # Whole-number ticks: counts have no fractions.
        y_labels=list(range(0, top + step, step)),
        range=(0, top),
    )
    chart.add(result.value_header, [v for _l, v in rows])
    return chart.render(is_unicode=True)
