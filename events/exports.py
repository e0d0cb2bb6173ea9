"""The organiser's list of participants as a spreadsheet: CSV a Polish spreadsheet opens in
columns (semicolons, UTF-8 with BOM, Polish headings and values) and XLSX with typed cells.
A text that a spreadsheet would take for a formula is kept as text: an apostrophe in the CSV,
Excel's hidden quote prefix (``quotePrefix``) on a text cell in the XLSX."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(event, registrations):
    sessions = list(event.sessions.all())
    head = [
        _("No."),
        _("First name and surname"),
        _("E-mail"),
        _("Institution"),
        _("You represent"),
        _("Status"),
        _("Registered"),
        _("Accessibility needs"),
        _("Consent to photos"),
        *[
            _("Present: %(date)s") % {"date": timezone.localtime(s.starts_at).strftime("%d.%m.%Y")}
            for s in sessions
        ],
    ]
    body = []
    for n, reg in enumerate(registrations, start=1):
        present = {a.session_id for a in reg.attendances.all()}
        body.append(
            [
                n,
                reg.name,
                reg.email,
                reg.institution,
                reg.get_audience_display(),
                reg.get_status_display(),
                timezone.localtime(reg.created_at),
                reg.accessibility_needs,
                _("yes") if reg.photo_consent else _("no"),
                *[_("yes") if s.pk in present else _("no") for s in sessions],
            ]
        )
    return head, body


def participants_csv(event, registrations) -> bytes:
    head, body = _rows(event, registrations)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    for row in body:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def participants_xlsx(event, registrations) -> bytes:
    head, body = _rows(event, registrations)
    wb = Workbook()
    ws = wb.active
    ws.title = _("Participants")[:31]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    for row in body:
        ws.append([v.replace(tzinfo=None) if hasattr(v, "tzinfo") else v for v in row])
        for cell in ws[ws.max_row]:
            if cell.data_type == "d":
                cell.number_format = "dd.mm.yyyy hh:mm"
            elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"  # openpyxl would store "=…" as a formula
                cell.quotePrefix = True
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
