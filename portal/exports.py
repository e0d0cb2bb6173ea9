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

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.registry.public import PublicProfile, plain
from documents import spreadsheets

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


def rows(entries) -> list[dict]:
    return [PublicProfile(e).values() for e in entries]


def _standard_csv(data: list[dict], columns) -> bytes:
    body = ([plain(row[c]) for c in columns] for row in data)
    return spreadsheets.csv_bytes([columns, *body], delimiter=",", bom=False, reversible=True)


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
    return value


def _sheet_csv(data: list[dict], columns) -> bytes:
    loc = sheet_locale()
    head = [str(HEADINGS[c]) for c in columns]
    body = ([_sheet_value(row[c], loc) for c in columns] for row in data)
    return spreadsheets.csv_bytes([head, *body], delimiter=loc.delimiter)


def _xlsx(data: list[dict], columns) -> bytes:
    loc = sheet_locale()

    def value(v):
        return str(YES if v else NO) if isinstance(v, bool) else v

    head = [str(HEADINGS[c]) for c in columns]
    body = ([value(row[c]) for c in columns] for row in data)
    sheet = spreadsheets.Sheet(
        "PES",
        [head, *body],
        header_rows=1,
        widths={i: _WIDTHS.get(c, 16) for i, c in enumerate(columns, 1)},
        date_format=loc.xlsx_date_format,
    )
    return spreadsheets.xlsx_bytes([sheet])


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
