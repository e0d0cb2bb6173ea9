"""The coordinator's report pages (indicators, the plan, exports) and the public indicators.

Deny by default: the coordinator's pages answer 404 to anyone who is not a coordinator (as an
object one may not see does); the public page shows aggregates only, for the indicators marked
public.
"""

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from directory.roles import is_coordinator
from documents import spreadsheets
from documents.models import Document
from documents.services import document_request

from . import exports
from .annual import ANNUAL_DOCUMENT
from .charts import chart_svg
from .forms import PeriodForm, ProgressEntryForm, YearForm
from .funder import funder_sources, funder_table
from .indicators import INDICATORS, public_indicators, public_results
from .models import AnnualReport
from .plan import progress


def _coordinator(request):
    if not is_coordinator(request.user):
        raise Http404


def _period(request):
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _indicators(public: bool):
    return public_indicators() if public else list(INDICATORS.values())


def _indicator(slug: str, public: bool):
    indicator = INDICATORS.get(slug)
    if indicator is None or (public and not indicator.public):
        raise Http404
    return indicator


def _page(request, template: str, public: bool, year_form=None, entry_form=None):
    form, period = _period(request)
    if public:
        results = public_results(period)
        items = [(i, results[i.slug]) for i in _indicators(True)]
    else:
        items = [(i, i.compute(period)) for i in _indicators(False)]
    context = {
        "form": form,
        "period": period,
        "items": items,
        "query": f"start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}",
        "public": public,
    }
    if not public:
        context["plan"] = progress()
        context["year_form"] = year_form or YearForm(initial={"year": period.start.year})
        context["entry_form"] = entry_form or ProgressEntryForm(prefix="entry")
        context["annual_documents"] = Document.objects.filter(kind=ANNUAL_DOCUMENT).order_by(
            "-requested_at"
        )[:10]
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
    result = public_results(period)[slug] if public else indicator.compute(period)
    svg = chart_svg(result, str(indicator.title))
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


@login_required
def funder_export(request, fmt: str):
    """The period's figures under the funder's indicator names (``FunderColumn``)."""
    _coordinator(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, period = _period(request)
    table = funder_table(period, _period_label(period))
    name = f"wskazniki-grantodawca-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    if fmt == "csv":
        body = spreadsheets.csv_bytes(table)
        return exports.response(body, "text/csv; charset=utf-8", f"{name}.csv")
    widths = dict.fromkeys(range(1, len(table[0]) + 1), 24)
    body = spreadsheets.xlsx_bytes(
        [
            spreadsheets.Sheet(_("Indicators")[:31], table, header_rows=1, widths=widths),
            spreadsheets.Sheet(
                _("Sources")[:31], funder_sources(), header_rows=1, widths={1: 60, 2: 50, 3: 16}
            ),
        ]
    )
    return exports.response(body, spreadsheets.XLSX_CONTENT_TYPE, f"{name}.xlsx")


@login_required
def annual_report_issue(request):
    """Issue the annual report of a year as a new version of its document (public once
    rendered: aggregates only); the document's page shows when it is ready."""
    _coordinator(request)  # before the method: others learn nothing of this address
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = YearForm(request.POST)
    if not form.is_valid():
        return _page(request, "reports/coordinator.html", public=False, year_form=form)
    report, _created = AnnualReport.objects.get_or_create(year=form.cleaned_data["year"])
    document = document_request(
        kind=ANNUAL_DOCUMENT, source=report, actor=request.user, public=True
    )
    return redirect("documents:detail", pk=document.pk)


@login_required
def progress_entry_add(request):
    """Record progress of an activity esflow does not count (a campaign, a partnership)."""
    _coordinator(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ProgressEntryForm(request.POST, prefix="entry")
    if not form.is_valid():
        return _page(request, "reports/coordinator.html", public=False, entry_form=form)
    entry = form.save(commit=False)
    entry.entered_by = request.user
    entry.save()
    messages.success(request, _("The progress is recorded."))
    return redirect(reverse("reports:coordinator") + "#plan-title")
