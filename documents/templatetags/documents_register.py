"""Template helpers for pages that list documents of the register (e.g. a case page)."""

from django import template

from ..services import register_entries as _register_entries

register = template.Library()


@register.simple_tag
def register_entries(documents):
    """Every document of the list with its standing: current, superseded by which version,
    or revoked (``documents.services.register_entries``)."""
    return _register_entries(documents)
