from django import template

from accounts.l10n import number_format

register = template.Library()


@register.filter
def count(value) -> str:
    """A whole number grouped as the page's language writes it ("1 234" in Polish)."""
    return number_format(value, decimal_places=0)


@register.filter
def percent(value) -> str:
    return f"{number_format(value, decimal_places=1)} %"
