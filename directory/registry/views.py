"""Staff and representative pages of the registry. The access check comes first, through
``permissions``; a user who may not see an object gets 404."""

import datetime
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..constants import PES_CATEGORY_OF_KIND, OrganisationKind
from .constants import (
    AtRiskGroup,
    ProposalStatus,
    PSPurpose,
    RecordSource,
    Sector,
    SocialService,
)
from .forms import (
    EntryEditForm,
    ImportForm,
    ProposalForm,
    PSGrantForm,
    PSLoseForm,
    RejectForm,
    field_label,
)
from .importer import BOOLEAN_FALSE, BOOLEAN_TRUE, COLUMNS, registry_import_file
from .models import ChangeProposal, RegistryEntry
from .permissions import (
    entry_for_history,
    entry_for_representative,
    is_coordinator,
    proposal_for_review,
    represented_entries,
    require_coordinator,
    require_staff,
)
from .services import (
    current_values,
    proposal_accept,
    proposal_create,
    proposal_reject,
    registry_entries_verify,
    registry_entry_update,
    registry_entry_verify,
    registry_ps_grant,
    registry_ps_lose,
)

STAFF_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 100
BOOLEAN_FIELDS = frozenset(
    name
    for form in (ProposalForm, EntryEditForm)
    for name, f in form.base_fields.items()
    if isinstance(f, forms.BooleanField)
)


def _display(field: str, value) -> str:
    """A proposal value as a reviewer reads it."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        choices = {"sectors": Sector, "social_services": SocialService}.get(field)
        labels = dict(choices.choices) if choices else {}
        return ", ".join(str(labels.get(v, v)) for v in value) or "—"
    return str(value) if value not in (None, "") else "—"


CHOICES_OF_FIELD = {
    "kind": OrganisationKind,
    "source": RecordSource,
    "sectors": Sector,
    "social_services": SocialService,
}
BOOLEAN_TEXT = {"true": True, "false": False}


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _dates_shown(text: str) -> str:
    """ISO dates inside stored history text ("lost 2026-03-31: …") in the page's table style
    (31.03.2026, 31/03/2026): the history is a table, and stored text is never rewritten."""

    def shown(match):
        try:
            day = datetime.date(*(int(g) for g in match.groups()))
        except ValueError:
            return match.group(0)
        return date_format(day, "SHORT_DATE_FORMAT")

    return _ISO_DATE.sub(shown, text)


def _history_value(field: str, text: str) -> str:
    """A stored history value (``as_text``) as a reader reads it: yes/no, labels, not codes,
    dates in the page's style."""
    return _dates_shown(_history_value_raw(field, text))


def _history_value_raw(field: str, text: str) -> str:
    if text in BOOLEAN_TEXT and field in BOOLEAN_FIELDS:
        return _display(field, BOOLEAN_TEXT[text])
    choices = CHOICES_OF_FIELD.get(field)
    if choices and text:
        labels = dict(choices.choices)
        if field in ("sectors", "social_services"):
            return ", ".join(str(labels.get(v, v)) for v in text.split(", "))
        return str(labels.get(text, text))
    return text or "—"


def _history_label(field: str) -> str:
    if field.startswith("employment "):
        return _("Employment on %(date)s") % {
            "date": _dates_shown(field.removeprefix("employment "))
        }
    return str(field_label(field))


