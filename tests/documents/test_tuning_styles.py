"""What happens before layout, tuned (``tuning.styles``: the cascade; ``tuning.styles_get``:
computed values; ``tuning.styles_html``: the HTML parser's leftovers), writes the bytes
WeasyPrint writes, also for CSS that the shortcuts leave to WeasyPrint's own code."""

import pytest

from documents import rendering, tuning
from documents.tuning import styles, styles_html

from .factories import POLISH
from .tuning_support import write

MODULES = ("styles", "styles_get", "styles_html")

#: Selectors that look at siblings, children, text or position (the shortcuts must not
#: reuse one element's matches for another), pseudo-elements the document does use
#: (markers, quotes, before/after, first-letter/line, footnotes), an anchor set on a
#: pseudo-element, logical properties, var() and calc(), lang, style attributes.
WIDE_CSS = """
:root { --accent: #a33; }
body { font-family: sans-serif; }
tr:nth-child(even) td { background: #eee; }
tr:first-child td { font-weight: bold; }
td:last-child { text-align: right; }
td:empty::after { content: "—"; }
p + p { margin-top: 0; text-indent: 1em; }
h2 ~ p { color: #333; }
li:only-child { color: var(--accent); }
ol li::marker { color: var(--accent); }
p.first::first-letter { font-size: 2em; }
p.first::first-line { font-variant: small-caps; }
.note::before { content: "Uwaga: "; font-weight: bold; }
.note::after { content: " (koniec)"; }
.target::before { content: "§ "; -weasy-anchor: "pseudo-anchor"; }
.fn { float: footnote; }
.box { margin-inline-start: 2em; padding-block-end: calc(1em + 2px); border: 1px solid; }
:lang(en) { font-style: italic; }
div:empty { height: 4px; background: #000; }
"""


def wide_html(rows: int = 40) -> str:
    cells = "".join(
        f"<tr><td>{i}</td><td>{POLISH} {i}</td><td>{'' if i % 3 else i * 7}</td></tr>"
        for i in range(rows)
    )
    first = f'<p class="first">{POLISH} {POLISH} {POLISH}</p>'
    return (
        '<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>T</title>'
        f"<style>{WIDE_CSS}</style></head><body>"
        f'<h1 id="top">{POLISH}</h1>{first}'
        "<p>Zob. <a href='#pseudo-anchor'>odnośnik</a>, <a href='#top'>górę</a>."
        f"<span class='fn'>Przypis {POLISH}.</span> <q>cytat <q>w cytacie</q></q><br>"
        "dalej</p><h2>Lista</h2><p>akapit</p><p class='note target'>notatka</p>"
        "<ol><li>raz</li><li>dwa <span class='fn'>drugi przypis</span></li></ol>"
        "<ul><li>jedyny</li></ul><div></div>"
        '<p lang="en" style="color: blue">English <b>bold</b></p>'
        f'<div class="box">box</div><table><tbody>{cells}</tbody></table>'
        "<ul><li>a<ul><li>b</li></ul></li></ul></body></html>"
    )


