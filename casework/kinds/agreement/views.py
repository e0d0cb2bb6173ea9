"""The agreement pages: starting an agreement, editing its text and parties, signing. Thin:
fetch through ``visible_case`` (404), check through the permission rules (403 for who sees
the case but may not act), validate, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.constants import Channel
from casework.outcomes import done_message
from casework.services import case_transition
from casework.views import visible_case
from directory.roles import current_memberships, is_staff
from workflows.exceptions import TransitionRefused

from .constants import AgreementStatus as S
from .forms import (
    AgreementForm,
    AgreementStartForm,
    PartyAddForm,
    PartyForm,
    SignForm,
    SignUploadForm,
)
from .models import Agreement, AgreementParty
from .services import (
    agreement_create,
    agreement_sign,
    agreement_sign_upload,
    agreement_update,
    may_create,
    may_edit_agreement,
    may_sign,
    may_start_from,
    parties_to_sign,
    party_add,
    party_remove,
    party_update,
)


def _agreement_or_404(case) -> Agreement:
    try:
        return case.agreement
    except Agreement.DoesNotExist:  # a case of another kind
        raise Http404 from None


def _party_or_404(agreement, pk) -> AgreementParty:
    party = agreement.parties.select_related("organisation").filter(pk=pk).first()
    if party is None:
        raise Http404
    return party


@login_required
def agreement_new(request):
    if not may_create(request.user):
        raise Http404
    on_behalf = is_staff(request.user)
    organisations = [m.organisation for m in current_memberships(request.user)]
    form = AgreementStartForm(
        request.POST or None, organisations=organisations, on_behalf=on_behalf
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = agreement_create(
                    requesting_organisation=data["organisation"],
                    title=data["title"],
                    filed_by=request.user,
                    channel=data.get("channel") or Channel.ONLINE,
                    date_received=data.get("date_received"),
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                return redirect("casework:agreement-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request, "agreement/new.html", {"form": form, "on_behalf": on_behalf}, status=status
    )


@login_required
def agreement_from_case(request, pk: int):
    """Start an agreement from another case (an advisory case on cooperation): its requesting
    organisation leads, the title and goals are prefilled, and the link is kept both ways."""
    source = visible_case(request.user, pk)
    if not may_start_from(request.user, source):
        raise PermissionDenied
    on_behalf = is_staff(request.user)
    leader = source.requesting_organisation
    form = AgreementStartForm(
        request.POST or None,
        organisations=[leader],
        on_behalf=on_behalf,
        initial={
            "title": _("Partnership agreement: %(title)s") % {"title": source.title},
            "organisation": leader.pk,
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = agreement_create(
                    requesting_organisation=data["organisation"],
                    title=data["title"],
                    filed_by=request.user,
                    channel=data.get("channel") or Channel.ONLINE,
                    date_received=data.get("date_received"),
                    origin_case=source,
                    goals=_("Following case %(number)s: %(title)s")
                    % {"number": source.number, "title": source.title},
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                return redirect("casework:agreement-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "agreement/new.html",
        {"form": form, "on_behalf": on_behalf, "source": source},
        status=status,
    )


def _edit_page(request, case, agreement, *, form=None, party_form=None, status=200):
    exclude = agreement.parties.values_list("organisation_id", flat=True)
    return render(
        request,
        "agreement/edit.html",
        {
            "case": case,
            "agreement": agreement,
            "form": form
            or AgreementForm(
                instance=agreement,
                initial={"title": case.title},
                annex=agreement.in_force_version_id is not None,
            ),
            "party_form": party_form or PartyAddForm(exclude_ids=exclude, prefix="party"),
            "parties": agreement.ordered_parties(),
            "asked": case.status == S.AWAITING_INFO,
            "submits": case.status in (S.DRAFT, S.AMENDING),
            "annex": case.status == S.AMENDING,
        },
        status=status,
    )


@login_required
def agreement_edit(request, pk: int):
    """The leading side edits the agreement (a draft, or while the reviewer awaits its
    answer) and submits the draft."""
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    if not may_edit_agreement(request.user, case):
        raise PermissionDenied
    if request.method != "POST":
        return _edit_page(request, case, agreement)
    form = AgreementForm(
        request.POST,
        instance=agreement,
        initial={"title": case.title},
        annex=agreement.in_force_version_id is not None,
    )
    if not form.is_valid():
        return _edit_page(request, case, agreement, form=form, status=400)
    data = dict(form.cleaned_data)
    try:
        updated = agreement_update(case=case, actor=request.user, title=data.pop("title"), **data)
        if "submit" in request.POST and case.status in (S.DRAFT, S.AMENDING):
            moved = case_transition(
                case=updated.case, name="submit", actor=request.user, expected_status=case.status
            )
            messages.success(request, done_message(moved, "submit"))
            return redirect("casework:case-detail", pk=case.pk)
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _edit_page(request, case, agreement, form=form, status=refused.status_code)
    messages.success(request, _("The agreement was saved."))
    return redirect("casework:agreement-edit", pk=case.pk)


@login_required
@require_POST
def party_add_view(request, pk: int):
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    if not may_edit_agreement(request.user, case):
        raise PermissionDenied
    exclude = agreement.parties.values_list("organisation_id", flat=True)
    form = PartyAddForm(request.POST, exclude_ids=exclude, prefix="party")
    if not form.is_valid():
        return _edit_page(request, case, agreement, party_form=form, status=400)
    data = dict(form.cleaned_data)
    try:
        party_add(case=case, actor=request.user, organisation=data.pop("organisation"), **data)
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _edit_page(request, case, agreement, party_form=form, status=refused.status_code)
    messages.success(request, _("The party was added."))
    return redirect("casework:agreement-edit", pk=case.pk)


@login_required
def party_edit_view(request, pk: int, party: int):
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    row = _party_or_404(agreement, party)
    if not may_edit_agreement(request.user, case):
        raise PermissionDenied
    form = PartyForm(request.POST or None, instance=row)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                party_update(case=case, actor=request.user, party=row, **form.cleaned_data)
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                messages.success(request, _("The party was saved."))
                return redirect("casework:agreement-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "agreement/party.html",
        {"case": case, "party": row, "form": form},
        status=status,
    )


@login_required
@require_POST
def party_remove_view(request, pk: int, party: int):
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    row = _party_or_404(agreement, party)
    if not may_edit_agreement(request.user, case):
        raise PermissionDenied
    try:
        party_remove(case=case, actor=request.user, party=row)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The party was removed."))
    return redirect("casework:agreement-edit", pk=case.pk)


def _signable_parties(user, agreement) -> list[AgreementParty]:
    """The parties the user may sign the current version for now: the service's own rule
    (``parties_to_sign``), so the page offers exactly what ``agreement_sign`` accepts."""
    return list(parties_to_sign(user, agreement))


def _sign_page(request, case, agreement, *, form=None, upload_form=None, status=200):
    version = agreement.current_version
    parties = _signable_parties(request.user, agreement)
    initial = {"sha256": version.sha256 if version else ""}
    return render(
        request,
        "agreement/sign.html",
        {
            "case": case,
            "agreement": agreement,
            "version": version,
            "form": form or SignForm(parties=parties, initial=initial),
            "upload_form": upload_form
            or SignUploadForm(parties=parties, initial=initial, prefix="upload"),
            "parties": parties,
            "documents": agreement_documents_for_signing(case, version),
        },
        status=status,
    )


def _signed(request, party):
    messages.success(
        request,
        _("Your signature for %(organisation)s was recorded.")
        % {"organisation": party.organisation.name},
    )


@login_required
def agreement_sign_view(request, pk: int):
    """A party's authorised representative accepts the exact version: the page shows its
    SHA-256, the form carries it back; another version's hash is a conflict (409)."""
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    if not may_sign(request.user, case):
        raise PermissionDenied
    if request.method != "POST":
        return _sign_page(request, case, agreement)
    form = SignForm(request.POST, parties=_signable_parties(request.user, agreement))
    if not form.is_valid():
        return _sign_page(request, case, agreement, form=form, status=400)
    data = form.cleaned_data
    try:
        agreement_sign(
            case=case,
            actor=request.user,
            party=data["party"],
            sha256=data["sha256"],
            publish_consent=data["publish_consent"],
        )
    except TransitionRefused as refused:
        form.add_error(None, refused.message)
        return _sign_page(request, case, agreement, form=form, status=refused.status_code)
    _signed(request, data["party"])
    return redirect("casework:case-detail", pk=case.pk)


