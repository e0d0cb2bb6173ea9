import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

from casework.entry_points import new_case_links
from casework.queues import reads as queues
from directory.constants import Role
from directory.roles import roles_of
from workflows import calendar as workflows_calendar

#: Panels of the dashboard, in this order; each role has ``portal/panels/<role>.html``.
DASHBOARD_ORDER = [
    Role.COORDINATOR,
    Role.ADVISOR,
    Role.COMMITTEE,
    Role.MUNICIPALITY,
    Role.ORGANISATION,
]


def home(request):
    """The public home page of the portal."""
    return render(request, "portal/home.html")


@login_required
def dashboard(request):
    """The signed-in user's start page: one panel per role they hold."""
    user = request.user
    held = roles_of(user)
    panels = [
        {
            "role": role,
            "label": role.label,
            "template": f"portal/panels/{role.value}.html",
            "data": _panel_data(role, user),
        }
        for role in DASHBOARD_ORDER
        if role in held
    ]
    context = {
        "panels": panels,
        "today": workflows_calendar.today(),
        "new_case_links": new_case_links(user),
    }
    return render(request, "portal/dashboard.html", context)


def _panel_data(role: str, user) -> dict:
    """What a role's panel shows, read from the same queues as the queue pages."""
    if role == Role.COORDINATOR:
        return queues.staff_panel(user, top=queues.UNASSIGNED)
    if role == Role.ADVISOR:
        return queues.staff_panel(user, top=queues.MINE)
    if role == Role.COMMITTEE:
        return queues.committee_panel(user)
    return queues.requester_panel(user)


def accessibility(request):
    """Deklaracja dostępności: the statement Polish public bodies publish (ustawa z 4 kwietnia
    2019 r. o dostępności cyfrowej), filled from settings.ESFLOW_ACCESSIBILITY."""
    a11y = dict(settings.ESFLOW_ACCESSIBILITY)
    for key in ("published_on", "updated_on", "prepared_on"):
        a11y[key] = _as_date(a11y.get(key))
    return render(
        request, "portal/accessibility.html", {"a11y": a11y, "base_url": settings.ESFLOW_BASE_URL}
    )


def _as_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request):
    # Rendered without the request context (no context processors, no database): whatever
    # failed may fail again.
    body = loader.get_template("500.html").render({"error_page": True})
    return HttpResponseServerError(body)
