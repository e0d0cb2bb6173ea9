"""``documents.tuning.layout``: the same used values and the same bytes as WeasyPrint's own
layout, and WeasyPrint's own code for whatever the fast paths leave out."""

import itertools
from types import SimpleNamespace

import pytest

from documents import rendering, tuning
from documents.tuning import layout

from .tuning_support import notice_html, write

#: CSS the fast ``resolve_percentages`` handles itself (lengths, percentages, auto, against
#: definite and auto containing blocks) and CSS it leaves to WeasyPrint (calc(), box-sizing
#: other than content-box), in pages with percentage margins, floats, positioned boxes,
#: flex, inline blocks, collapsed borders and a table that breaks across pages.
VARIED = (
    """
<style>
  @page { size: 140mm 120mm; margin: 5% 8%; @top-right { content: "x"; width: 30%; } }
  body { font-family: "Esflow Sans"; font-size: 9pt; }
  .pct { width: 60%; margin: 2% 5% 1% auto; padding: 1% 2mm 3% 4%; min-width: 10%;
         max-width: 90%; min-height: 5%; max-height: 80%; border: 1px solid #333; }
  .h { height: 30%; }
  .hpx { height: 25px; min-height: 10px; max-height: 100px; }
  .calc { width: calc(50% - 10px); padding-left: calc(1em + 2%); margin-top: calc(3px + 1%); }
  .border-box { box-sizing: border-box; width: 50%; padding: 5%; border: 3px solid red; }
  .padding-box { box-sizing: padding-box; width: 40%; padding: 2%; border: 2px solid blue; }
  .fixed { height: 80px; } .fixed > div { height: 50%; min-height: 20%; max-height: 90%; }
  .float { float: left; width: 20%; margin-right: 2%; }
  .abs { position: absolute; right: 5%; top: 10%; width: 15%; }
  .flex { display: flex; } .flex > div { width: 30%; padding: 1%; }
  .ib { display: inline-block; width: 25%; padding: 0 1%; }
  table.c { border-collapse: collapse; width: 90%; } table.c td { border: 2px solid #000;
    padding: 1%; width: 30%; overflow-wrap: break-word; }
</style>
<div class="pct">percentages <span class="ib">inline block</span></div>
<div class="pct h">height in % of an auto height</div>
<div class="pct hpx">height in px</div>
<div class="calc">calc()</div>
<div class="border-box">border-box</div>
<div class="padding-box">padding-box</div>
<div class="fixed"><div class="pct">% of a definite height</div></div>
<div class="float">float</div><p>beside the float, a line that wraps around it and on.</p>
<div style="position: relative; height: 40px"><div class="abs">abs</div></div>
<div class="flex"><div>a</div><div class="calc">b</div></div>
<table class="c">
"""
    + "".join(
        f"<tr><td>{n}</td><td>Pozycja {n} {'x' * (n % 50)}</td><td>Opis {n} "
        f"Pchnąć w tę łódź jeża lub ośm skrzyń fig</td></tr>"
        for n in range(60)
    )
    + "</table>"
)

PROPERTIES = (
    "margin_top",
    "margin_right",
    "margin_bottom",
    "margin_left",
    "padding_top",
    "padding_right",
    "padding_bottom",
    "padding_left",
    "width",
    "height",
    "min_width",
    "max_width",
    "min_height",
    "max_height",
    "border_top_width",
    "border_right_width",
    "border_bottom_width",
    "border_left_width",
    "position_x",
    "position_y",
)


def _used_values(html):
    from weasyprint import HTML

    state = rendering.warm_up()
    with tuning.render_scope():
        document = HTML(
            string=html, base_url=rendering.base_url(), url_fetcher=state["fetcher"]
        ).render(font_config=state["font_config"], stylesheets=[state["stylesheet"]])
        return [
            (
                type(box).__name__,
                box.element_tag,
                *(getattr(box, name, None) for name in PROPERTIES),
            )
            for page in document.pages
            for box in page._page_box.descendants()
        ]


def test_resolve_percentages_is_replaced_wherever_layout_calls_it():
    from weasyprint.layout import absolute, block, column, float, grid, inline, page, percent, table

    owners = (percent, absolute, block, column, float, grid, inline, page, table)
    rendering.warm_up()
    fast = percent.resolve_percentages
    assert fast.__qualname__.startswith("fast_resolve_percentages")
    assert all(owner.resolve_percentages is fast for owner in owners)
    with tuning.without("layout"):
        original = percent.resolve_percentages
        assert original is not fast
        assert all(owner.resolve_percentages is original for owner in owners)


