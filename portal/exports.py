"""The public registry as CSV (UTF-8 with BOM, for spreadsheets), XLSX and JSON."""

import csv
import io
import json

from django.http import HttpResponse
from django.utils import timezone

from .public import PublicProfile

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def rows(entries) -> list[dict]:
    return [PublicProfile(e).flat() for e in entries]


def _csv(data: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(data)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(data: list[dict], columns: list[str]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("PES")
    ws.append(columns)
    for row in data:
        ws.append([_cell(row[c]) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        # Never let a cell become a formula.
        return "'" + value
    return value


def export_response(entries, fmt: str) -> HttpResponse:
    data = rows(entries)
    columns = list(PublicProfile.columns())
    if fmt == "csv":
        body = _csv([{c: _cell(r[c]) for c in columns} for r in data], columns)
    elif fmt == "xlsx":
        body = _xlsx(data, columns)
    else:
        body = json.dumps(
            {"generated": timezone.now().isoformat(), "count": len(data), "entities": data},
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")
    response = HttpResponse(body, content_type=FORMATS[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="rejestr-pes-{stamp}.{fmt}"'
    return response
