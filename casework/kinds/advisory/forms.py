"""Forms of the advisory pages: starting a request, its draft's title and consent, the
opinion's draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.constants import Channel
from directory.constants import MUNICIPAL_KINDS
from directory.models import Organisation

from .intake.constants import Topic

ERROR_FILING_DATE = _("Give the date the request was received.")
ERROR_FILING_CHANNEL = _("Choose how the request arrived (phone, paper or e-mail).")


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


class AdvisoryStartForm(forms.Form):
    """The first step of a request: topic and title (and, for staff, whose request it is)."""

    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Title of the request"),
        max_length=300,
        help_text=_("A short name, e.g. social clauses in a catering tender."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Requesting organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations=None, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.on_behalf = on_behalf
        if on_behalf:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                kind__in=MUNICIPAL_KINDS, is_active=True
            ).order_by("name")
            self.fields["organisation"].help_text = _(
                "Filing on a gmina's behalf: choose the gmina or its unit."
            )
            self.fields["channel"] = forms.ChoiceField(
                label=_("Received by"),
                choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
            )
            self.fields["date_received"] = forms.DateField(
                label=_("Date received"),
                widget=DateInput(),
                help_text=_("The deadline counts from this day."),
            )
        else:
            queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations or []]
            ).order_by("name")
            self.fields["organisation"].queryset = queryset
            if len(organisations or []) == 1:
                self.fields["organisation"].initial = organisations[0].pk
                self.fields["organisation"].widget = forms.HiddenInput()


class DraftMetaForm(forms.Form):
    title = forms.CharField(label=_("Title of the request"), max_length=300)
    consent_to_publish = forms.BooleanField(
        label=_("I agree that an anonymised version of the opinion may be published"),
        required=False,
        help_text=_(
            "Only with this consent may the office publish the opinion on the portal, "
            "without names or contact details."
        ),
    )


class OpinionForm(forms.Form):
    text = forms.CharField(
        label=_("Opinion"), max_length=50000, widget=forms.Textarea(attrs={"rows": 12})
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    legal_references = forms.CharField(
        label=_("Legal references"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. art. 96 ust. 2 pkt 2 Pzp; art. 2 pkt 5 UES."),
    )
