"""The good-practice pages: starting a practice, editing its text, scoring it. Thin: fetch
through ``visible_case`` (404), check through the permission module (403 for who sees the
case but may not act), validate, call one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.constants import DRAFT, Channel
from casework.outcomes import done_message
from casework.services import case_transition
from casework.views import render_detail, visible_case
from directory.roles import current_memberships, is_staff
from workflows.exceptions import TransitionRefused

from .constants import PhotoSize
from .constants import PracticeStatus as S
from .forms import PhotoForm, PracticeForm, PracticeStartForm, ScoreForm
from .models import GoodPractice, PracticePhoto
from .photos import is_public, may_see_photo
from .services import (
    active_criteria,
    may_create,
    may_edit_photos,
    may_edit_practice,
    may_score,
    photo_add,
    photo_move,
    photo_remove,
    practice_create,
    practice_score,
    practice_update,
)


def _practice_or_404(case) -> GoodPractice:
    try:
        return case.practice
    except GoodPractice.DoesNotExist:  # a case of another kind
        raise Http404 from None


@login_required
def practice_new(request):
    if not may_create(request.user):
        raise Http404
    on_behalf = is_staff(request.user)
    organisations = [m.organisation for m in current_memberships(request.user)]
    form = PracticeStartForm(request.POST or None, organisations=organisations, on_behalf=on_behalf)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = practice_create(
                    requesting_organisation=data["organisation"],
                    title=data["title"],
                    area=data["area"],
                    filed_by=request.user,
                    channel=data.get("channel") or Channel.ONLINE,
                    date_received=data.get("date_received"),
                )
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                return redirect("casework:practice-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request, "practice/new.html", {"form": form, "on_behalf": on_behalf}, status=status
    )


@login_required
def practice_edit(request, pk: int):
    """The submitting side edits the practice (a draft, or returned for changes) and
    submits (or resubmits) it."""
    case = visible_case(request.user, pk)
    practice = _practice_or_404(case)
    if not may_edit_practice(request.user, case):
        raise PermissionDenied
    initial = {"title": case.title}
    form = PracticeForm(request.POST or None, instance=practice, initial=initial)
    sending = "submit" in request.POST
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                updated = practice_update(
                    case=case,
                    actor=request.user,
                    title=data.pop("title"),
                    gminas=data.pop("gminas"),
                    **data,
                )
                if sending:
                    name = "submit" if case.status == DRAFT else "resubmit"
                    moved = case_transition(
                        case=updated.case,
                        name=name,
                        actor=request.user,
                        expected_status=case.status,
                    )
                    messages.success(request, done_message(moved, name))
                    return redirect("casework:case-detail", pk=case.pk)
            except TransitionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status_code
            else:
                messages.success(request, _("The practice was saved."))
                return redirect("casework:practice-edit", pk=case.pk)
        else:
            status = 400
    return render(
        request,
        "practice/edit.html",
        {
            "case": case,
            "practice": practice,
            "form": form,
            "returned": case.status == S.CHANGES_REQUESTED,
            **_photo_context(case, practice, request.user, back="edit"),
        },
        status=status,
    )


@login_required
@require_POST
def practice_score_view(request, pk: int):
    """A reviewer (the assigned advisor, the second reviewer) saves their own scores and
    justifications."""
    case = visible_case(request.user, pk)
    practice = _practice_or_404(case)
    if not may_score(request.user, case):
        raise PermissionDenied
    form = ScoreForm(
        request.POST,
        criteria=active_criteria(),
        scores=practice.scores.filter(scored_by=request.user),
    )
    if not form.is_valid():
        return render_detail(request, case, status=400, score_form=form)
    try:
        practice_score(case=case, actor=request.user, scores=form.scores())
    except TransitionRefused as refused:
        return render_detail(request, case, status=refused.status_code, refusal=refused)
    messages.success(request, _("The scores were saved."))
    return redirect("casework:case-detail", pk=case.pk)


def practice_photo(request, pk: int, size: str):
    """A photo of a practice at one of its stored sizes: to anyone once the practice is
    published, before that only to those who may see the case (404 for everyone else, an
    unknown photo and an unknown size alike)."""
    if size not in PhotoSize.values:
        raise Http404
    photo = PracticePhoto.objects.select_related("practice__case").filter(pk=pk).first()
    if photo is None or not may_see_photo(request.user, photo):
        raise Http404
    stored = photo.file_of(size)
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Unpublished photos stay out of shared caches (and of the browser's after logout).
    response["Cache-Control"] = "public, max-age=3600" if is_public(photo) else "private, no-store"
    return response


@login_required
@require_POST
def edition_issue_view(request):
    """The coordinator issues the yearly catalogue edition as a new version of its document
    (public once rendered); others get 404. A year not understood issues nothing."""
    from .forms import EditionForm
    from .services import edition_issue, may_issue_edition

    if not may_issue_edition(request.user):
        raise Http404
    form = EditionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("portal:catalogue")
    document = edition_issue(year=form.cleaned_data["year"], actor=request.user)
    messages.success(
        request,
        _("The catalogue edition of %(year)s is being prepared; it is public once ready.")
        % {"year": form.cleaned_data["year"]},
    )
    return redirect("documents:detail", pk=document.pk)


# --- managing the photos -----------------------------------------------------------------

#: Where the photo forms return to (the hidden ``back`` field): the edit page or the photos page.
_BACK = {"edit": "casework:practice-edit", "photos": "casework:practice-photos"}


def _photo_context(case, practice, user, *, back: str, form=None) -> dict:
    may_edit = may_edit_photos(user, case)
    return {
        "photos": list(practice.photos.all()),
        "photos_editable": may_edit,
        "photo_form": form or (PhotoForm(prefix="photo") if may_edit else None),
        "photo_back": back,
    }


def _back(request, case):
    name = _BACK.get(request.POST.get("back", ""), _BACK["photos"])
    if name == _BACK["edit"] and not may_edit_practice(request.user, case):
        name = _BACK["photos"]
    return redirect(name, pk=case.pk)


def _editable_photos_case(request, pk: int):
    case = visible_case(request.user, pk)
    practice = _practice_or_404(case)
    if not may_edit_photos(request.user, case):
        raise PermissionDenied
    return case, practice


@login_required
def practice_photos(request, pk: int):
    """The practice's photos with their order, removal, and the form adding one (the
    submitting side with the text; the office while the practice is in review)."""
    case, practice = _editable_photos_case(request, pk)
    posted = request.method == "POST"
    form = PhotoForm(
        request.POST if posted else None, request.FILES if posted else None, prefix="photo"
    )
    status = 200
    if posted:
        if form.is_valid():
            data = form.cleaned_data
            try:
                photo_add(
                    practice=practice,
                    file=data["file"],
                    alt_text=data["alt_text"],
                    author=data["author"],
                    licence=data["licence"],
                    people_shown=data["people_shown"],
                    people_consent=data["people_consent"],
                    actor=request.user,
                )
            except TransitionRefused as refused:
                for field, errors in (refused.errors or {None: [refused.message]}).items():
                    form.add_error(field if field in form.fields else None, errors)
                status = refused.status_code
            else:
                messages.success(request, _("The photo was added."))
                return _back(request, case)
        else:
            status = 400
    return render(
        request,
        "practice/photos.html",
        {
            "case": case,
            "practice": practice,
            **_photo_context(case, practice, request.user, back="photos", form=form),
        },
        status=status,
    )


def _photo_of(practice, photo_pk: int) -> PracticePhoto:
    photo = practice.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return photo


@login_required
@require_POST
def practice_photo_remove(request, pk: int, photo_pk: int):
    case, practice = _editable_photos_case(request, pk)
    photo = _photo_of(practice, photo_pk)
    try:
        photo_remove(photo=photo, actor=request.user)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The photo was removed."))
    return _back(request, case)


@login_required
@require_POST
def practice_photo_move(request, pk: int, photo_pk: int):
    case, practice = _editable_photos_case(request, pk)
    photo = _photo_of(practice, photo_pk)
    offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if offset is None:
        messages.error(request, _("Choose whether to move the photo earlier or later."))
        return _back(request, case)
    try:
        photo_move(photo=photo, actor=request.user, offset=offset)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The order of the photos was changed."))
    return _back(request, case)
