"""Forms of the queues: the filter (GET), bulk assignment and saving a filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.constants import UnitKind
from directory.models import TerritorialUnit

from ..registry import registered_kinds
from . import reads as queues
from .widgets import FilterSelect

#: The page's table style (config/formats); ISO dates (saved filters, links) are accepted too.
DATE_HELP = _("As DD/MM/YYYY, e.g. 31/03/2026.")
ERROR_DATES = _("The start of the due-date range must not be after its end.")
ERROR_NO_CASES = _("Choose at least one case.")
ERROR_FILTER_NAME_TAKEN = _("You already have a saved filter with this name.")


class DateInput(forms.DateInput):
    """A plain text field in the page's short date style (31.03.2026, 31/03/2026): the
    browser's date picker adds a Tab stop whose focus no style can show, which fails the
    visible-focus rule."""

    input_type = "text"

    def __init__(self, **kwargs):
        super().__init__(attrs={"inputmode": "numeric", "size": 10}, **kwargs)


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Number, title or organisation name; letters with or without accents."),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=FilterSelect)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=FilterSelect)
    powiat = forms.ChoiceField(label=_("Powiat"), required=False, widget=FilterSelect)
    gmina = forms.ChoiceField(label=_("Gmina"), required=False, widget=FilterSelect)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False, widget=FilterSelect)
    due_from = forms.DateField(
        label=_("Due from"), required=False, widget=DateInput(), help_text=DATE_HELP
    )
    due_to = forms.DateField(
        label=_("Due until"), required=False, widget=DateInput(), help_text=DATE_HELP
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, widget=FilterSelect)

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + queues.kind_choices()
        self.fields["status"].choices = everything + queues.status_choices()
        # Powiats and gminas in one query, as (pk, label) pairs: no unit objects to build.
        units = {UnitKind.POWIAT: [], UnitKind.GMINA: []}
        formats = {kind: TerritorialUnit.label_format(kind) for kind in units}
        for pk, kind, name in TerritorialUnit.objects.filter(kind__in=units).values_list(
            "pk", "kind", "name"
        ):
            units[kind].append((pk, formats[kind] % {"name": name}))
        self.fields["powiat"].choices = everything + units[UnitKind.POWIAT]
        self.fields["gmina"].choices = everything + units[UnitKind.GMINA]
        people = assignees if assignees is not None else queues.staff_users()
        self.fields["assignee"].choices = (
            everything
            + [("none", _("Nobody"))]
            + [(str(u.pk), u.full_name or u.email) for u in people]
        )
        self.fields["sort"].choices = list(queues.SORT_LABELS.items())
        # Each kind's own filters (e.g. a topic), right after the kind.
        extras = []
        for kind in registered_kinds().values():
            for extra in kind.queue_filters:
                self.fields[extra.name] = extra.field()
                extras.append(extra.name)
        if extras:
            shared = [name for name in self.fields if name not in extras]
            at = shared.index("kind") + 1
            self.order_fields(shared[:at] + extras + shared[at:])

    def clean(self):
        data = super().clean()
        start, end = data.get("due_from"), data.get("due_to")
        if start and end and start > end:
            self.add_error("due_to", ERROR_DATES)
        return data

    def filters(self) -> dict:
        """The cleaned filters, or none at all when the form is invalid."""
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class BulkAssignForm(forms.Form):
    cases = forms.TypedMultipleChoiceField(label=_("Cases"), coerce=int, choices=())
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, case_ids=(), assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].choices = [(pk, pk) for pk in case_ids]
        self.fields["cases"].error_messages["required"] = ERROR_NO_CASES
        self.fields["assignee"].queryset = (
            assignees if assignees is not None else queues.staff_users()
        )


class SaveFilterForm(forms.Form):
    name = forms.CharField(label=_("Name of the filter"), max_length=80)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
