"""The test kind's intake page, built only from casework's shared pieces: ``case_create``
opens the draft, the kind adds its detail row, and the case page is casework's own."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from casework.services import case_create
from directory.roles import current_memberships

from .flow import TestFlow
from .kind import may_create
from .models import TestDetail


class TestCaseForm(forms.Form):
    __test__ = False  # not a pytest test class

    organisation = forms.ModelChoiceField(queryset=None, label="Organisation")
    title = forms.CharField(max_length=300, label="Title")
    note = forms.CharField(max_length=200, label="Note")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )


@transaction.atomic
def test_case_create(*, requesting_organisation, title: str, note: str, filed_by):
    """A draft of the test kind with its detail row, in one transaction."""
    case = case_create(
        kind=TestFlow.kind,
        title=title,
        requesting_organisation=requesting_organisation,
        filed_by=filed_by,
    )
    TestDetail.objects.create(case=case, note=note)
    return case


test_case_create.__test__ = False


@login_required
def test_case_new(request):
    if not may_create(request.user):
        raise Http404
    organisations = [m.organisation for m in current_memberships(request.user)]
    form = TestCaseForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        case = test_case_create(
            requesting_organisation=form.cleaned_data["organisation"],
            title=form.cleaned_data["title"],
            note=form.cleaned_data["note"],
            filed_by=request.user,
        )
        return redirect("casework:case-detail", pk=case.pk)
    return render(request, "testkind/new.html", {"form": form}, status=400 if form.errors else 200)


test_case_new.__test__ = False
