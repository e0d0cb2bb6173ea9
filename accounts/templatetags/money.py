"""``{% load money %}``: ``{{ amount|money }}`` writes an amount in złoty in the page's
language (accounts/l10n.py): "1 450 000,00 zł" in Polish, "PLN 1,450,000.00" in English."""

from django import template

from accounts.l10n import money_format, number_format

register = template.Library()


@register.filter
def money(value) -> str:
    return money_format(value)


@register.filter
def amount(value) -> str:
    """Grouped, without the currency (a table column already headed "PLN")."""
    return number_format(value)
