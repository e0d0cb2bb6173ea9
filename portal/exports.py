"""The public registry in files: for programs and for spreadsheets.

- ``csv``, the standard CSV, for programs: comma-separated, UTF-8 without a BOM, the field
  names of ``PublicProfile.columns()`` as headings whatever the page's language, dates in
  ISO 8601, decimals with a dot, booleans ``True``/``False``. It does not change when the
  interface is translated, so a script written against it keeps working.
- ``arkusz.csv``, the CSV for a spreadsheet: what a spreadsheet set to the page's language
  opens in columns by a double click (``SHEET_LOCALES``). Polish (the default): semicolons,
  because a Polish spreadsheet takes the comma for the decimal separator and the semicolon
  for the list separator; headings and yes/no in Polish, dates ``dd.mm.rrrr``, decimal comma.
  English: commas, English headings, British day-first dates, decimal point. Both are UTF-8
  with a BOM, without which Excel reads the file in the system's legacy code page.
- ``xlsx``: numbers and dates as typed cells (a date cell carries a date format of the
  page's language), yes/no as words, headings in the page's language; every text is a text
  cell and cannot become a formula.
- ``json``, for programs: the values of the standard CSV under the same field names.

Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` (and, in some, a tab or carriage return) as a formula. In both CSVs a
text value that begins so is preceded by an apostrophe, the only guard a CSV can carry; the
standard CSV also doubles an apostrophe that a value begins with, so a program gets the
original back by removing one leading apostrophe from any value that has one. The XLSX needs
no visible apostrophe: its text cells are written as strings (never formulas, whatever they
begin with) and those a spreadsheet would re-read as a formula or a number when edited carry
the cell style's ``quotePrefix``, the hidden apostrophe Excel and LibreOffice set themselves
when one types ``'=1+1``.
"""

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.registry.public import PublicProfile, plain

_COL = "export column"
#: The heading of each column of the spreadsheet exports (``PublicProfile.columns()``).
HEADINGS: dict[str, Promise] = {
    "id": pgettext_lazy(_COL, "Registry ID"),
    "name": pgettext_lazy(_COL, "Name"),
    "short_name": pgettext_lazy(_COL, "Short name"),
    "legal_form": pgettext_lazy(_COL, "Legal form"),
    "pes_category": pgettext_lazy(_COL, "PES category"),
    "nip": pgettext_lazy(_COL, "NIP"),
    "regon": pgettext_lazy(_COL, "REGON"),
    "krs": pgettext_lazy(_COL, "KRS"),
    "founding_entity": pgettext_lazy(_COL, "Founding entity"),
    "street": pgettext_lazy(_COL, "Street and number"),
    "postal_code": pgettext_lazy(_COL, "Postal code"),
    "locality": pgettext_lazy(_COL, "Locality"),
    "gmina_teryt": pgettext_lazy(_COL, "Gmina TERYT code"),
    "gmina": pgettext_lazy(_COL, "Gmina"),
    "powiat": pgettext_lazy(_COL, "Powiat"),
    "email": pgettext_lazy(_COL, "E-mail"),
    "phone": pgettext_lazy(_COL, "Phone"),
    "website": pgettext_lazy(_COL, "Website"),
    "pkd": pgettext_lazy(_COL, "PKD codes"),
    "sectors": pgettext_lazy(_COL, "Sectors"),
    "social_services": pgettext_lazy(_COL, "Social services"),
    "employment_as_of": pgettext_lazy(_COL, "Employment as of"),
    "employees": pgettext_lazy(_COL, "Employees"),
    "fte": pgettext_lazy(_COL, "Full-time equivalents"),
    "employees_at_risk": pgettext_lazy(_COL, "Employees at risk of exclusion"),
    "offer": pgettext_lazy(_COL, "Offer"),
    "ready_for_public_contracts": pgettext_lazy(_COL, "Ready for public contracts"),
    "social_enterprise": pgettext_lazy(_COL, "Social enterprise (PS)"),
    "ps_decision": pgettext_lazy(_COL, "Voivode's decision number (PS)"),
    "ps_decision_date": pgettext_lazy(_COL, "Voivode's decision date (PS)"),
    "last_verified": pgettext_lazy(_COL, "Last verified"),
}
YES = pgettext_lazy("export value", "yes")
NO = pgettext_lazy("export value", "no")


@dataclass(frozen=True)
class SheetLocale:
    """How a spreadsheet set to one language reads a CSV and shows a date."""

    delimiter: str
    decimal: str
    #: ``strftime`` format of a date in the CSV.
    date_format: str
    #: Number format of a date cell in the XLSX.
    xlsx_date_format: str
    #: What the spreadsheet CSV is, in words, for the page that links it.
    description: Promise


SHEET_LOCALES = {
    "pl": SheetLocale(
        ";",
        ",",
        "%d.%m.%Y",
        "dd.mm.yyyy",
        _(
            "opens in columns in a spreadsheet set to Polish: semicolons, Polish headings, "
            "dates as dd.mm.yyyy, decimal comma, tak/nie"
        ),
    ),
    "en": SheetLocale(
        ",",
        ".",
        "%d/%m/%Y",
        "dd/mm/yyyy",
        _(
            "opens in columns in a spreadsheet set to English (UK): commas, English headings, "
            "dates as dd/mm/yyyy, decimal point, yes/no"
        ),
    ),
}