@login_required
@require_POST
def agreement_sign_upload_view(request, pk: int):
    """The same, by uploading the issued PDF signed with a qualified signature or the trusted
    profile; a refused upload stores nothing and the page says why."""
    case = visible_case(request.user, pk)
    agreement = _agreement_or_404(case)
    if not may_sign(request.user, case):
        raise PermissionDenied
    form = SignUploadForm(
        request.POST,
        request.FILES,
        parties=_signable_parties(request.user, agreement),
        prefix="upload",
    )
    if not form.is_valid():
        return _sign_page(request, case, agreement, upload_form=form, status=400)
    data = form.cleaned_data
    try:
        agreement_sign_upload(
            case=case,
            actor=request.user,
            party=data["party"],
            sha256=data["sha256"],
            signed=data["signed_pdf"].read(),
            publish_consent=data["publish_consent"],
        )
    except TransitionRefused as refused:
        form.add_error("signed_pdf", refused.message)
        return _sign_page(request, case, agreement, upload_form=form, status=refused.status_code)
    _signed(request, data["party"])
    return redirect("casework:case-detail", pk=case.pk)


def agreement_documents_for_signing(case, version) -> list:
    from .documents import agreement_documents

    if version is None:
        return []
    return [d for d in agreement_documents(case) if d.source_id == version.pk]
