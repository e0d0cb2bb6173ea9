"""Template helpers for print templates."""

from itertools import islice

from django import template

register = template.Library()


@register.filter
def batched(items, size: int = 25):
    """Split rows into groups (one ``<tbody>`` each): WeasyPrint lays out a row group per
    page from where the last page stopped, so small groups keep long tables linear."""
    iterator = iter(items)
    size = max(int(size), 1)
    return iter(lambda: list(islice(iterator, size)), [])
