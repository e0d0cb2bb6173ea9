"""Queue pages: the staff queue, the committee's approvals and the requester's own requests.

Thin views over ``casework.queues.reads`` and ``casework.queues.services`` (writes). Pages
refuse (403) users without the role; a case outside ``visible_to`` is never listed, and a
claim or assignment of one answers 404."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from directory.constants import Role
from directory.roles import REQUESTER_ROLES, roles_of
from workflows import calendar
from workflows.exceptions import TransitionRefused

from ..entry_points import new_case_links
from ..models import Case
from ..promises import outcome_of
from ..recusal import reasons_of
from . import reads as queues
from . import services as services_queues
from .forms import BulkAssignForm, QueueFilterForm, SaveFilterForm
from .models import SavedFilter


def _require_staff(user) -> None:
    if not queues.is_staff(user):
        raise PermissionDenied


def _query(params, **overrides) -> str:
    """``params`` (a QueryDict) with some keys replaced or removed (value None)."""
    pairs = [(k, v) for k in params for v in params.getlist(k) if k not in overrides]
    pairs += [(k, v) for k, v in overrides.items() if v is not None]
    return urlencode(pairs)


def _back(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("casework:queue")


def _rows(page, user, heads) -> list[dict]:
    """What each row of the queue shows (``page`` holds ``queues.queue_values`` dicts),
    worked out here so the template only prints it; ``heads``: the kinds' own columns."""
    staff = queues.is_staff(user)
    coordinator = queues.is_coordinator(user)
    today = calendar.today()
    rows = []
    statuses = {}  # kind -> (claimable, reassignable): read off the flow once per page
    for v in page:
        kind, status = v["kind"], v["status"]
        if kind not in statuses:
            statuses[kind] = (
                queues.claimable_statuses(kind),
                queues.reassignable_statuses(kind),
            )
        claimable = status in statuses[kind][0]
        reassignable = status in statuses[kind][1]
        rows.append(
            {
                **queues.row_display(
                    pk=v["pk"],
                    number=v["number"],
                    title=v["title"],
                    kind=kind,
                    status=status,
                    detail=queues.kind_details(v),
                    organisation=v["requesting_organisation__name"],
                    gmina=v["requesting_organisation__gmina__name"] or "",
                    powiat=queues.powiat_label(v["requesting_organisation__gmina__parent__name"]),
                    assignee=v["assignee__full_name"] or v["assignee__email"] or "",
                    due_date=v["due_date"],
                    paused=bool(v["resume_status"]),
                    today=today,
                ),
                "kind_cells": queues.kind_cells(v, heads),
                "can_claim": staff and claimable and v["assignee_id"] is None,
                "selectable": coordinator and (claimable or reassignable),
            }
        )
    return rows


def _page(cases, number):
    """The requested page of ``cases`` (a sorted queryset), through a ``Paginator`` over the
    first ``reach`` of them only: counting a queue stops past ``COUNT_CAP`` (the tab says
    "500+"), so a page costs the same at 1,000 and at 100,000 cases. A page beyond the reach
    widens it, as deep as the page asked for (a deep page costs what its OFFSET costs anyway).

    Returns the page, the count as far as it was taken and, when more cases exist than were
    counted, how many at least (``cases`` and whole ``pages``: "more than N")."""
    size = queues.PAGE_SIZE
    reach = queues.COUNT_CAP + 1
    while True:
        paginator = Paginator(cases[:reach], size)
        page = paginator.get_page(number)
        # Served as asked unless it is the last page of a queue cut short by the reach.
        if paginator.count < reach or page.number < paginator.num_pages:
            break
        reach = 2 * reach + size
    more = None
    if paginator.count >= reach:
        known = paginator.count - 1
        more = {"cases": known, "pages": known // size}
    return page, paginator.count, more


def _queue_request(request):
    """The queue asked for, the filter form and its filters (shared by the page and its
    tab counts)."""
    user = request.user
    _require_staff(user)
    default = queues.UNASSIGNED if queues.is_coordinator(user) else queues.MINE
    slug = request.GET.get("queue", default)
    if slug not in queues.QUEUE_SLUGS:
        slug = default
    assignees = list(queues.staff_users())
    form = QueueFilterForm(request.GET, assignees=assignees)
    filters = form.filters()
    sort = filters.pop("sort", queues.DEFAULT_SORT)
    return slug, form, filters, sort, assignees


def _tabs(request, slug: str, counts: dict) -> list[dict]:
    return [
        {
            "slug": q.slug,
            "label": q.label,
            "count": queues.count_label(counts[q.slug]) if q.slug in counts else None,
            "query": _query(request.GET, queue=q.slug, page=None),
            "current": q.slug == slug,
        }
        for q in queues.QUEUES
    ]


@login_required
@require_GET
def queue(request):
    """One queue, a page of its cases. The page counts its own queue (for the heading and
    the pages); the other tabs' counts come from ``queue_counts`` once the page is shown."""
    user = request.user
    slug, form, filters, sort, assignees = _queue_request(request)
    cases = queues.queue_values(user, slug, filters, sort)
    page, count, more = _page(cases, request.GET.get("page"))
    tabs = _tabs(request, slug, {slug: count})
    # The kinds' own columns, of the kinds on this page only.
    heads = queues.kind_column_heads({v["kind"] for v in page})
    context = {
        "form": form,
        # Open the filter panel when any filter (a kind's own too) narrows the queue.
        "filters_open": any(request.GET.get(name) for name in form.fields if name != "sort"),
        "tabs": tabs,
        "counts_url": reverse("casework:queue-counts") + "?" + request.GET.urlencode(),
        "current": next(t for t in tabs if t["current"]),
        "page": page,
        "more": more,
        "rows": _rows(page, user, heads),
        "kind_heads": [label for _lookup, label in heads],
        "page_query": _query(request.GET, page=None),
        "assignees": assignees,
        "is_coordinator": queues.is_coordinator(user),
        "saved_filters": SavedFilter.objects.filter(user=user),
        "save_form": SaveFilterForm(initial={"query": _query(request.GET, page=None)}),
        "next": request.get_full_path(),
    }
    return render(request, "casework/queues/queue.html", context)


@login_required
@require_GET
def queue_counts(request):
    """Every tab's count under the page's filters (each count capped), as htmx
    out-of-band swaps of the counts in the tabs: the links, and any focus on them, stay."""
    slug, _form, filters, _sort, _assignees = _queue_request(request)
    counts = queues.queue_counts(request.user, filters)
    return render(
        request, "casework/queues/_tab_counts.html", {"tabs": _tabs(request, slug, counts)}
    )


@login_required
@require_POST
def queue_claim(request, pk: int):
    user = request.user
    _require_staff(user)
    case = get_object_or_404(Case.objects.visible_to(user), pk=pk)
    # The button carries the status the user saw; a case that moved since is a conflict.
    seen_status = request.POST.get("claim", case.status)
    try:
        services_queues.case_claim(case=case, actor=user, seen_status=seen_status)
    except TransitionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, _("Case %(number)s is now yours.") % {"number": case.number or case.pk}
        )
    return redirect(_back(request))


def _selected_cases(request, user) -> list[Case]:
    ids = []
    for raw in request.POST.getlist("cases"):
        try:
            ids.append(int(raw))
        except ValueError:
            continue
    return list(
        Case.objects.visible_to(user)
        .filter(pk__in=ids)
        .select_related(*queues.ROW_RELATIONS)
        .order_by("pk")
    )


@login_required
@require_POST
def queue_assign(request):
    """Assign one or more cases: the first POST asks for confirmation, the second (with
    ``confirmed``) assigns each case in its own transaction and reports on each."""
    user = request.user
    if not queues.is_coordinator(user):
        raise PermissionDenied
    cases = _selected_cases(request, user)
    assignees = queues.staff_users()
    form = BulkAssignForm(request.POST, case_ids=[c.pk for c in cases], assignees=assignees)
    context = {"form": form, "cases": cases, "next": _back(request)}
    if not form.is_valid():
        return render(request, "casework/queues/assign_confirm.html", context, status=400)
    assignee = form.cleaned_data["assignee"]
    context["assignee"] = assignee
    if not request.POST.get("confirmed"):
        return render(request, "casework/queues/assign_confirm.html", context)
    results = services_queues.cases_assign(cases=cases, assignee=assignee, actor=user)
    context["results"] = results
    context["done"] = sum(r.ok for r in results)
    return render(request, "casework/queues/assign_results.html", context)


@login_required
@require_POST
def saved_filter_save(request):
    _require_staff(request.user)
    form = SaveFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the filter a name (at most 80 characters)."))
        return redirect(_back(request))
    saved = services_queues.saved_filter_save(
        user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"]
    )
    messages.success(request, _("The filter “%(name)s” is saved.") % {"name": saved.name})
    return redirect("casework:saved-filter", pk=saved.pk)


@login_required
@require_GET
def saved_filter_open(request, pk: int):
    """The stable address of a saved filter: it opens the queue with the saved query."""
    saved = get_object_or_404(SavedFilter, pk=pk, user=request.user)
    return redirect(reverse("casework:queue") + ("?" + saved.query if saved.query else ""))


@login_required
@require_POST
def saved_filter_delete(request, pk: int):
    saved = get_object_or_404(SavedFilter, pk=pk, user=request.user)
    services_queues.saved_filter_delete(saved=saved, actor=request.user)
    messages.success(request, _("The filter “%(name)s” is deleted.") % {"name": saved.name})
    return redirect("casework:queue")


@login_required
@require_GET
def approvals(request):
    """The committee's queue: items awaiting a decision, recusals applied."""
    user = request.user
    if Role.COMMITTEE not in roles_of(user):
        raise PermissionDenied
    page = Paginator(queues.approval_cases(user), queues.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    versions = queues.versions_to_decide(page)
    context = {
        "page": page,
        "rows": [
            {"case": c, "version": versions.get(c.pk), "recusal_reasons": reasons_of(c)}
            for c in page
        ],
        "today": calendar.today(),
    }
    return render(request, "casework/queues/approvals.html", context)


@login_required
@require_GET
def my_cases(request):
    """A municipality's (or organisation's) page: its requests, whoever filed them."""
    user = request.user
    if not roles_of(user) & REQUESTER_ROLES:
        raise PermissionDenied
    page = Paginator(queues.organisation_cases(user), queues.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"case": c, "expected": queues.expected_of_requester(c), "outcome": outcome_of(c)}
        for c in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "today": calendar.today(),
        "new_case_links": new_case_links(user),
    }
    return render(request, "casework/queues/my_cases.html", context)