def test_varied_css_lays_out_to_the_same_used_values():
    tuned = _used_values(VARIED)
    with tuning.without("layout"):
        stock = _used_values(VARIED)
    assert len(tuned) > 300
    assert tuned == stock


@pytest.mark.parametrize("html", [VARIED, notice_html(60)], ids=["varied", "notice"])
def test_the_same_bytes_as_weasyprint_layout(html):
    assert write(html) == write(html, without=("layout",))


# The fast function against the original on boxes built here: every combination of the
# values it handles, and spies for what it must hand over to WeasyPrint.


def _fast(percentage=None, original=None):
    from weasyprint.css.properties import Dimension
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import percent

    rendering.warm_up()
    with tuning.without("layout"):
        return layout.fast_resolve_percentages(
            boxes,
            Dimension,
            percentage or percent.percentage,
            original or percent.resolve_percentages,
        ), percent.resolve_percentages


def _style(**values):
    from weasyprint.css.properties import Dimension

    style = {
        name: Dimension(0, "px")
        for name in (
            *(f"margin_{side}" for side in ("top", "right", "bottom", "left")),
            *(f"padding_{side}" for side in ("top", "right", "bottom", "left")),
            "min_width",
            "min_height",
        )
    }
    style.update(width="auto", height="auto", max_width=Dimension(float("inf"), "px"))
    style.update(max_height=Dimension(float("inf"), "px"), box_sizing="content-box")
    style.update(border_collapse="separate")
    style.update({f"border_{side}_width": 0 for side in ("top", "right", "bottom", "left")})
    style.update(values)
    return style


def test_the_fast_function_sets_what_weasyprint_sets():
    from weasyprint.css.properties import Dimension

    fast, original = _fast()
    lengths = ("auto", Dimension(12, "px"), Dimension(2.5, "px"), Dimension(30, "%"))
    cases = 0
    for value, name, containing_block, collapse, preset in itertools.product(
        lengths,
        ("width", "height", "min_width", "min_height", "max_height", "margin_top"),
        ((400, 300), (400, "auto"), (250.5, 0)),
        ("separate", "collapse"),
        (False, True),
    ):
        if value == "auto" and name.startswith("max"):
            continue
        style = _style(
            **{
                name: value,
                "border_collapse": collapse,
                "border_left_width": 3,
                "padding_top": value,
            }
        )
        boxes = [SimpleNamespace(style=style) for _ in range(2)]
        if preset:
            for box in boxes:
                box.border_left_width = 7
        original(boxes[0], containing_block)
        fast(boxes[1], containing_block)
        assert vars(boxes[0]) == vars(boxes[1]), (value, name, containing_block)
        assert [type(v) for v in vars(boxes[0]).values()] == [
            type(v) for v in vars(boxes[1]).values()
        ]
        cases += 1
    assert cases > 250


def test_what_the_fast_function_leaves_to_weasyprint():
    from weasyprint.css.properties import Dimension

    calls = []

    def percentage(value, style, refer_to):
        calls.append(("percentage", value, refer_to))
        return 1

    def original(box, containing_block):
        calls.append(("original", box.style["box_sizing"], containing_block))

    fast, _ = _fast(percentage=percentage, original=original)
    math = SimpleNamespace(type="function", name="calc")  # stands for a calc() value
    fast(SimpleNamespace(style=_style(width=math)), (400, 300))
    assert calls == [("percentage", math, 400)]

    calls.clear()
    fast(SimpleNamespace(style=_style(box_sizing="border-box")), (400, 300))
    fast(SimpleNamespace(style=_style(box_sizing="padding-box")), (400, 300))
    assert calls == [
        ("original", "border-box", (400, 300)),
        ("original", "padding-box", (400, 300)),
    ]

    calls.clear()  # a height WeasyPrint's own code would not take in an auto-height block
    fast(SimpleNamespace(style=_style(height=math)), (400, "auto"))
    fast(SimpleNamespace(style=_style(height=Dimension(3, "em"))), (400, "auto"))
    assert [call[0] for call in calls] == ["original", "original"]