@pytest.mark.parametrize("rows", [3, 120])
def test_wide_css_writes_the_same_bytes_as_weasyprint(rows):
    html = wide_html(rows)
    assert write(html) == write(html, without=MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_each_module_alone_writes_the_same_bytes(module):
    html = wide_html(30)
    others = tuple(name for name in MODULES if name != module)
    assert write(html, without=others) == write(html, without=MODULES)


def _styles(html):
    """``StyleFor`` of one parsed document, tuned and WeasyPrint's own."""
    from weasyprint import HTML
    from weasyprint.css import get_all_computed_styles

    state = rendering.warm_up()
    document = HTML(string=html, base_url=rendering.base_url(), url_fetcher=state["fetcher"])
    tuned = get_all_computed_styles(document, user_stylesheets=[state["stylesheet"]])
    with tuning.without(*MODULES):
        stock = get_all_computed_styles(document, user_stylesheets=[state["stylesheet"]])
    return tuned, stock


def test_pseudo_element_styles_are_made_when_asked_and_equal_weasyprints():
    tuned, stock = _styles(wide_html(10))
    pseudo = [key for key in stock._computed_styles if key[1] is not None]
    # the user agent's six pseudo-elements for every element, made in advance by WeasyPrint
    assert len(pseudo) >= 6 * sum(1 for key in stock._computed_styles if key[1] is None) > 300
    # only the one whose declarations set an anchor, here
    assert [key[1] for key in tuned._computed_styles if key[1] is not None] == ["before"]
    from weasyprint.css.properties import INITIAL_VALUES

    # every property, in the same order (computed values may read others)
    properties = list(INITIAL_VALUES)
    for (element, pseudo_type), stock_style in stock._computed_styles.items():
        style = tuned(element, pseudo_type)
        assert style is not None
        for key in properties:
            assert style[key] == stock_style[key], (element, pseudo_type, key)
    root = next(iter(stock._computed_styles))[0]
    assert tuned(root, "first-letter") is None is stock(root, "first-letter")


def _matcher(*sources):
    import cssselect2

    matcher = cssselect2.Matcher()
    for source in sources:
        for selector in cssselect2.compile_selector_list(source):
            matcher.add_selector(selector, None)
    return matcher


def test_matches_are_reused_only_for_selectors_that_look_up():
    """Elements with the same tag, attributes and ancestors share their matches, unless a
    selector tried looks at siblings, children, text or position."""
    from xml.etree import ElementTree

    import cssselect2

    table = ElementTree.Element("table")
    row = ElementTree.SubElement(ElementTree.SubElement(table, "tbody"), "tr")
    ElementTree.SubElement(row, "td", {"class": "x"}).text = "a"
    ElementTree.SubElement(row, "td").text = "b"
    root = cssselect2.ElementWrapper.from_html_root(table)
    td = next(e for e in root.iter_subtree() if e.local_name == "td")
    looking_up = ("td", "tr td.x", "table > tbody td", ":lang(pl)", "[data-a='1']", "a:link")
    assert styles._only_looks_up(_matcher(*looking_up), td)
    for source in ("td:nth-child(2)", "tr:first-child td", "td + td", "td:empty", "td ~ td"):
        assert not styles._only_looks_up(_matcher("td", source), td), source
    # selectors for other elements are not tried, so they do not matter
    assert styles._only_looks_up(_matcher("td", "li:first-child"), td)


def test_the_parsed_tree_is_tinyhtml5s_and_its_parser_leaves_no_cycles():
    import gc
    from xml.etree import ElementTree

    import tinyhtml5

    html = wide_html(5) + "<table><tr><td>bez tbody<p>i z błędami</table></b></i>"
    stock = ElementTree.tostring(tinyhtml5.parser.HTMLParser().parse(html))
    gc.collect()
    gc.disable()
    try:
        tree = styles_html.parse(html)
        assert ElementTree.tostring(tree) == stock
        del tree
        assert gc.collect() == 0
    finally:
        gc.enable()
    rendering.warm_up()
    assert tinyhtml5.parse is styles_html.parse


def test_each_element_is_matched_with_another_cssselect2(monkeypatch):
    """The matches are reused only with the cssselect2 whose compiled selectors were read."""
    from contextlib import nullcontext

    import cssselect2
    from weasyprint import HTML
    from weasyprint.css import get_all_computed_styles

    from .tuning_support import notice_html

    calls = []
    match = cssselect2.Matcher.match
    monkeypatch.setattr(
        cssselect2.Matcher, "match", lambda self, element: calls.append(1) or match(self, element)
    )
    state = rendering.warm_up()
    document = HTML(string=notice_html(40), base_url=rendering.base_url())

    def matches(*without):
        calls.clear()
        with tuning.without(*without) if without else nullcontext():
            get_all_computed_styles(document, user_stylesheets=[state["stylesheet"]])
        return len(calls)

    stock = matches(*MODULES)
    assert stock > 2 * 160  # every element, against each stylesheet
    assert matches() < stock / 5
    monkeypatch.setattr(styles, "CSSSELECT2", "another")
    # ... and cssselect2's internals are not even read then
    monkeypatch.setattr(styles, "_only_looks_up", lambda *args: pytest.fail("read"))
    assert matches() == stock


def test_the_pinned_parser_and_selector_libraries_are_the_ones_tuned_for():
    """pyproject pins cssselect2 and tinyhtml5 to the versions styles and styles_html check
    for; an upgrade makes this fail until those modules are checked against it."""
    from importlib.metadata import version

    from documents.tuning import styles, styles_html

    assert version("cssselect2") == styles.CSSSELECT2
    assert version("tinyhtml5") == styles_html.TINYHTML5
