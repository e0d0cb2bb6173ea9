"""The coordinator's report pages (indicators, the plan, exports) and the public indicators.

Deny by default: the coordinator's pages answer 404 to anyone who is not a coordinator (as an
object one may not see does); the public page shows aggregates only, for the indicators marked
public.
"""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache

from directory.roles import is_coordinator

from . import exports
from .charts import chart_svg
from .forms import PeriodForm
from .indicators import INDICATORS
from .plan import progress


def _coordinator(request):
    if not is_coordinator(request.user):
        raise Http404


def _period(request):
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _indicators(public: bool):
    return [i for i in INDICATORS.values() if i.public or not public]


def _indicator(slug: str, public: bool):
    indicator = INDICATORS.get(slug)
    if indicator is None or (public and not indicator.public):
        raise Http404
    return indicator


def _page(request, template: str, public: bool):
    form, period = _period(request)
    items = [(i, i.compute(period)) for i in _indicators(public)]
    context = {
        "form": form,
        "period": period,
        "items": items,
        "query": f"start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}",
        "public": public,
    }
    if not public:
        context["plan"] = progress()
    return render(request, template, context)


@login_required
@never_cache
def coordinator_page(request):
    _coordinator(request)
    return _page(request, "reports/coordinator.html", public=False)


def public_page(request):
    return _page(request, "reports/public.html", public=True)


@csp_update({"style-src": ["'unsafe-inline'"]})
def _svg(request, slug: str, public: bool):
    """The chart as a standalone SVG image (its own CSS inside; no script runs in an
    ``<img>``)."""
    indicator = _indicator(slug, public)
    _form, period = _period(request)
    svg = chart_svg(indicator.compute(period), str(indicator.title))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@login_required
def coordinator_chart(request, slug: str):
    _coordinator(request)
    return _svg(request, slug, public=False)


def public_chart(request, slug: str):
    return _svg(request, slug, public=True)


def _period_label(period) -> str:
    start, end = (date_format(d, "SHORT_DATE_FORMAT") for d in (period.start, period.end))
    return f"{start} \N{EN DASH} {end}"


@login_required
def coordinator_export(request, slug: str, fmt: str):
    """One indicator (``slug``) or all of them (``wszystkie``) as CSV or XLSX."""
    _coordinator(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, period = _period(request)
    indicators = _indicators(False) if slug == "wszystkie" else [_indicator(slug, False)]
    items = [(i, i.compute(period)) for i in indicators]
    name = f"wskazniki-{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        return exports.response(
            exports.csv_bytes(items, _period_label(period)),
            "text/csv; charset=utf-8",
            f"{name}.csv",
        )
    return exports.response(
        exports.xlsx_bytes(items, _period_label(period)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{name}.xlsx",
    )