@login_required
def staff_list(request):
    """Every entry, published or not, with the ones not verified for a year flagged."""
    require_staff(request.user)
    qs = (
        RegistryEntry.objects.with_stale_flag()
        .select_related("organisation__gmina__parent")
        .annotate(pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)))
        .order_by("sort_key", "pk")
    )
    query = request.GET.get("q", "").replace("\x00", "").strip()
    if query:
        qs = qs.filter(
            Q(organisation__name__icontains=query)
            | Q(organisation__nip=query)
            | Q(organisation__regon=query)
            | Q(organisation__krs=query)
        )
    only_stale = request.GET.get("stale") == "1"
    if only_stale:
        qs = qs.filter(is_stale=True)
    page = Paginator(qs, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    params = {k: v for k, v in {"q": query, "stale": "1" if only_stale else ""}.items() if v}
    return render(
        request,
        "directory/registry/staff_list.html",
        {
            "page": page,
            "query": query,
            "only_stale": only_stale,
            "page_base": "?" + urlencode(params),
            "stale_count": RegistryEntry.objects.stale().count(),
            "kinds": dict(OrganisationKind.choices),
            # The proposals and the import are the coordinator's (require_coordinator):
            # their links are shown by the same test, never as a link that answers 404.
            "may_coordinate": is_coordinator(request.user),
        },
    )


@login_required
@require_http_methods(["POST"])
def bulk_verify(request):
    """Mark the entries ticked in the staff list as verified today."""
    require_staff(request.user)
    # isdecimal, not isdigit: "²" is a digit that int() refuses; the length bound keeps
    # every id inside a 64-bit integer.
    ids = [int(i) for i in request.POST.getlist("entry") if i.isdecimal() and len(i) < 19]
    entries = RegistryEntry.objects.filter(pk__in=ids).select_related("organisation")
    count = registry_entries_verify(entries=entries, actor=request.user)
    messages.success(request, _("Entries marked as verified today: %(count)d.") % {"count": count})
    return redirect("directory:registry-staff")


@login_required
@require_http_methods(["GET", "POST"])
def staff_entry(request, pk: int):
    """Everything about one entry, published or not; staff mark it verified, the coordinator
    records PS decisions."""
    require_staff(request.user)
    entry = entry_for_history(request.user, pk)
    action = request.POST.get("action")
    grant = PSGrantForm(request.POST if action == "ps_grant" else None, prefix="grant")
    lose = PSLoseForm(request.POST if action == "ps_lose" else None, prefix="lose")
    if request.method == "POST":
        try:
            if action == "verify":
                registry_entry_verify(entry=entry, actor=request.user)
                messages.success(request, _("The entry is marked as verified today."))
                return redirect("directory:registry-entry", pk=entry.pk)
            if action in ("ps_grant", "ps_lose"):
                require_coordinator(request.user)
                if action == "ps_grant" and grant.is_valid():
                    registry_ps_grant(entry=entry, actor=request.user, **grant.cleaned_data)
                    messages.success(request, _("The PS status was recorded."))
                    return redirect("directory:registry-entry", pk=entry.pk)
                if action == "ps_lose" and lose.is_valid():
                    registry_ps_lose(entry=entry, actor=request.user, **lose.cleaned_data)
                    messages.success(request, _("The loss of the PS status was recorded."))
                    return redirect("directory:registry-entry", pk=entry.pk)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("directory:registry-entry", pk=entry.pk)
    entry = (
        RegistryEntry.objects.with_stale_flag()
        .select_related("organisation__gmina__parent", "founding_entity")
        .prefetch_related("places__gmina", "pkd_codes", "employment", "ps_periods")
        .get(pk=entry.pk)
    )
    return render(
        request,
        "directory/registry/staff_entry.html",
        {
            "entry": entry,
            "grant_form": grant,
            "lose_form": lose,
            "may_decide": is_coordinator(request.user),
            "holds_ps": any(p.lost_on is None for p in entry.ps_periods.all()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_entry_edit(request, pk: int):
    """A coordinator corrects an entry; every changed field enters the history."""
    require_coordinator(request.user)
    entry = entry_for_history(request.user, pk)
    initial = current_values(entry, EntryEditForm.base_fields.keys() - {"comment"})
    form = EntryEditForm(request.POST or None, initial=initial, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            registry_entry_update(entry=entry, changes=form.values(), actor=request.user)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("directory:registry-entry", pk=entry.pk)
    return render(request, "directory/registry/entry_form.html", {"entry": entry, "form": form})


@login_required
def entry_history(request, pk: int):
    """The field-level history of one entry: staff, or the entity's own representatives."""
    entry = entry_for_history(request.user, pk)
    changes = entry.changes.select_related("actor", "proposal").order_by("-changed_at", "-pk")
    page = Paginator(changes, HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "change": c,
            "label": _history_label(c.field),
            "old": _history_value(c.field, c.old_value),
            "new": _history_value(c.field, c.new_value),
        }
        for c in page
    ]
    return render(
        request, "directory/registry/history.html", {"entry": entry, "page": page, "rows": rows}
    )


@login_required
def my_entries(request):
    """The entries a representative may propose changes to."""
    entries = represented_entries(request.user).select_related("organisation")
    proposals = (
        ChangeProposal.objects.filter(entry__in=entries, proposed_by=request.user)
        .select_related("entry__organisation")
        .order_by("-created_at")[:20]
    )
    return render(
        request, "directory/registry/my_entries.html", {"entries": entries, "proposals": proposals}
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request, pk: int):
    """A representative proposes changes to their own entry; it changes only on acceptance."""
    entry = entry_for_representative(request.user, pk)
    initial = current_values(entry, ProposalForm.base_fields.keys() - {"comment"})
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal_create(
                entry=entry,
                proposed_by=request.user,
                values=form.values(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("Your proposal was sent to the coordinator for review."))
            return redirect("directory:registry-mine")
    return render(request, "directory/registry/proposal_form.html", {"entry": entry, "form": form})


@login_required
def proposal_list(request):
    require_coordinator(request.user)
    status = request.GET.get("status", ProposalStatus.PENDING)
    if status not in ProposalStatus.values:
        status = ProposalStatus.PENDING
    proposals = (
        ChangeProposal.objects.filter(status=status)
        .select_related("entry__organisation", "proposed_by", "reviewer")
        .order_by("created_at")
    )
    page = Paginator(proposals, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/registry/proposal_list.html",
        {"page": page, "status": status, "statuses": ProposalStatus.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk: int):
    """Old and new values side by side; accept, or reject with a reason."""
    proposal = proposal_for_review(request.user, pk)
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                proposal_accept(proposal=proposal, reviewer=request.user)
                messages.success(request, _("The proposal was accepted and the entry changed."))
                return redirect("directory:registry-proposals")
            if request.POST.get("action") == "reject" and reject_form.is_valid():
                proposal_reject(
                    proposal=proposal,
                    reviewer=request.user,
                    reason=reject_form.cleaned_data["reason"],
                )
                messages.success(request, _("The proposal was rejected; the entry is unchanged."))
                return redirect("directory:registry-proposals")
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("directory:registry-proposal", pk=proposal.pk)
    now = current_values(proposal.entry, proposal.changes.keys())
    rows = [
        {
            "label": field_label(field),
            "old": _display(field, old),
            "new": _display(field, new),
            "now": _display(
                field, sorted(now[field]) if isinstance(now[field], list) else now[field]
            ),
        }
        for field, (old, new) in proposal.changes.items()
    ]
    for row in rows:
        row["moved"] = row["now"] != row["old"]
    return render(
        request,
        "directory/registry/proposal_review.html",
        {"proposal": proposal, "rows": rows, "reject_form": reject_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_entries(request):
    """Upload a file: a dry run reports row by row; a real run stores all rows or none."""
    require_coordinator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = registry_import_file(
            name=upload.name,
            content=upload.read(),
            actor=request.user,
            dry_run=not form.cleaned_data["apply"],
        )
        if report.applied:
            messages.success(request, _("The file was imported."))
    return render(
        request,
        "directory/registry/import.html",
        {
            "form": form,
            "report": report,
            "columns": COLUMNS,
            # Every accepted spelling, Polish and English, named on the page (the help once
            # named only "tak/nie").
            "boolean_true": sorted(BOOLEAN_TRUE, key=lambda v: (not v.isdigit(), v)),
            "boolean_false": sorted(BOOLEAN_FALSE, key=lambda v: (not v.isdigit(), v)),
            "kinds": [(k.value, k.label) for k in OrganisationKind if k in PES_CATEGORY_OF_KIND],
            "sectors": Sector.choices,
            "services": SocialService.choices,
            "groups": AtRiskGroup.choices,
            "sources": RecordSource.choices,
            "purposes": PSPurpose.choices,
        },
    )
