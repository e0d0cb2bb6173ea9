from django import forms
from django.utils.translation import gettext_lazy as _

from directory.constants import PES_CATEGORY_OF_KIND, OrganisationKind, PESCategory
from directory.registry.constants import Sector

PAGE_SIZE = 20
ANY = _("any")
#: The legal forms of social-economy entities, for the "kind" filter.
KIND_CHOICES = [("", ANY)] + [
    (k.value, k.label) for k in OrganisationKind if k in PES_CATEGORY_OF_KIND
]


class RegistrySearchForm(forms.Form):
    """The public registry's search: every field is a GET parameter, so a URL is a search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    powiat = forms.ChoiceField(label=_("Powiat"), required=False)
    gmina = forms.ChoiceField(label=_("Gmina"), required=False)
    kind = forms.ChoiceField(label=_("Legal form"), required=False, choices=KIND_CHOICES)
    category = forms.ChoiceField(
        label=_("PES category"),
        required=False,
        choices=[("", ANY), *list(PESCategory.choices)],
    )
    ps = forms.ChoiceField(
        label=_("Social enterprise (PS) status"),
        required=False,
        choices=[("", ANY), ("yes", _("holds the status")), ("no", _("does not hold it"))],
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", ANY), *list(Sector.choices)],
    )
    ready = forms.BooleanField(label=_("Ready for public contracts"), required=False)
    sort = forms.ChoiceField(
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


class PracticeSearchForm(forms.Form):
    """The good-practice catalogue's search: every field a GET parameter, like the
    registry's, so a URL is a search."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.ChoiceField(label=_("Thematic area"), required=False)
    powiat = forms.ChoiceField(label=_("Powiat"), required=False)
    gmina = forms.ChoiceField(label=_("Gmina"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of organisation"),
        required=False,
        choices=[("", ANY), *list(OrganisationKind.choices)],
    )
    year = forms.TypedChoiceField(
        label=_("Year of publication"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, areas=(), powiats=(), gminas=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", ANY), *areas]
        self.fields["powiat"].choices = [("", ANY), *powiats]
        self.fields["gmina"].choices = [("", ANY), *gminas]
        self.fields["year"].choices = [("", ANY), *((y, str(y)) for y in years)]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) or "" for k in ("area", "powiat", "gmina", "kind")} | {
            "year": data.get("year") or None
        }
