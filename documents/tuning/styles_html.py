"""The HTML parser's own objects freed by reference counting, not the cyclic collector.

``tinyhtml5.parse`` (which WeasyPrint calls) builds the ElementTree through a tree of its own
nodes that point at their parents, and a parser, tokenizer, tree builder and insertion-mode
phases that point at each other (and at their own bound methods). All of it is left for the
cyclic collector, and with it the document's ElementTree once the render drops it: ~23,000
objects at 50 pages, the only cyclic garbage left of a render (``cycles`` cuts the rest),
collected in ~10-25 ms after each render. Here the parse is ``tinyhtml5.parse``'s own, and
then those links are cut (~1 ms), so it is all freed by reference counting. The tree
returned is the same object.
"""

TINYHTML5 = "2.1.0"


def _unlink(parser) -> None:
    tree = parser.__dict__.get("tree")
    document = tree.__dict__.get("document") if tree is not None else None
    if document is not None:
        nodes = [document]
        while nodes:
            node = nodes.pop()
            node.parent = None
            nodes.extend(node.__dict__.get("_children", ()))
    for phase in parser.__dict__.get("phases", {}).values():
        # A phase may keep one of its own bound methods in a slot (InBodyPhase does).
        for cls in type(phase).__mro__:
            for name in getattr(cls, "__slots__", ()):
                if name.startswith("__"):
                    continue  # private (mangled) slots: caches of plain functions
                if getattr(getattr(phase, name, None), "__self__", None) is phase:
                    delattr(phase, name)
    tokenizer = parser.__dict__.get("tokenizer")
    if tokenizer is not None:
        tokenizer.__dict__.clear()
    if tree is not None:
        tree.__dict__.clear()
    parser.__dict__.clear()


def parse(document, namespace_html_elements=True, **kwargs):
    """``tinyhtml5.parse``, with the parser's links cut when it is done."""
    from tinyhtml5.parser import HTMLParser

    parser = HTMLParser(namespace_html_elements)
    try:
        return parser.parse(document, **kwargs)
    finally:
        _unlink(parser)


def patches():
    from importlib.metadata import version

    import tinyhtml5

    if version("tinyhtml5") != TINYHTML5:
        return []
    return [(tinyhtml5, "parse", parse)]
