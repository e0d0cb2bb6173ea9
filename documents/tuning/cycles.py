"""A render's objects freed by reference counting instead of the cyclic garbage collector.

A laid-out 50-page document is ~385,000 objects, and nearly all of them end up as cyclic
garbage through a handful of reference cycles:

- the layout context keeps ``partial(get_image_from_uri, context=self)``, and its target
  collector keeps closures (``parse_again``) that lead back to it;
- every laid-out table's columns keep a closure (``get_cells``) over the table;
- a style's cached ``anonymous_style`` points back to it (``parent_style``).

Collecting them took ~0.3 s at 50 pages (~13 % of the render). When a render is over, these
few links are cut, so the objects are freed the moment the render drops them (the HTML
parser's own cycles are ``styles_html``'s; ~1,000-2,700 objects are left for the collector).
Only renders inside ``tuning.render_scope`` (``render_pdf``'s) are recorded.
"""

import threading

_local = threading.local()


def _renders() -> list:
    """This thread's layout contexts and laid-out tables since the last release."""
    if not hasattr(_local, "contexts"):
        _local.contexts, _local.tables = [], []
    return _local.contexts


def _tables() -> list:
    _renders()
    return _local.tables


def patches():
    from weasyprint.document import Document
    from weasyprint.layout import block

    build_layout_context = vars(Document)["_build_layout_context"].__func__
    table_layout = block.table_layout

    from . import in_render_scope

    def _build_layout_context(cls, *args, **kwargs):
        context = build_layout_context(cls, *args, **kwargs)
        if in_render_scope():
            _renders().append(context)
        return context

    def recorded_table_layout(*args, **kwargs):
        result = table_layout(*args, **kwargs)
        if result[0] is not None and in_render_scope():
            _tables().append(result[0])
        return result

    return [
        (Document, "_build_layout_context", classmethod(_build_layout_context)),
        (block, "table_layout", recorded_table_layout),
    ]


def release():
    """Cut the cycles of this thread's renders (``render_scope`` calls it when a render is
    over; a render outside one is left to the cyclic collector, as WeasyPrint leaves it)."""
    contexts, tables = _renders(), _tables()
    for table in tables:
        for group in table.column_groups:
            for column in group.children:
                column.__dict__.pop("get_cells", None)
    for context in contexts:
        style_for = context.__dict__.get("style_for")
        if style_for is not None:
            for style in style_for._computed_styles.values():
                if style is not None:
                    style.__dict__.pop("anonymous_style", None)
        collector = context.__dict__.get("target_collector")
        if collector is not None:
            collector.__dict__.clear()
        context.__dict__.clear()
    contexts.clear()
    tables.clear()
