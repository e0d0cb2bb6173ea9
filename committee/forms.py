from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.widgets import DateTimeInput
from casework.models import Case

from .constants import AttendanceStatus, VoteChoice
from .services import cases_awaiting_resolution


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("starts at"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("ends at"), widget=DateTimeInput())
    place = forms.CharField(label=_("place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("online meeting link"), required=False, assume_scheme="https"
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        if not (data.get("place") or data.get("online_url")):
            self.add_error("place", _("Give a place or an online meeting link."))
        return data


class AgendaItemForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("case awaiting the committee's resolution"),
        queryset=Case.objects.none(),
        required=False,
    )
    title = forms.CharField(label=_("title of a free item"), max_length=300, required=False)
    materials = forms.CharField(
        label=_("materials for the members"), required=False, widget=forms.Textarea({"rows": 4})
    )
    needs_vote = forms.BooleanField(label=_("put to the vote"), required=False)

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases_awaiting_resolution(body)

    def clean(self):
        data = super().clean()
        if not data.get("case") and not (data.get("title") or "").strip():
            self.add_error("title", _("Choose a case or give the item a title."))
        return data


class AttendanceForm(forms.Form):
    """One choice per seat, named by the membership's id."""

    def __init__(self, *args, seats=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.seats = list(seats)
        for seat in self.seats:
            self.fields[f"seat_{seat.pk}"] = forms.ChoiceField(
                label=f"{seat.user.full_name} ({seat.get_role_display()})",
                choices=AttendanceStatus.choices,
                initial=current.get(seat.pk, AttendanceStatus.PRESENT),
            )

    def statuses(self) -> dict[int, str]:
        return {seat.pk: self.cleaned_data[f"seat_{seat.pk}"] for seat in self.seats}


class VotesForm(forms.Form):
    """The chair records each present member's vote on an item (blank: did not vote)."""

    def __init__(self, *args, voters=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.voters = list(voters)
        for user in self.voters:
            self.fields[f"voter_{user.pk}"] = forms.ChoiceField(
                label=user.full_name,
                choices=[("", _("did not vote")), *VoteChoice.choices],
                required=False,
                initial=current.get(user.pk, ""),
            )

    def votes(self):
        return [
            (user, self.cleaned_data[f"voter_{user.pk}"])
            for user in self.voters
            if self.cleaned_data.get(f"voter_{user.pk}")
        ]


class DecideForm(forms.Form):
    decide = forms.BooleanField(label=_("close the vote and count it"), required=False)


class ResolutionForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        label=_("items the resolution decides"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("on the matter of"), max_length=300)
    text = forms.CharField(label=_("text of the resolution"), widget=forms.Textarea({"rows": 8}))

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = items


class ProcedureForm(forms.Form):
    title = forms.CharField(label=_("on the matter of"), max_length=200)
    draft = forms.CharField(label=_("draft resolution"), widget=forms.Textarea({"rows": 8}))
    deadline = forms.DateTimeField(label=_("deadline for votes"), widget=DateTimeInput())
    cases = forms.ModelMultipleChoiceField(
        label=_("cases the resolution decides"),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases_awaiting_resolution(body)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return deadline


class BallotForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("minutes"), widget=forms.Textarea({"rows": 12}))
    approve = forms.BooleanField(label=_("approve the minutes (the chair)"), required=False)

    def __init__(self, *args, may_approve: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_approve:  # only the chair approves: nobody else is offered it
            del self.fields["approve"]
