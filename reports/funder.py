"""The funder's export: the figures of a period under the funder's own indicator names.

Which esflow figure goes under which of the funder's names is data (``FunderColumn``, edited by
the coordinator in the admin), so a renamed or added indicator in the funder's reporting form is
an edit, not a release. Each column is one row of an esflow indicator (by its stable key) or its
total; every indicator named is computed once.
"""

import datetime

from django.utils.translation import gettext as _

from workflows.calendar import today

from .indicators import INDICATORS, Period
from .models import FunderColumn

#: The first day of the span over which ``row_choices`` looks for keys that depend on the data.
EPOCH = datetime.date(2000, 1, 1)


def row_choices(slug: str) -> list[str] | None:
    """The keys a column may name for the indicator ``slug`` ("" for its total, when its
    rows add up); ``None`` when there is no such indicator. The keys that depend on the data
    (powiats, gminas) are those of everything recorded so far (computed over all the years:
    once, when the coordinator saves a column)."""
    indicator = INDICATORS.get(slug)
    if indicator is None:
        return None
    result = indicator.compute(Period(EPOCH, today()))
    return ([""] if result.additive else []) + list(result.keys)


def funder_table(period: Period, period_label: str) -> list[list]:
    """Two rows: the headings (the period, then the funder's names) and the values."""
    columns = list(FunderColumn.objects.all())
    results = {
        slug: INDICATORS[slug].compute(period)
        for slug in dict.fromkeys(c.indicator for c in columns)
        if slug in INDICATORS
    }
    values = []
    for column in columns:
        result = results.get(column.indicator)
        values.append(None if result is None else result.value(column.row))
    return [[_("period"), *(c.funder_name for c in columns)], [period_label, *values]]


def funder_sources(columns=None) -> list[list]:
    """Where each column comes from, in words: for the XLSX's second sheet."""
    rows = [[_("funder's indicator name"), _("esflow indicator"), _("row")]]
    for column in columns if columns is not None else FunderColumn.objects.all():
        indicator = INDICATORS.get(column.indicator)
        title = str(indicator.title) if indicator else column.indicator
        rows.append([column.funder_name, title, column.row or _("total")])
    return rows
