"""The indicators in files: a CSV for a spreadsheet and an XLSX, written by
``documents.spreadsheets``.

CSV: semicolons (a Polish spreadsheet reads the comma as the decimal separator), UTF-8 with a
BOM, headings in the page's language, texts that begin like a formula preceded by an
apostrophe. XLSX: a sheet per indicator; counts are number cells, texts are string cells
(never formulas).
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from documents import spreadsheets

from .indicators import Indicator, Result


def _table(indicator: Indicator, result: Result) -> list[list]:
    return [
        [str(indicator.title), ""],
        [result.label_header, result.value_header],
        *([label, value] for label, value in result.rows),
        *([[_("total"), result.total]] if result.additive else []),
    ]


def csv_bytes(items: list[tuple[Indicator, Result]], period_label: str) -> bytes:
    rows = [[_("period"), period_label]]
    for indicator, result in items:
        rows.append([])
        rows += _table(indicator, result)
    return spreadsheets.csv_bytes(rows, delimiter=";")


def xlsx_bytes(items: list[tuple[Indicator, Result]], period_label: str) -> bytes:
    # A sheet title is at most 31 characters and may not hold []:*?/\ : numbered sheets.
    sheets = [
        spreadsheets.Sheet(
            f"{n:02d}",
            [[_("period"), period_label], *_table(indicator, result)],
            widths={1: 60, 2: 16},
        )
        for n, (indicator, result) in enumerate(items, 1)
    ]
    return spreadsheets.xlsx_bytes(sheets)


def response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
