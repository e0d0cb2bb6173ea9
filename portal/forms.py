import html

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directory.constants import PES_CATEGORY_OF_KIND, OrganisationKind, PESCategory
from directory.registry.constants import Sector

PAGE_SIZE = 20


class PlainSelect(forms.Select):
    """Django's ``<select>`` markup, built in Python instead of through one template per
    option: the place filters have ~120 options, which the template widget renders in
    milliseconds on every search."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)  # option groups
            option_value = "" if option_value is None else str(option_value)
            mark = ""
            if option_value in selected:
                mark = " selected"
                selected = ()  # a single select marks only its first match
            # html.escape is what django.utils.html.escape calls, without its lazy check.
            options.append(
                f'<option value="{html.escape(option_value)}"{mark}>'
                f"{html.escape(str(label))}</option>"
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("\n".join(options)),  # noqa: S308 (each part escaped above)
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
    kind = PlainChoiceField(label=_("Legal form"), required=False)
    category = PlainChoiceField(
        label=_("PES category"),
        required=False,
        choices=[("", _("any")), *list(PESCategory.choices)],
    )
    ps = PlainChoiceField(
        label=_("Social enterprise (PS) status"),
        required=False,
        choices=[("", _("any")), ("yes", _("holds the status")), ("no", _("does not hold it"))],
    )
    sector = PlainChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("any")), *list(Sector.choices)],
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
        any_ = [("", _("any"))]
        self.fields["powiat"].choices = any_ + list(powiats)
        self.fields["gmina"].choices = any_ + list(gminas)
        self.fields["kind"].choices = any_ + [
            (k.value, k.label) for k in OrganisationKind if k in PES_CATEGORY_OF_KIND
        ]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            k: data.get(k) or "" for k in ("powiat", "gmina", "kind", "category", "ps", "sector")
        } | {"ready": bool(data.get("ready"))}
