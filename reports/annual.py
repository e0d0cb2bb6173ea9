"""The annual report as a verifiable document (``documents``): a cover, a section per task of
the plan with its activities, then the indicators of the year, each chart with its table.

Charts are inline SVG in the HTML WeasyPrint renders, so they stay vectors in the PDF/A.
The document is in Polish, as every document is.
"""

import datetime

from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from directory.roles import is_coordinator
from documents.registry import register_document_kind

from .charts import chart_svg
from .indicators import INDICATORS, Period
from .models import AnnualReport
from .plan import progress

ANNUAL_DOCUMENT = "annual_report"


def year_period(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _context(report: AnnualReport) -> dict:
    period = year_period(report.year)
    with translation.override("pl"):
        items = []
        # The document is public once issued: the public indicators only.
        for indicator in (i for i in INDICATORS.values() if i.public):
            result = indicator.compute(period)
            # pygal's output: an SVG of numbers and labels we computed (no user HTML).
            svg = mark_safe(chart_svg(result, str(indicator.title)))  # noqa: S308
            items.append((indicator, result, svg))
        plan = progress(within=period)
        return {
            "report": report,
            "period": period,
            "plan": plan,
            "items": items,
            "title": f"Sprawozdanie roczne z realizacji programu za {report.year} r.",
        }


def _coordinators(user, report) -> bool:
    return is_coordinator(user)


def register_kinds() -> None:
    register_document_kind(
        ANNUAL_DOCUMENT,
        template="reports/annual_report.html",
        build_context=_context,
        label=_("annual report"),
        may_manage=_coordinators,
        reference=lambda report: f"{report.year}",
        file_prefix="sprawozdanie",
    )
