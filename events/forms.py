from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import TerritorialUnit

from .constants import Audience, EventKind, Module


class RegistrationForm(forms.Form):
    """The few fields a registration needs (data minimal)."""

    name = forms.CharField(label=_("First name and surname"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send the confirmation link and the calendar file here.")
    )
    institution = forms.CharField(label=_("Institution"), max_length=300, required=False)
    audience = forms.ChoiceField(label=_("You represent"), choices=Audience.choices)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. a sign-language interpreter, an induction loop, a diet."),
    )
    photo_consent = forms.BooleanField(
        label=_("I agree to photos of me taken at the event being published"), required=False
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter your first name and surname."))
        return name


class CalendarFilterForm(forms.Form):
    """The public calendar's filters (GET); an invalid value is ignored, never an error page."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *EventKind.choices]
    )
    module = forms.TypedChoiceField(
        label=_("Module"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any")), *Module.choices],
    )
    powiat = forms.ModelChoiceField(
        label=_("Powiat"),
        required=False,
        empty_label=_("any"),
        queryset=TerritorialUnit.objects.filter(kind="powiat"),
    )
