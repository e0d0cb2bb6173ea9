"""Forms of the good-practice pages: starting a practice, its text, its photos, the
advisor's scores."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from casework.constants import Channel
from casework.flows import StaffChoiceField
from directory.constants import OrganisationKind, Role, UnitKind
from directory.models import Organisation, TerritorialUnit
from directory.roles import users_with_role

from .constants import SCORE_MAX, SCORE_MIN, PhotoLicence, ThematicArea
from .models import GoodPractice
from .photos import photo_derivatives
from .services import ERROR_PHOTO_CONSENT

ERROR_LINK = _("Line %(line)s is not a web address: %(value)s")
ERROR_PERIOD = _("The practice cannot end before it starts.")


class PracticeStartForm(forms.Form):
    """The first step: whose practice, its title and area (staff: how it arrived)."""

    title = forms.CharField(label=_("Title of the practice"), max_length=300)
    area = forms.ChoiceField(
        label=_("Thematic area"), choices=ThematicArea.choices, widget=forms.RadioSelect
    )
    organisation = forms.ModelChoiceField(
        label=_("Submitting organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations=None, on_behalf: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if on_behalf:
            # Any organisation of the region may have a practice, except the committee itself.
            self.fields["organisation"].queryset = (
                Organisation.objects.filter(is_active=True)
                .exclude(kind=OrganisationKind.COMMITTEE)
                .order_by("name")
            )
            self.fields["organisation"].help_text = _(
                "Submitting on an organisation's behalf: choose the organisation."
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


class PracticeForm(forms.ModelForm):
    """The practice's text, edited by the submitting side."""

    title = forms.CharField(label=_("Title of the practice"), max_length=300)
    gminas = forms.ModelMultipleChoiceField(
        label=_("Place (gminas)"),
        queryset=TerritorialUnit.objects.filter(kind=UnitKind.GMINA).order_by("name", "code"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one gmina."),
    )

    class Meta:
        model = GoodPractice
        fields = [
            "area",
            "gminas",
            "partners",
            "period_start",
            "period_end",
            "problem",
            "solution",
            "results",
            "figures",
            "costs",
            "funding_sources",
            "replication",
            "links",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_consent",
        ]
        widgets = {
            "area": forms.RadioSelect,
            "period_start": DateInput(),
            "period_end": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in (
                    "partners",
                    "problem",
                    "solution",
                    "results",
                    "figures",
                    "costs",
                    "funding_sources",
                    "replication",
                    "links",
                )
            },
        }

    def clean_links(self):
        validate = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        for number, line in enumerate(lines, start=1):
            if not line:
                continue
            try:
                validate(line)
            except ValidationError:
                raise ValidationError(
                    ERROR_LINK, params={"line": number, "value": line[:80]}
                ) from None
        return "\n".join(line for line in lines if line)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", ERROR_PERIOD)
        return data


class ScoreForm(forms.Form):
    """One score (1 to 5, a radio group: a fieldset with its legend) and its justification for
    every criterion in use."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        existing = {s.criterion_id: s for s in scores or []}
        choices = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]
        for criterion in self.criteria:
            score = existing.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=criterion.description,
                initial=str(score.score) if score else None,
            )
            self.fields[f"justification_{criterion.pk}"] = forms.CharField(
                label=_("Justification: %(criterion)s") % {"criterion": criterion.label},
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=score.justification if score else "",
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (
                self.cleaned_data[f"score_{c.pk}"],
                self.cleaned_data[f"justification_{c.pk}"],
            )
            for c in self.criteria
        }


class EditionForm(forms.Form):
    """The year of a catalogue edition."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class PhotoForm(forms.Form):
    """One photo with what the catalogue must know of it. The file is checked (and its
    derivatives made) here, so a refusal is the field's error; the service checks again
    whatever called it."""

    file = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP. Its location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt_text = forms.CharField(
        label=_("What the photo shows (alternative text)"),
        max_length=300,
        help_text=_(
            "Read out to people who cannot see the photo, e.g. “Cooks of the "
            "cooperative serving lunch in the school canteen”."
        ),
    )
    author = forms.CharField(label=_("Author of the photo"), max_length=200)
    licence = forms.ChoiceField(
        label=_("Licence"), choices=PhotoLicence.choices, widget=forms.RadioSelect
    )
    people_shown = forms.BooleanField(
        label=_("People can be recognised in the photo"), required=False
    )
    people_consent = forms.BooleanField(
        label=_("The people shown consented to the publication of the photo"),
        required=False,
        help_text=_("Without their consent, a photo showing people cannot be added."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload.derivatives = photo_derivatives(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("people_shown") and not data.get("people_consent"):
            self.add_error("people_consent", ERROR_PHOTO_CONSENT)
        return data


class AdvisorChoiceField(StaffChoiceField):
    """An active advisor (the second reviewer): the same lazy list and one-query check as
    the assignee's field, narrowed to advisors."""

    roles = frozenset({Role.ADVISOR})

    def _get_queryset(self):
        if self._queryset is None:
            self._queryset = (
                users_with_role(Role.ADVISOR).filter(is_active=True).order_by("full_name", "pk")
            )
        return self._queryset

    queryset = property(_get_queryset, forms.ModelChoiceField._set_queryset)


class SecondReviewerForm(forms.Form):
    reviewer = AdvisorChoiceField(
        label=_("Second reviewer"),
        help_text=_("An advisor who scores the practice beside the assignee."),
    )
