"""Polish identifiers. Checksums come from django-localflavor; the messages are ours."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from localflavor.pl.forms import PLNIPField, PLREGONField

NIP_INVALID = _("Enter a NIP of 10 digits (dashes allowed).")
NIP_CHECKSUM = _("This NIP has a wrong check digit.")
REGON_INVALID = _("Enter a REGON of 9 or 14 digits.")
REGON_CHECKSUM = _("This REGON has a wrong check digit.")
KRS_INVALID = _("Enter a KRS number of exactly 10 digits.")
TERC_INVALID = _("Enter a TERYT code of 2, 4 or 7 digits.")

_nip_field = PLNIPField()
_regon_field = PLREGONField()


def normalise_digits(value: str) -> str:
    """Drop spaces and dashes people type inside identifiers."""
    return re.sub(r"[\s-]", "", value or "")


def validate_nip(value: str) -> None:
    digits = normalise_digits(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(NIP_INVALID, code="invalid")
    if not _nip_field.has_valid_checksum(digits):
        raise ValidationError(NIP_CHECKSUM, code="checksum")


def validate_regon(value: str) -> None:
    digits = normalise_digits(value)
    if not re.fullmatch(r"\d{9}|\d{14}", digits):
        raise ValidationError(REGON_INVALID, code="invalid")
    if not _regon_field.has_valid_checksum(digits):
        raise ValidationError(REGON_CHECKSUM, code="checksum")


def validate_krs(value: str) -> None:
    if not re.fullmatch(r"\d{10}", value or ""):
        raise ValidationError(KRS_INVALID, code="invalid")


def validate_terc(value: str) -> None:
    if not re.fullmatch(r"\d{2}|\d{4}|\d{7}", value or ""):
        raise ValidationError(TERC_INVALID, code="invalid")
