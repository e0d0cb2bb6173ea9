"""The organiser's list of participants as a spreadsheet: CSV a Polish spreadsheet opens in
columns (semicolons, UTF-8 with BOM, Polish headings and values) and XLSX with typed cells,
both written by ``documents.spreadsheets`` (which keeps a text that looks like a formula a
text)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from documents import spreadsheets


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
    rows = ([_csv_cell(v) for v in row] for row in body)
    return spreadsheets.csv_bytes([head, *rows], delimiter=";")


def _csv_cell(value):
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y %H:%M")
    return value


def participants_xlsx(event, registrations) -> bytes:
    head, body = _rows(event, registrations)
    sheet = spreadsheets.Sheet(_("Participants"), [head, *body], header_rows=1)
    return spreadsheets.xlsx_bytes([sheet])
