"""The indicators in files: a CSV for a spreadsheet and an XLSX.

CSV: semicolons (a Polish spreadsheet reads the comma as the decimal separator), UTF-8 with a
BOM (without it Excel reads the file in a legacy code page and breaks Polish letters), headings
in the page's language. A text cell that a spreadsheet would run as a formula (beginning with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is preceded by an apostrophe, the only
guard a CSV can carry. XLSX: counts are number cells; every text is written as a string cell
(never a formula) and one that begins like a formula carries the hidden ``quotePrefix``.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .indicators import Indicator, Result

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def _table(indicator: Indicator, result: Result) -> list[list]:
    return [
        [str(indicator.title), ""],
        [result.label_header, result.value_header],
        *([label, value] for label, value in result.rows),
        [_("total"), result.total],
    ]


def csv_bytes(items: list[tuple[Indicator, Result]], period_label: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("period"), period_label])
    for indicator, result in items:
        writer.writerow([])
        for row in _table(indicator, result):
            writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(items: list[tuple[Indicator, Result]], period_label: str) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for n, (indicator, result) in enumerate(items, 1):
        # A sheet title is at most 31 characters and may not hold []:*?/\
        ws = wb.create_sheet(f"{n:02d}")
        ws.append([_("period"), period_label])
        for row in _table(indicator, result):
            ws.append(row)
        for cells in ws.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    # openpyxl makes a formula of a text beginning with "="; this is text.
                    cell.data_type = "s"
                    if cell.value.startswith(FORMULA_START):
                        cell.quotePrefix = True
        ws.column_dimensions["A"].width = 60
        ws.column_dimensions["B"].width = 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=content_type)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
