import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateInput
from workflows.calendar import today

from .funder import row_choices
from .indicators import INDICATORS, Period
from .models import FunderColumn

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class PeriodForm(forms.Form):
    """The period of the indicators: from a day to a day, both included (default: this
    calendar year). A bad or missing value falls back to the default, with the form's error."""

    start = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    end = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, value in (("start", start), ("end", end)):
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Give a date between 2000 and 2100."))
        if start and end and end < start:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def period(self) -> Period:
        year = today().year
        default = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        if not self.is_valid():
            return default
        return Period(
            self.cleaned_data.get("start") or default.start,
            self.cleaned_data.get("end") or default.end,
        )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ProgressEntryForm(forms.ModelForm):
    """What the coordinator records for an activity esflow does not count itself."""

    class Meta:
        from .models import ProgressEntry

        model = ProgressEntry
        fields = ["activity", "on", "quantity", "note"]
        widgets = {"on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Activity

        self.fields["activity"].queryset = Activity.objects.filter(source="").select_related("task")

    def clean_on(self):
        on = self.cleaned_data["on"]
        if not EARLIEST <= on <= LATEST:
            raise forms.ValidationError(_("Give a date between 2000 and 2100."))
        return on


class FunderColumnForm(forms.ModelForm):
    """The admin's form of a funder's column: the indicator from a list, the row checked
    against the indicator's row keys."""

    class Meta:
        model = FunderColumn
        fields = ["position", "funder_name", "indicator", "row"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"] = forms.ChoiceField(
            label=self.fields["indicator"].label,
            choices=[(slug, f"{i.title} ({slug})") for slug, i in INDICATORS.items()],
        )

    def clean(self):
        data = super().clean()
        slug = data.get("indicator")
        if slug is None:
            return data
        keys = row_choices(slug)
        if data.get("row", "") not in keys:
            self.add_error(
                "row",
                _("The indicator has no such row. Its rows: %(keys)s")
                % {"keys": ", ".join(k or str(_("(empty: the total)")) for k in keys)},
            )
        return data
