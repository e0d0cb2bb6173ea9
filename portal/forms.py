import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.constants import PES_CATEGORY_OF_KIND, OrganisationKind, PESCategory
from directory.registry.constants import Sector

PAGE_SIZE = 20
ANY = _("any")
#: The legal forms of social-economy entities, for the "kind" filter.
KIND_CHOICES = [("", ANY)] + [
    (k.value, k.label) for k in OrganisationKind if k in PES_CATEGORY_OF_KIND
]


#: Rendered ``<option>`` lists by language and choices (see ``PlainSelect``); small.
_OPTIONS: dict[tuple, tuple[str, tuple[tuple[str, str], ...]]] = {}
_OPTIONS_MAX = 256


def _options(choices) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(html, ((value, option html), ...))`` of ``choices``, none selected. Cached by the
    language and the choices: labels that are lazy translations count by identity (they
    are module constants), plain labels by text."""
    key = (
        get_language(),
        tuple((v, label if isinstance(label, str) else id(label)) for v, label in choices),
    )
    cached = _OPTIONS.get(key)
    if cached is None:
        parts = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            text = str(label)
            if not isinstance(label, SafeData):
                text = html.escape(text)  # what django.utils.html.escape calls
            parts.append(
                (option_value, f'<option value="{html.escape(option_value)}">{text}</option>')
            )
        cached = ("\n".join(p for _v, p in parts), tuple(parts))
        if len(_OPTIONS) >= _OPTIONS_MAX:
            _OPTIONS.clear()
        _OPTIONS[key] = cached
    return cached


class PlainSelect(forms.Select):
    """Django's ``<select>`` markup, built in Python instead of through one template per
    option, and its options rendered once per language: the place filters have ~120
    options, which the template widget renders in milliseconds on every search."""

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _v, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups
        options, parts = _options(self.choices)
        selected = set(self.format_value(value))
        for option_value, option in parts:
            if option_value in selected:  # a single select marks only its first match
                marked = option.replace(">", " selected>", 1)
                options = options.replace(option, marked, 1)
                break
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 (escaped in _options)
        )


class PlainCheckbox(forms.CheckboxInput):
    """Django's checkbox markup, built in Python (see ``PlainSelect``)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.check_test(value):
            attrs["checked"] = True
        formatted = self.format_value(value)
        if formatted is not None:
            attrs["value"] = formatted
        return format_html('<input type="checkbox" name="{}"{}>', name, flatatt(attrs))


class PlainChoiceField(forms.ChoiceField):
    """A choice field whose choices are ``(value, label)`` pairs, kept as given: Django would
    normalise them twice and deep-copy them for every form, and these are never changed
    in place (a form assigns new lists)."""

    widget = PlainSelect

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)  # shares the choices list

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget._choices = list(value)


class RegistrySearchForm(forms.Form):
    """The public registry's search: every field is a GET parameter, so a URL is a search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    powiat = PlainChoiceField(label=_("Powiat"), required=False)
    gmina = PlainChoiceField(label=_("Gmina"), required=False)
    kind = PlainChoiceField(label=_("Legal form"), required=False, choices=KIND_CHOICES)
    category = PlainChoiceField(
        label=_("PES category"),
        required=False,
        choices=[("", ANY), *list(PESCategory.choices)],
    )
    ps = PlainChoiceField(
        label=_("Social enterprise (PS) status"),
        required=False,
        choices=[("", ANY), ("yes", _("holds the status")), ("no", _("does not hold it"))],
    )
    sector = PlainChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", ANY), *list(Sector.choices)],
    )
    ready = forms.BooleanField(
        label=_("Ready for public contracts"), required=False, widget=PlainCheckbox
    )
    sort = PlainChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("", _("relevance, then name")), ("name", _("name (A-Z)"))],
    )

    def __init__(self, *args, powiats=(), gminas=(), **kwargs):
        """``powiats`` and ``gminas``: ``(code, name)`` pairs (``place_choices()``)."""
        super().__init__(*args, **kwargs)
        self.fields["powiat"].choices = [("", ANY), *powiats]
        self.fields["gmina"].choices = [("", ANY), *gminas]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            k: data.get(k) or "" for k in ("powiat", "gmina", "kind", "category", "ps", "sector")
        } | {"ready": bool(data.get("ready"))}