def sheet_locale() -> SheetLocale:
    """The conventions of the active language; Polish for any other."""
    return SHEET_LOCALES.get((translation.get_language() or "pl")[:2], SHEET_LOCALES["pl"])


@dataclass(frozen=True)
class Export:
    #: In the URL: ``eksport.<key>``.
    key: str
    #: The end of the file's name, after ``rejestr-pes-<date>``.
    file_end: str
    content_type: str
    label: Promise
    description: Promise | None = None

    def describe(self) -> str:
        return str(self.description or sheet_locale().description)


_CSV = "text/csv; charset=utf-8; header=present"
#: In the order the page offers them: the spreadsheet files first, most people want those.
FORMATS = {
    e.key: e
    for e in (
        Export("arkusz.csv", "-arkusz.csv", _CSV, _("CSV for a spreadsheet")),
        Export(
            "xlsx",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _("XLSX workbook"),
            _("numbers and dates as typed cells, headings in the language of this page"),
        ),
        Export(
            "csv",
            ".csv",
            _CSV,
            _("Standard CSV"),
            _(
                "for programs: commas, UTF-8, field names as headings, dates as "
                "YYYY-MM-DD, decimal point"
            ),
        ),
        Export(
            "json",
            ".json",
            "application/json; charset=utf-8",
            _("JSON"),
            _("for programs: the data of the standard CSV, field names as keys"),
        ),
    )
}

#: What a spreadsheet takes for the start of a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A text a spreadsheet would read as a number or a date if it were typed (KRS, postcode…).
_NUMBER_LIKE = re.compile(r"[0-9][0-9 .,/:-]*\Z")
#: Characters XML 1.0 cannot carry, so neither can an XLSX (openpyxl refuses them).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value, *, reversible: bool = True):
    """A CSV value no spreadsheet runs as a formula: a text beginning like one gets a leading
    apostrophe. ``reversible`` (the standard CSV) also doubles a leading apostrophe, so that
    removing one leading apostrophe always gives the original text back."""
    if not isinstance(value, str):
        return value
    starts = (*FORMULA_START, "'") if reversible else FORMULA_START
    return "'" + value if value.startswith(starts) else value


def rows(entries) -> list[dict]:
    return [PublicProfile(e).values() for e in entries]


def _standard_csv(data: list[dict], columns) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in data:
        writer.writerow(neutralise(plain(row[c])) for c in columns)
    return out.getvalue().encode("utf-8")


def _sheet_value(value, loc: SheetLocale) -> str | int:
    """A value as the spreadsheet CSV writes it, in the conventions of ``loc``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, date):
        return value.strftime(loc.date_format)
    if isinstance(value, Decimal):
        return str(value).replace(".", loc.decimal)
    return neutralise(value, reversible=False)


def _sheet_csv(data: list[dict], columns) -> bytes:
    loc = sheet_locale()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=loc.delimiter)
    writer.writerow(str(HEADINGS[c]) for c in columns)
    for row in data:
        writer.writerow(_sheet_value(row[c], loc) for c in columns)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(data: list[dict], columns) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    loc = sheet_locale()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("PES")
    ws.freeze_panes = "A2"
    for i, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(column, 16)
    bold = Font(bold=True)

    def cell(value):
        # A new cell for every value: write-only mode reuses a cell it is given for the
        # next plain value of the row, styles included.
        if isinstance(value, bool):
            value = str(YES if value else NO)
        if isinstance(value, str):
            value = _NOT_IN_XML.sub("", value)
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            # openpyxl makes a formula of a text beginning with "=" and an error value of
            # "#N/A"; this cell is text whatever it holds.
            c.data_type = "s"
            if value.startswith(FORMULA_START) or _NUMBER_LIKE.match(value):
                c.quotePrefix = True
        elif isinstance(value, date):
            c.number_format = loc.xlsx_date_format
        elif isinstance(value, Decimal):
            c.number_format = "0.00"
        return c

    header = []
    for column in columns:
        c = WriteOnlyCell(ws, value=str(HEADINGS[column]))
        c.data_type = "s"
        c.font = bold
        header.append(c)
    ws.append(header)
    for row in data:
        ws.append([cell(row[c]) if row[c] not in (None, "") else None for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_WIDTHS = {"name": 40, "offer": 60, "pkd": 30, "sectors": 30, "social_services": 30}


def export_response(entries, fmt: str) -> HttpResponse:
    data = rows(entries)
    columns = PublicProfile.columns()
    if fmt == "csv":
        body = _standard_csv(data, columns)
    elif fmt == "arkusz.csv":
        body = _sheet_csv(data, columns)
    elif fmt == "xlsx":
        body = _xlsx(data, columns)
    else:
        entities = [{c: plain(r[c]) for c in columns} for r in data]
        body = json.dumps(
            {"generated": timezone.now().isoformat(), "count": len(data), "entities": entities},
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")
    export = FORMATS[fmt]
    response = HttpResponse(body, content_type=export.content_type)
    name = f"rejestr-pes-{timezone.localdate().isoformat()}{export.file_end}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
