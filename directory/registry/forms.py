from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput

from .constants import PSPurpose, RecordSource, Sector, SocialService
from .services import PROPOSABLE_FIELDS


class ProposalForm(forms.Form):
    """What a representative may propose for their own entry."""

    name = forms.CharField(label=_("Name"), max_length=300)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{2}-\d{3}$",
        required=False,
        error_messages={"invalid": _("Enter a postal code like 25-001.")},
    )
    locality = forms.CharField(label=_("Locality"), max_length=120, required=False)
    email = forms.EmailField(label=_("Public e-mail"), required=False)
    phone = forms.CharField(label=_("Public phone"), max_length=40, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    offer = forms.CharField(
        label=_("Products and services offered"), widget=forms.Textarea, required=False
    )
    ready_for_public_contracts = forms.BooleanField(
        label=_("Ready for public contracts"), required=False
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    social_services = forms.MultipleChoiceField(
        label=_("Social services offered"),
        choices=SocialService.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent_address = forms.BooleanField(label=_("Publish the address"), required=False)
    consent_contact = forms.BooleanField(label=_("Publish the contact"), required=False)
    consent_activity = forms.BooleanField(
        label=_("Publish the activity (PKD, sectors, services)"), required=False
    )
    consent_employment = forms.BooleanField(label=_("Publish employment"), required=False)
    consent_offer = forms.BooleanField(label=_("Publish the offer"), required=False)
    consent_ps_status = forms.BooleanField(label=_("Publish the PS status"), required=False)
    comment = forms.CharField(
        label=_("Comment for the reviewer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in PROPOSABLE_FIELDS}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV (UTF-8) or XLSX file"),
        help_text=_("The first row names the columns; see the list of columns below."),
    )
    apply = forms.BooleanField(
        label=_("Store the changes (leave unticked for a dry run that stores nothing)"),
        required=False,
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if not file.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if file.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return file


class PSGrantForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=PSPurpose.choices)
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(label=_("Decision date"), widget=DateInput())
    final_date = forms.DateField(label=_("Final on"), required=False, widget=DateInput())
    on_art19_list = forms.BooleanField(label=_("Entered in the art. 19 list"), required=False)


class PSLoseForm(forms.Form):
    lost_on = forms.DateField(label=_("Status lost on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for losing the status"), max_length=300)


class EntryEditForm(ProposalForm):
    """A coordinator's edit of an entry: everything a representative may propose, and more."""

    kind = forms.ChoiceField(label=_("Legal form"))
    nip = forms.CharField(label=_("NIP"), max_length=13, required=False)
    regon = forms.CharField(label=_("REGON"), max_length=17, required=False)
    krs = forms.CharField(label=_("KRS"), max_length=10, required=False)
    gmina = forms.ModelChoiceField(label=_("Gmina"), queryset=None, required=False)
    founding_entity = forms.ModelChoiceField(
        label=_("Founding entity"),
        queryset=None,
        required=False,
        help_text=_("For a WTZ, ZAZ, CIS or KIS: the legal person that runs it."),
    )
    other_register = forms.CharField(label=_("Other register"), max_length=200, required=False)
    registration_date = forms.DateField(
        label=_("Registration date"), required=False, widget=DateInput()
    )
    source = forms.ChoiceField(label=_("Record source"), choices=RecordSource.choices)
    published = forms.BooleanField(label=_("Consent to publish the entry"), required=False)

    field_order = [
        "name", "short_name", "kind", "nip", "regon", "krs", "other_register", "registration_date",
        "founding_entity", "street", "postal_code", "locality", "gmina", "email", "phone",
        "website", "offer", "ready_for_public_contracts", "sectors", "social_services", "source",
        "published",
    ]  # fmt: skip

    def __init__(self, *args, entry, **kwargs):
        from ..constants import PES_CATEGORY_OF_KIND, OrganisationKind, UnitKind
        from ..models import Organisation, TerritorialUnit

        super().__init__(*args, **kwargs)
        del self.fields["comment"]
        self.fields["kind"].choices = [
            (k.value, k.label) for k in OrganisationKind if k in PES_CATEGORY_OF_KIND
        ]
        self.fields["gmina"].queryset = TerritorialUnit.objects.filter(
            kind=UnitKind.GMINA
        ).order_by("name")
        self.fields["founding_entity"].queryset = (
            Organisation.objects.filter(is_active=True).exclude(pk=entry.pk).order_by("name")
        )

    def clean(self):
        from ..validators import normalise_digits

        data = super().clean()
        for f in ("nip", "regon"):
            if data.get(f):
                data[f] = normalise_digits(data[f])
        return data

    def values(self) -> dict:
        return dict(self.cleaned_data.items())


HISTORY_ONLY_LABELS = {
    "pkd": _("PKD codes"),
    "places": _("Places of activity"),
    "ps_status": _("Social enterprise status"),
}


def field_label(name: str) -> str:
    """The translated label of an entry field, as the forms show it; the name if unknown."""
    field = ProposalForm.base_fields.get(name) or EntryEditForm.base_fields.get(name)
    if field:
        return field.label
    return HISTORY_ONLY_LABELS.get(name, name)
