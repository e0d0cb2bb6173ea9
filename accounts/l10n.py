"""Money as people read and type it, in the page's (or the recipient's) language.

One place formats and parses amounts in złoty, so that the case page, the intake form, the
queue, e-mails and PDFs agree: Polish ``1 450 000,00 zł`` (no-break spaces between groups, a
decimal comma, "zł" after), British English ``PLN 1,450,000.00`` (the ISO code before the
amount, as British writing does with foreign currencies). Templates use the ``money`` filter
(``{% load money %}``); Python code calls ``money_format``.

Parsing accepts both conventions whatever the page's language — a Polish clerk may paste
``250,000.00`` from an English spreadsheet, an English reader may type ``250 000,00``: amounts
have at most two decimal places, so a separator followed by exactly three digits groups
thousands and one followed by one or two digits is the decimal separator.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import numberformat
from django.utils.translation import get_language

NBSP = "\u00a0"

#: language -> (grouping separator, decimal separator, pattern with the amount as {amount}).
MONEY_STYLES = {
    "pl": (NBSP, ",", "{amount}" + NBSP + "zł"),
    "en": (",", ".", "PLN" + NBSP + "{amount}"),
}

_CURRENCY_RE = re.compile(r"(?i)zł|zl|pln")
_SPACES_RE = re.compile(r"[\s\u00a0\u202f\u2009']")
_GROUPED_RE = re.compile(r"^\d{1,3}(?:(?P<sep>[.,])\d{3})+$")


def _style(language: str | None = None) -> tuple[str, str, str]:
    code = (language or get_language() or "pl").split("-")[0]
    return MONEY_STYLES.get(code, MONEY_STYLES["pl"])


def number_format(value, *, language: str | None = None, decimal_places: int = 2) -> str:
    """An amount grouped in the language's style, without the currency (form inputs)."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    grouping, decimal, _pattern = _style(language)
    return numberformat.format(
        amount,
        decimal,
        decimal_pos=decimal_places,
        grouping=3,
        thousand_sep=grouping,
        force_grouping=True,
    )


def money_format(value, *, language: str | None = None) -> str:
    """An amount in złoty as the language writes it ("1 450 000,00 zł", "PLN 1,450,000.00");
    an empty value gives "", a value that is not a number is returned as it is."""
    if value in (None, ""):
        return ""
    try:
        Decimal(str(value))
    except InvalidOperation:
        return str(value)
    _grouping, _decimal, pattern = _style(language)
    return pattern.format(amount=number_format(value, language=language))


def money_parse(text) -> Decimal | None:
    """The amount in ``text`` typed the Polish or the English way, or None if it is none.

    ``"250 000,00"``, ``"250000.00"``, ``"250,000.00"``, ``"250.000,00"``, ``"250 000 zł"``,
    ``"PLN 250,000"`` all give ``Decimal("250000.00")``-equal values; ``"1,5"`` and ``"1.5"``
    give 1.5.
    """
    if text is None:
        return None
    if isinstance(text, Decimal | int | float):
        return Decimal(str(text))
    cleaned = _SPACES_RE.sub("", _CURRENCY_RE.sub("", str(text)))
    if not cleaned:
        return None
    sign = ""
    if cleaned[0] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if "," in cleaned and "." in cleaned:
        # Both: the last one is the decimal separator, the other groups.
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        whole, _sep, fraction = cleaned.rpartition(decimal)
        if not _GROUPED_RE.match(whole) and grouping in whole:
            return None
        cleaned = whole.replace(grouping, "") + "." + fraction
    elif _GROUPED_RE.match(cleaned):
        # "250,000" or "250.000" (or "1,250,000"): groups of three are thousands.
        cleaned = re.sub(r"[.,]", "", cleaned)
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(".") > 1 or cleaned.count(",") > 1:
        return None
    if not re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", cleaned):
        return None
    try:
        return Decimal(sign + cleaned)
    except InvalidOperation:
        return None
