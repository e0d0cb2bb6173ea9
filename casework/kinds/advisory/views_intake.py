"""Views of the intake that need no case: the CPV lookup used by the intake forms.

Any signed-in user may search the dictionary (it is public reference data, but the endpoint
serves our forms, not the world). Both views answer GET only and change nothing.
"""

import json
import re

from django.contrib.auth.decorators import login_required
from django.forms.renderers import get_default_renderer
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from .intake.bands import SOURCES, band_of_input
from .intake.cpv import CPV_UNKNOWN, cpv_lookup, cpv_search
from .intake.fields import CPVInput, split_codes

#: Shortest query that is searched; one character would list half the dictionary.
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
RESULT_LIMIT = 20

BAD_LOOKUP_REQUEST = _("This lookup request is not valid.")
CPV_ADDED = _("Added %(code)s %(name)s.")
CPV_CHOSEN = _("Chosen %(code)s %(name)s.")

# Field names and element ids travel in the request and come back in the page: allow only
# what Django itself generates for form fields.
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")


def _safe(value: str | None) -> str:
    return value if value and _SAFE_NAME.fullmatch(value) else ""


@login_required
@require_GET
def cpv_search_view(request: HttpRequest) -> HttpResponse:
    """CPV codes matching ``q`` (or ``cpv_q``): an htmx list of buttons, or JSON."""
    query = (request.GET.get("q") or request.GET.get("cpv_q") or "").strip()[:MAX_QUERY_LENGTH]
    found = cpv_search(query, limit=RESULT_LIMIT) if len(query) >= MIN_QUERY_LENGTH else []
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "query": query,
                "results": [
                    {"code": c.code, "name_pl": c.name_pl, "name_en": c.name_en} for c in found
                ],
            }
        )
    field, target = _safe(request.GET.get("field")), _safe(request.GET.get("target"))
    language = get_language()
    results = [
        {
            "code": c.code,
            "name": c.name(language),
            "vals": json.dumps(
                {
                    "code": c.code,
                    "field": field,
                    "target": target,
                    "multiple": request.GET.get("multiple", ""),
                }
            ),
        }
        for c in found
    ]
    context = {
        "query": query,
        "too_short": 0 < len(query) < MIN_QUERY_LENGTH,
        "results": results,
        "target": target,
        "pickable": bool(field and target),
        "multiple": request.GET.get("multiple") == "1",
    }
    return render(request, "advisory/intake/cpv_results.html", context)


@login_required
@require_GET
def cpv_pick_view(request: HttpRequest) -> HttpResponse:
    """The code input of a form with the chosen code put in (added, for several codes)."""
    field, target = _safe(request.GET.get("field")), _safe(request.GET.get("target"))
    if not field or not target:
        return HttpResponseBadRequest(BAD_LOOKUP_REQUEST)
    multiple = request.GET.get("multiple") == "1"
    current = request.GET.get(field, "")
    cpv = cpv_lookup(request.GET.get("code", ""))
    status = ""
    if cpv is None:
        value = current
        status = CPV_UNKNOWN % {"code": request.GET.get("code", "")[:20]}
    elif multiple:
        value = ", ".join(split_codes([*split_codes(current), cpv.code]))
        status = CPV_ADDED % {"code": cpv.code, "name": cpv.name()}
    else:
        value = cpv.code
        status = CPV_CHOSEN % {"code": cpv.code, "name": cpv.name()}
    widget = CPVInput(multiple=multiple)
    context = widget.get_context(
        field, value, {"id": target, "aria-describedby": f"{target}_helptext"}
    )
    context["status"] = status
    # The form renderer, not the page engine: the input is drawn by Django's widget templates.
    return HttpResponse(get_default_renderer().render("advisory/intake/cpv_value.html", context))


@login_required
@require_GET
def band_view(request: HttpRequest) -> HttpResponse:
    """The threshold-band note for the value, contract type and social-service answer typed
    so far (htmx asks for it as they change; the form shows the same note after a submit).
    Field names may carry a form prefix; anything unreadable gives the "enter the value" note.
    """

    def param(name: str) -> str:
        for key, value in request.GET.items():
            if key == name or key.endswith("-" + name):
                return value if len(value) <= 40 else ""
        return ""

    band = band_of_input(
        value=param("estimated_value_net"),
        contract_type=param("contract_type"),
        social_service=param("social_service"),
    )
    return render(request, "advisory/intake/band_note.html", {"band": band, "sources": SOURCES})
