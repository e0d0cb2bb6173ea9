"""Forms of the agreement pages: starting an agreement, its text, a party, signing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from casework.constants import Channel
from directory.constants import OrganisationKind
from directory.models import Organisation

from .models import Agreement, AgreementParty

ERROR_PERIOD = _("The agreement cannot end before it starts.")


def _organisations():
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(kind=OrganisationKind.COMMITTEE)
        .order_by("name")
    )


class AgreementStartForm(forms.Form):
    """The first step: the leader and the title (staff: how it arrived)."""

    title = forms.CharField(label=_("Title of the agreement"), max_length=300)
    organisation = forms.ModelChoiceField(
        label=_("Leading organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations=None, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if on_behalf:
            self.fields["organisation"].queryset = _organisations()
            self.fields["organisation"].help_text = _(
                "Opening on the leader's behalf: choose the leading organisation."
            )
            self.fields["channel"] = forms.ChoiceField(
                label=_("Received by"),
                choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
            )
            self.fields["date_received"] = forms.DateField(
                label=_("Date received"), widget=DateInput()
            )
        else:
            ids = [o.pk for o in organisations or []]
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids).order_by(
                "name"
            )
            if len(ids) == 1:
                self.fields["organisation"].initial = ids[0]
                self.fields["organisation"].widget = forms.HiddenInput()


class AgreementForm(forms.ModelForm):
    """The agreement's text, edited by the leading side."""

    title = forms.CharField(label=_("Title of the agreement"), max_length=300)

    class Meta:
        model = Agreement
        fields = [
            "goals",
            "scope",
            "governance",
            "start_date",
            "end_date",
            "personal_data",
            "joining_rules",
            "withdrawal_rules",
            "notice_days",
            "contacts",
            "annex_summary",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "goals",
                    "scope",
                    "governance",
                    "personal_data",
                    "joining_rules",
                    "withdrawal_rules",
                    "contacts",
                    "annex_summary",
                )
            },
        }

    def __init__(self, *args, annex: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if annex:
            self.fields["annex_summary"].required = True
            # The annex's own field comes first: what it changes.
            self.order_fields(["annex_summary", "title"])
        else:
            del self.fields["annex_summary"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", ERROR_PERIOD)
        return data


class PartyForm(forms.ModelForm):
    """A party: its obligations, contribution and representation rule."""

    class Meta:
        model = AgreementParty
        fields = [
            "obligations",
            "contribution_money",
            "contribution_in_kind",
            "representation",
            "representation_note",
        ]
        widgets = {
            "obligations": forms.Textarea(attrs={"rows": 3}),
            "contribution_in_kind": forms.Textarea(attrs={"rows": 2}),
            "representation": forms.RadioSelect,
        }

    def clean_contribution_money(self):
        value = self.cleaned_data.get("contribution_money")
        if value is not None and value < 0:
            raise forms.ValidationError(_("A contribution cannot be negative."))
        return value


class PartyAddForm(PartyForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )

    class Meta(PartyForm.Meta):
        fields = ["organisation", *PartyForm.Meta.fields]

    def __init__(self, *args, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations().exclude(pk__in=list(exclude_ids))


class SignForm(forms.Form):
    """Accept the exact version: its SHA-256 travels with the form."""

    sha256 = forms.CharField(
        label=_("SHA-256 of the version"),
        max_length=64,
        min_length=64,
        widget=forms.HiddenInput,
    )
    party = forms.ModelChoiceField(
        label=_("Signing for"), queryset=AgreementParty.objects.none(), empty_label=None
    )
    publish_consent = forms.BooleanField(
        label=_("My organisation consents to publishing the signed agreement's PDF"),
        required=False,
        help_text=_("The PDF appears in the public register only when every party consents."),
    )
    confirm = forms.BooleanField(
        label=_("I have read this version and accept it on behalf of the organisation"),
    )

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [party.pk for party in parties]
        self.fields["party"].queryset = AgreementParty.objects.filter(pk__in=ids).select_related(
            "organisation"
        )
        self.fields["party"].label_from_instance = lambda party: party.organisation.name
        if len(ids) == 1:
            self.fields["party"].initial = ids[0]
            self.fields["party"].widget = forms.HiddenInput()


class SignUploadForm(SignForm):
    """Sign by uploading the issued PDF signed with a qualified electronic signature or the
    trusted profile (PAdES)."""

    signed_pdf = forms.FileField(
        label=_("The PDF signed with a qualified signature or the trusted profile"),
        help_text=_(
            "Download the PDF issued for signing, sign it in your signing tool without changing "
            "it, and upload the signed file here."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["confirm"]

    def clean_signed_pdf(self):
        from documents.constants import ERROR_SIGNED_TOO_LARGE, SIGNED_COPY_MAX_BYTES

        upload = self.cleaned_data["signed_pdf"]
        if upload.size > SIGNED_COPY_MAX_BYTES:
            raise forms.ValidationError(ERROR_SIGNED_TOO_LARGE)
        return upload
