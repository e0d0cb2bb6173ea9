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

#: Boxes with something to paint (WeasyPrint's own ``layout_box_backgrounds``) among boxes
#: with nothing to paint (the shortcut), on a page and a canvas with backgrounds.
BACKGROUNDS = f"""
<style>
  @page {{ size: 120mm 90mm; margin: 10mm; background: #eef;
          @bottom-center {{ content: "m"; background: yellow; }} }}
  html {{ background: #ffe; }} body {{ font-family: "Esflow Sans"; font-size: 9pt; }}
  .color {{ background-color: #c00; border-radius: 3px 10%; }}
  .current {{ color: green; background-color: currentcolor; }}
  .image {{ background: url({rendering.qr_data_uri("x")}) no-repeat 50% 50%; }}
  .gradient {{ background-image: linear-gradient(red, blue); }}
  .shadow {{ box-shadow: 2px 2px 3px #000; }}
  .hidden {{ visibility: hidden; background: red; }}
  .hidden-shadow {{ visibility: hidden; box-shadow: 1px 1px #000; }}
  .transparent {{ background: transparent; border-radius: 4px; border: 1px solid #000; }}
  .border-image {{ border: 6px solid; border-image: linear-gradient(red, blue) 30%; }}
  td {{ border-bottom: 1px solid #888; }} tr.row {{ background: #eee; }}
</style>
<p class="color">color <span class="current">current</span></p>
<p class="image">image</p><p class="gradient">gradient</p><p class="shadow">shadow</p>
<p class="hidden">hidden <span>child</span></p><p class="hidden-shadow">hidden shadow</p>
<p class="transparent">transparent <em class="color">inline color</em></p>
<p class="border-image">border image</p>
<table>{"".join(f'<tr class="{"row" if n % 3 else ""}"><td>{n}</td></tr>' for n in range(80))}
</table>
"""

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


@pytest.mark.parametrize("html", [VARIED, BACKGROUNDS], ids=["varied", "backgrounds"])
def test_varied_css_lays_out_to_the_same_used_values(html):
    tuned = _used_values(html)
    with tuning.without("layout"):
        stock = _used_values(html)
    assert len(tuned) > 200
    assert tuned == stock


@pytest.mark.parametrize(
    "html", [VARIED, BACKGROUNDS, notice_html(60)], ids=["varied", "backgrounds", "notice"]
)
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


def test_the_backgrounds_shortcut_is_taken_only_for_boxes_with_nothing_to_paint():
    from weasyprint.draw.color import get_color
    from weasyprint.layout import background

    rendering.warm_up()
    with tuning.without("layout"):
        stock = background.layout_box_backgrounds
    seen = []

    def original(page, box, get_image_from_uri, layout_children=True, style=None):
        seen.append(box.element_tag)
        return stock(page, box, get_image_from_uri, layout_children, style)

    def radii(box):
        seen.append(f"radii {box.element_tag}")

    fast = layout.fast_layout_box_backgrounds(original, radii, get_color)
    from weasyprint import HTML

    document = HTML(string=BACKGROUNDS).render()
    page = document.pages[0]._page_box
    plain = {"body", "td", "tbody", "table"}
    boxes = [box for box in page.descendants() if box.element_tag in plain]
    assert boxes
    for box in boxes:
        seen.clear()
        fast(page, box, None, layout_children=False)
        assert seen == [box.element_tag]  # not with layout_children=False
        seen.clear()
        box.background = "stale"
        fast(page, box, lambda **kwargs: None)
        assert seen[0] == f"radii {box.element_tag}"
        assert box.background is None
    painted = [
        box
        for box in page.descendants()
        if {"color", "image", "gradient", "shadow", "hidden-shadow", "border-image", "row"}
        & set((box.element.get("class") or "").split() if box.element is not None else ())
        and box.element_tag in ("p", "tr", "em")
        and type(box).__name__ in ("BlockBox", "InlineBox", "TableRowBox")
    ]
    assert len(painted) >= 7
    for box in painted:
        seen.clear()
        fast(page, box, lambda **kwargs: None)
        assert seen[0] == box.element_tag, (box.element.get("class"), type(box), seen)
    seen.clear()
    fast(page, page, lambda **kwargs: None, layout_children=False)
    assert seen == [page.element_tag]
