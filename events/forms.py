from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateTimeInput
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


class EventForm(forms.ModelForm):
    """The organiser's form of an event; the organiser is one of the user's organisations."""

    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    audiences = forms.MultipleChoiceField(
        label=_("Audience"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        from .models import Event

        model = Event
        fields = [
            "title", "kind", "module", "organiser", "description", "programme", "speakers",
            "gmina", "address", "online_url", "step_free", "induction_loop", "sign_language",
            "capacity", "registration_opens_at", "registration_closes_at", "audiences",
            "confirm_hours", "offer_hours", "hosts", "transport", "materials", "is_published",
        ]  # fmt: skip
        widgets = {
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "hosts": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.registry.models import RegistryEntry

        if organisers is not None:
            self.fields["organiser"].queryset = organisers
        self.fields["gmina"].queryset = TerritorialUnit.objects.filter(kind="gmina")
        self.fields["hosts"].queryset = RegistryEntry.objects.public().select_related(
            "organisation"
        )
        self.fields["hosts"].required = False
        for name in ("registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        if data.get("kind") == EventKind.WORKSHOP and not data.get("module"):
            self.add_error("module", _("A workshop belongs to one of the four modules."))
        if data.get("kind") != EventKind.WORKSHOP and data.get("module"):
            self.add_error("module", _("Only workshops have a module."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        from .models import Session

        model = Session
        fields = ["title", "starts_at", "ends_at"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("A session must end after it starts."))
        return data


def session_formset(*args, **kwargs):
    from .models import Event, Session

    factory = forms.inlineformset_factory(
        Event, Session, form=SessionForm, extra=1, can_delete=True, min_num=1,
        validate_min=True,
    )  # fmt: skip
    return factory(*args, **kwargs)


class ExhibitorForm(forms.Form):
    entry = forms.ModelChoiceField(label=_("Your entity"), queryset=None)
    offer = forms.CharField(
        label=_("What your stand will show"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Products, services, the entity's work: the organiser reads it."),
    )

    def __init__(self, *args, entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries
