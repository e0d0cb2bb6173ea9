"""Case pages: thin views over ``visible_to`` (404 for what one may not see) and the one
transition service (its refusal becomes a 403/409 page with the message, never a 500)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from .models import Case, CaseComment


def _actions(case: Case, user) -> list[dict]:
    """The buttons of the case page: each transition the user may run now, with its form."""
    try:
        flow = case.get_flow(actor=user)
    except LookupError:
        return []
    actions = []
    for transition in flow.available_actions(user):
        form_class = transition.custom.get("form")
        actions.append(
            {
                "name": transition.slug,
                "label": transition.label,
                "confirm": transition.custom.get("confirm"),
                "form": form_class(auto_id=f"id_{transition.slug}_%s") if form_class else None,
            }
        )
    return actions


def _detail_context(case: Case, user, **extra) -> dict:
    return {
        "case": case,
        "events": case.events.select_related("actor"),
        "comments": CaseComment.objects.visible_to(user).filter(case=case).select_related("author"),
        "actions": _actions(case, user),
        "today": timezone.localdate(),
        **extra,
    }


@login_required
def case_list(request):
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("requesting_organisation", "assignee")
        .order_by("due_date", "-created_at")[:200]
    )
    return render(
        request, "casework/case_list.html", {"cases": cases, "today": timezone.localdate()}
    )


@login_required
def case_detail(request, pk: int):
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    return render(request, "casework/case_detail.html", _detail_context(case, request.user))


@login_required
@require_POST
def case_transition(request, pk: int, name: str):
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    # The state the user saw: if the case moved since the page was rendered, it is a conflict.
    case.status = request.POST.get("seen_status", case.status)
    try:
        transition_apply(case=case, name=name, actor=request.user, data=request.POST.dict())
    except TransitionRefused as refused:
        case.refresh_from_db()
        context = _detail_context(case, request.user, refusal=refused)
        return render(request, "casework/case_detail.html", context, status=refused.status_code)
    messages.success(request, _("Done."))
    return redirect("casework:case-detail", pk=case.pk)
