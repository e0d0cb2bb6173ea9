from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from directory.roles import roles_of


def home(request):
    """The public home page of the portal."""
    return render(request, "portal/home.html")


@login_required
def dashboard(request):
    """The signed-in user's start page: one panel per role they hold."""
    return render(request, "portal/dashboard.html", {"roles": sorted(roles_of(request.user))})


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without the request context: whatever failed may fail again.
    return render(request, "500.html", status=500)
