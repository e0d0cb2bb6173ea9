"""Money as people read and type it (accounts.l10n, the ``money`` filter, the intake's
MoneyField): Polish "1 450 000,00 zł", British English "PLN 1,450,000.00"; either way of
typing is accepted whatever the page's language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from accounts.l10n import money_format, money_parse, number_format
from casework.kinds.advisory.intake.fields import MoneyField

NBSP = "\u00a0"

#: (typed, parsed): the Polish and the English way, with and without the currency.
TYPED = [
    ("250 000,00", Decimal("250000.00")),
    ("250000,00", Decimal("250000.00")),
    ("250000.00", Decimal("250000.00")),
    ("250,000.00", Decimal("250000.00")),
    ("250.000,00", Decimal("250000.00")),
    ("250 000 zł", Decimal("250000")),
    ("250 000,00 zł", Decimal("250000.00")),
    ("PLN 250,000.00", Decimal("250000.00")),
    ("250,000", Decimal("250000")),
    ("1,450,000.50", Decimal("1450000.50")),
    ("1 450 000,5", Decimal("1450000.5")),
    ("1" + NBSP + "450" + NBSP + "000,00", Decimal("1450000.00")),
    ("12,5", Decimal("12.5")),
    ("12.5", Decimal("12.5")),
    ("0", Decimal("0")),
]

REFUSED = ["abc", "1,2,3", "1,23,456", "12.34.56,7,8", "1e5", "NaN", "zł", "--5"]


@pytest.mark.parametrize(("typed", "value"), TYPED)
def test_money_parse_accepts_polish_and_english_typing(typed, value):
    assert money_parse(typed) == value


@pytest.mark.parametrize("typed", REFUSED)
def test_money_parse_refuses_what_is_not_an_amount(typed):
    assert money_parse(typed) is None


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("pl", "1450000.00", f"1{NBSP}450{NBSP}000,00{NBSP}zł"),
        ("pl", Decimal("250000"), f"250{NBSP}000,00{NBSP}zł"),
        ("pl", "12.5", f"12,50{NBSP}zł"),
        ("en", "1450000.00", f"PLN{NBSP}1,450,000.00"),
        ("en", Decimal("250000"), f"PLN{NBSP}250,000.00"),
        ("en", "12.5", f"PLN{NBSP}12.50"),
        ("pl", None, ""),
        ("en", "", ""),
    ],
)
def test_money_is_shown_grouped_in_the_page_language(language, value, shown):
    with translation.override(language):
        assert money_format(value) == shown
        assert Template("{% load money %}{{ v|money }}").render(Context({"v": value})) == shown


@given(
    st.decimals(
        min_value=Decimal("0"),
        max_value=Decimal("999999999999.99"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
    st.sampled_from(["pl", "en"]),
)
def test_what_is_shown_parses_back_to_the_same_amount(value, language):
    assert money_parse(money_format(value, language=language)) == value
    assert money_parse(number_format(value, language=language)) == value


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize("typed", ["250,000.00", "250 000,00", "250000.00"])
def test_the_value_field_accepts_both_ways_in_either_language(language, typed):
    with translation.override(language):
        assert MoneyField().clean(typed) == Decimal("250000.00")


def test_the_value_field_refuses_a_garbled_amount_with_its_message():
    from django.core.exceptions import ValidationError

    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        MoneyField().clean("12,34,56")
    assert refused.value.code == "invalid"


@pytest.mark.parametrize(
    ("language", "shown"), [("pl", f"1{NBSP}450{NBSP}000,00"), ("en", "1,450,000.00")]
)
def test_the_value_input_shows_a_stored_amount_grouped(language, shown):
    field = MoneyField()
    with translation.override(language):
        html = field.widget.render("v", "1450000.00")
    assert f'value="{shown}"' in html
