"""Forms of the advisory pages: starting a request, its draft's title and consent, the
opinion's draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from casework.constants import Channel
from directory.constants import MUNICIPAL_KINDS
from directory.models import Organisation

from .intake.constants import Topic

ERROR_FILING_DATE = _("Give the date the request was received.")
ERROR_FILING_CHANNEL = _("Choose how the request arrived (phone, paper or e-mail).")


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


class ClauseForm(forms.Form):
    """One draft clause of the opinion, as the advisor edits it (type and version stay)."""

    clause_type = forms.CharField(widget=forms.HiddenInput, max_length=32)
    template_version = forms.CharField(widget=forms.HiddenInput, max_length=12, required=False)
    title = forms.CharField(
        label=_("Title of the clause"),
        max_length=300,
        widget=forms.TextInput(attrs={"lang": "pl"}),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "pl"}),
    )
    text = forms.CharField(
        label=_("Text of the clause"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10, "lang": "pl"}),
    )

    def clean_clause_type(self):
        from .clauses import TEMPLATE_CLAUSE_TYPES

        value = self.cleaned_data["clause_type"]
        if value not in TEMPLATE_CLAUSE_TYPES:
            raise forms.ValidationError(_("Unknown clause type."), code="unknown")
        return value


class BaseClauseFormSet(forms.BaseFormSet):
    def clauses(self) -> list[dict]:
        """The kept clauses (deleted ones left out) as the opinion stores them."""
        keys = ("clause_type", "title", "legal_basis", "text", "template_version")
        return [
            {key: form.cleaned_data.get(key, "") for key in keys}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


#: The draft clauses under the opinion's draft: no extra empty forms (clauses come from the
#: templates, never typed from nothing); each may be removed.
ClauseFormSet = forms.formset_factory(
    ClauseForm, formset=BaseClauseFormSet, extra=0, can_delete=True, max_num=20, validate_max=True
)


def clause_formset(data=None, *, clauses=()) -> BaseClauseFormSet:
    formset = ClauseFormSet(
        data, initial=None if data is not None else list(clauses), prefix="clause"
    )
    for form in formset.forms:
        form.fields["DELETE"].label = _("Remove this clause")
    return formset


class ClauseInsertForm(forms.Form):
    """The clause types to insert into the draft, the suggested ones ticked."""

    insert_clause_types = forms.MultipleChoiceField(
        label=_("Draft clauses to insert"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, suggestions=(), present=(), **kwargs):
        from .intake.constants import ClauseType

        super().__init__(*args, **kwargs)
        labels = dict(ClauseType.choices)
        self.suggestions = {s.clause_type: s for s in suggestions}
        field = self.fields["insert_clause_types"]
        field.choices = [
            (s.clause_type, labels[s.clause_type])
            for s in suggestions
            if s.clause_type not in set(present)
        ]
        field.initial = [
            value for value, _label in field.choices if self.suggestions[value].suggested
        ]

    def options(self) -> list[dict]:
        """Each choice with its checkbox and the reasons it is (or is not) suggested."""
        return [
            {
                "widget": widget,
                "suggested": self.suggestions[widget.data["value"]].suggested,
                "reasons": self.suggestions[widget.data["value"]].reasons,
            }
            for widget in self["insert_clause_types"]
        ]


class ClauseTemplateForm(forms.Form):
    """A coordinator's edit of a clause template; saving it makes a new version."""

    title = forms.CharField(
        label=_("Title of the clause"),
        max_length=300,
        widget=forms.TextInput(attrs={"lang": "pl"}),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "pl"}),
    )
    text = forms.CharField(
        label=_("Text of the clause"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "lang": "pl"}),
        help_text=_(
            "These markers are filled in from the request: {zamawiajacy}, {przedmiot}, "
            "{grupy_docelowe}, {liczba_osob}, {czas_trwania}, {czesci}. Leave gaps for the "
            "gmina in square brackets, e.g. [kwota]."
        ),
    )
