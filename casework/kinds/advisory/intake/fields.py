"""Form fields of the intake: CPV codes (single and several), money, yes/no."""

import json
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from accounts.l10n import money_parse, number_format

from .constants import YesNo
from .cpv import CPV_FORMAT, CPV_UNKNOWN, cpv_lookup, normalise_code, validate_cpv_code

_SPLIT_RE = re.compile(r"[\s,;]+")


def split_codes(value) -> list[str]:
    """Codes from what was typed ("a, b; c") or stored (a list), normalised, deduplicated."""
    if value in (None, ""):
        return []
    items = value if isinstance(value, list | tuple) else _SPLIT_RE.split(str(value))
    codes: list[str] = []
    for item in items:
        code = normalise_code(str(item))
        if code and code not in codes:
            codes.append(code)
    return codes


class CPVInput(forms.TextInput):
    """A code input that shows the names of the entered codes and offers a search box.

    The search box asks the lookup endpoint with htmx; each result is a button that asks the
    server to add its code to this input. No script of ours runs, and without htmx the
    input still takes typed codes.
    """

    template_name = "advisory/intake/widgets/cpv_input.html"

    def __init__(self, attrs=None, *, multiple: bool = False):
        attrs = {"autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        super().__init__(attrs)
        self.multiple = multiple
        self.field_label = ""  # set by the field, to name the search box after it

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        entries = []
        for code in split_codes(value):
            cpv = cpv_lookup(code)
            if cpv is not None:
                entries.append(cpv)
        try:
            search_url = reverse("casework:cpv-search")
            pick_url = reverse("casework:cpv-pick")
        except NoReverseMatch:  # the lookup URLs are not wired in: plain input only
            search_url = pick_url = ""
        context["widget"].update(
            {
                "cpv_entries": entries,
                "multiple": self.multiple,
                "search_url": search_url,
                "pick_url": pick_url,
                "field_label": self.field_label,
                "search_vals": json.dumps(
                    {
                        "field": name,
                        "target": context["widget"]["attrs"].get("id", ""),
                        "multiple": "1" if self.multiple else "",
                    }
                ),
            }
        )
        return context


class CPVCodeField(forms.CharField):
    """One CPV code, typed as ``NNNNNNNN-N`` (spaces and a missing dash are tidied)."""

    default_error_messages = {"cpv_format": CPV_FORMAT, "cpv_unknown": CPV_UNKNOWN}

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CPVInput())
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.validators.append(validate_cpv_code)

    def widget_attrs(self, widget):
        widget.field_label = self.label or ""
        return super().widget_attrs(widget)

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_code(value) if value else value


class CPVMultipleField(forms.Field):
    """Several CPV codes separated by commas, semicolons or spaces; cleaned to a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", CPVInput(multiple=True))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        widget.field_label = self.label or ""
        return super().widget_attrs(widget)

    def to_python(self, value) -> list[str]:
        return split_codes(value)

    def validate(self, value):
        super().validate(value)
        errors = []
        for code in value:
            try:
                validate_cpv_code(code)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)

    def has_changed(self, initial, data):
        return split_codes(initial) != split_codes(data)


class MoneyInput(forms.TextInput):
    """Shows a stored amount grouped in the page's language ("250 000,00", "250,000.00")."""

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) or (
            isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value)
        ):
            return number_format(value)
        return super().format_value(value)


class MoneyBandInput(MoneyInput):
    """The estimated value with the threshold band it falls in, shown beside the input.

    The form sets ``band`` (a ``bands.BandResult`` or None) from what it holds, so the note is
    right after every submit without JavaScript; with htmx (served by the project) the note
    is asked for again as the value, the contract type or the social-service answer changes.
    """

    template_name = "advisory/intake/widgets/money_band_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.band = None

    def get_context(self, name, value, attrs):
        from .bands import SOURCES

        context = super().get_context(name, value, attrs)
        try:
            band_url = reverse("casework:advisory-band")
        except NoReverseMatch:
            band_url = ""
        context["widget"].update({"band": self.band, "band_url": band_url, "sources": SOURCES})
        return context


class MoneyField(forms.DecimalField):
    """An amount in złoty as people write it, the Polish or the English way: "130 000,00",
    "130000.00", "130,000.00", "130 000 zł" (accounts.l10n.money_parse)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("widget", MoneyInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            parsed = money_parse(value)
            if parsed is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = str(parsed)
        return super().to_python(value)


class YesNoField(forms.TypedChoiceField):
    """A yes/no question that can stay unanswered in a draft (a checkbox cannot)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", YesNo.choices)
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(coerce=_yes_no_to_bool, empty_value=None, **kwargs)

    def prepare_value(self, value):
        if value is True:
            return YesNo.YES
        if value is False:
            return YesNo.NO
        return value


def _yes_no_to_bool(value: str) -> bool:
    return value == YesNo.YES
