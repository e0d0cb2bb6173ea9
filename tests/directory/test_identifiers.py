"""NIP and REGON are checked by their check digit, KRS by its length; messages translated."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from directory.constants import OrganisationKind
from directory.models import Organisation
from directory.validators import validate_krs, validate_nip, validate_regon

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON9_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
REGON14_WEIGHTS = (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)


def nip_check(first9: str) -> int:
    return sum(int(d) * w for d, w in zip(first9, NIP_WEIGHTS, strict=True)) % 11


def regon_check(body: str, weights) -> str:
    return str(sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10)


def valid_nip(first9: str) -> str:
    check = nip_check(first9)
    assert check != 10, "no NIP starts with these digits"
    return first9 + str(check)


def valid_regon9(first8: str) -> str:
    return first8 + regon_check(first8, REGON9_WEIGHTS)


def valid_regon14(regon9: str, local4: str) -> str:
    body = regon9 + local4
    return body + regon_check(body, REGON14_WEIGHTS)


def wrong_last_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


# Real-format examples: NIP prefixes are tax-office codes (657 = Kielce), REGON 9 + 14 digits.
VALID_NIPS = [valid_nip("657000123"), valid_nip("959148652"), valid_nip("526025098")]
VALID_REGONS = [
    valid_regon9("29100912"),
    valid_regon9("00052987"),
    valid_regon14(valid_regon9("29100912"), "0001"),
]


def messages_of(validator, value, language):
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            validator(value)
        return [str(m) for m in refused.value.messages]


@pytest.mark.parametrize("nip", VALID_NIPS)
def test_valid_nip_passes(nip):
    validate_nip(nip)
    validate_nip(f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}")


@pytest.mark.parametrize("regon", VALID_REGONS)
def test_valid_regon_passes(regon):
    validate_regon(regon)


def test_valid_krs_passes():
    validate_krs("0000123456")


@pytest.mark.parametrize(
    ("language", "message"),
    [("pl", "Ten NIP ma błędną cyfrę kontrolną."), ("en", "This NIP has a wrong check digit.")],
)
@pytest.mark.parametrize("nip", VALID_NIPS)
def test_nip_with_wrong_check_digit_is_refused_in_the_users_language(nip, language, message):
    assert messages_of(validate_nip, wrong_last_digit(nip), language) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pl", "Podaj NIP z 10 cyfr (myślniki są dozwolone)."),
        ("en", "Enter a NIP of 10 digits (dashes allowed)."),
    ],
)
@pytest.mark.parametrize("value", ["123456789", "12345678901", "65700012X4", ""])
def test_nip_of_wrong_shape_is_refused(value, language, message):
    assert messages_of(validate_nip, value, language) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [("pl", "Ten REGON ma błędną cyfrę kontrolną."), ("en", "This REGON has a wrong check digit.")],
)
@pytest.mark.parametrize("regon", VALID_REGONS)
def test_regon_with_wrong_check_digit_is_refused(regon, language, message):
    assert messages_of(validate_regon, wrong_last_digit(regon), language) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [("pl", "Podaj REGON z 9 lub 14 cyfr."), ("en", "Enter a REGON of 9 or 14 digits.")],
)
@pytest.mark.parametrize("value", ["12345678", "1234567890", "2910091230001X"])
def test_regon_of_wrong_length_is_refused(value, language, message):
    assert messages_of(validate_regon, value, language) == [message]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pl", "Podaj numer KRS złożony z dokładnie 10 cyfr."),
        ("en", "Enter a KRS number of exactly 10 digits."),
    ],
)
@pytest.mark.parametrize("value", ["123456789", "00001234567", "000012345X", "0000-12345"])
def test_krs_of_wrong_length_is_refused(value, language, message):
    assert messages_of(validate_krs, value, language) == [message]


@given(st.from_regex(r"\A[1-9]\d{8}\Z"))
def test_any_nip_with_its_computed_check_digit_passes_and_others_fail(first9):
    check = nip_check(first9)
    for digit in range(10):
        candidate = first9 + str(digit)
        if digit == check:
            validate_nip(candidate)
        else:
            with pytest.raises(ValidationError):
                validate_nip(candidate)


@pytest.mark.django_db
def test_organisation_form_validation_uses_the_identifier_rules():
    org = Organisation(
        name="Spółdzielnia Socjalna Przykład",
        kind=OrganisationKind.SOCIAL_COOPERATIVE,
        nip=wrong_last_digit(VALID_NIPS[0]),
        regon="12345",
        krs="123",
    )
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            org.full_clean()
        errors = {field: [str(m) for m in ms] for field, ms in refused.value.message_dict.items()}
    assert errors["nip"] == ["This NIP has a wrong check digit."]
    assert errors["regon"] == ["Enter a REGON of 9 or 14 digits."]
    assert errors["krs"] == ["Enter a KRS number of exactly 10 digits."]
    org.nip, org.regon, org.krs = VALID_NIPS[0], VALID_REGONS[0], "0000123456"
    org.full_clean()
