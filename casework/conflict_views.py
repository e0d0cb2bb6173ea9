"""Pages of conflicts of interest: a committee member declares a conflict on a case (a form
on the case page, no JavaScript needed) and manages the organisations they declare links
with (a page of their own). Thin views over ``casework.conflicts``; a case one may not see
is 404, a page for committee members only is 403 to everyone else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.models import Organisation
from workflows.exceptions import TransitionRefused

from .conflicts import conflict_declare, is_committee_member, link_declare, link_end
from .forms import ConflictForm, DeclaredLinkForm
from .models import DeclaredLink
from .views import render_detail, visible_case

#: How many organisations a search lists (refine the words to find another).
SEARCH_LIMIT = 20


def _in_range(pk: int) -> None:
    """An id no row can have is not found (on SQLite a 20-digit id would overflow)."""
    if not 0 < pk < 2**63:
        raise Http404


@login_required
@require_POST
def conflict_declare_view(request, pk: int):
    _in_range(pk)
    case = visible_case(request.user, pk)
    form = ConflictForm(request.POST, auto_id="id_conflict_%s")
    if not form.is_valid():
        return render_detail(request, case, status=400, conflict_form=form)
    try:
        conflict_declare(case=case, member=request.user, reason=form.cleaned_data["reason"])
    except TransitionRefused as refused:
        return render_detail(request, case, status=refused.status_code, refusal=refused)
    messages.success(
        request,
        _("You declared a conflict of interest on case %(number)s; you will not decide it.")
        % {"number": case.number or case.pk},
    )
    return redirect("casework:case-detail", pk=case.pk)


def _found(words: str):
    """Active organisations whose name, short name, NIP or KRS contains ``words``."""
    words = words.strip()[:100]
    if not words:
        return []
    match = Q(name__icontains=words) | Q(short_name__icontains=words)
    digits = "".join(ch for ch in words if ch.isdigit())
    if digits:
        match |= Q(nip=digits) | Q(krs=digits.zfill(10))
    return list(
        Organisation.objects.filter(is_active=True)
        .filter(match)
        .order_by("name", "pk")[:SEARCH_LIMIT]
    )


def _links_page(request, *, form=None, refusal=None, status=200):
    user = request.user
    words = request.GET.get("q", "") if request.method == "GET" else request.POST.get("q", "")
    found = _found(words)
    if form is not None:
        chosen = form.data.get("organisation")
        # The posted choice stays listed when the form comes back with its errors.
        if chosen and isinstance(form.cleaned_data.get("organisation"), Organisation):
            found = [form.cleaned_data["organisation"], *found]
    form = form or DeclaredLinkForm(shown=found)
    form.fields["organisation"].widget.choices = [(o.pk, str(o)) for o in found]
    links = DeclaredLink.objects.filter(member=user).select_related("organisation")
    context = {
        "q": words,
        "searched": bool(words.strip()),
        "found": found,
        "form": form,
        "current_links": [link for link in links if link.ended_at is None],
        "ended_links": [link for link in links if link.ended_at is not None],
        "refusal": refusal,
    }
    return render(request, "casework/declared_links.html", context, status=status)


@login_required
def declared_links(request):
    """The member's declared links: the current ones (each may be ended), the ended ones, a
    search for an organisation and the form to declare a link with it."""
    if not is_committee_member(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return _links_page(request)
    form = DeclaredLinkForm(request.POST)
    if not form.is_valid():
        return _links_page(request, form=form, status=400)
    organisation = form.cleaned_data["organisation"]
    try:
        link_declare(member=request.user, organisation=organisation, note=form.cleaned_data["note"])
    except TransitionRefused as refused:
        return _links_page(request, form=form, refusal=refused, status=refused.status_code)
    messages.success(
        request,
        _("You declared a link with %(organisation)s; you will not decide its cases.")
        % {"organisation": organisation},
    )
    return redirect("casework:declared-links")


@login_required
@require_POST
def declared_link_end(request, pk: int):
    if not is_committee_member(request.user):
        raise PermissionDenied
    _in_range(pk)
    link = get_object_or_404(DeclaredLink.objects.filter(member=request.user), pk=pk)
    try:
        link_end(link=link, member=request.user)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("Your declared link with %(organisation)s has ended.")
            % {"organisation": link.organisation},
        )
    return redirect("casework:declared-links")
