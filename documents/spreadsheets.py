"""Spreadsheet files (CSV and XLSX) written one way for every export of esflow.

The portal's registry, an event's participants and the indicators each decide *what* their
rows hold (headings, the page's language, how a yes/no or a date is worded); this module
decides *how* a row becomes a file a spreadsheet opens safely. It lives in ``documents``
because it knows no case type and no app: the portal, events and reports, which sit above
``documents`` in the layers, may all import it.

- CSV for a spreadsheet: UTF-8 with a BOM (without it Excel reads the file in the system's
  legacy code page and breaks Polish letters), a delimiter chosen by the caller (a semicolon
  for a Polish spreadsheet, which takes the comma for the decimal separator), CRLF line ends.
- XLSX: numbers, dates and times as typed cells; every text is a string cell, never a
  formula, whatever it begins with.

Formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that begins with ``=``,
``+``, ``-`` or ``@`` (and, in some, a tab or a carriage return) as a formula. In a CSV such a
text is preceded by an apostrophe, the only guard a CSV can carry. In an XLSX the string cell
is enough to keep it text; those a spreadsheet would re-read as a formula or a number when the
cell is edited carry the style's ``quotePrefix``, the hidden apostrophe Excel and LibreOffice
set themselves when one types ``'=1+1``.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

#: What a spreadsheet takes for the start of a formula (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A text a spreadsheet would read as a number or a date if it were typed (KRS, postcode…).
NUMBER_LIKE = re.compile(r"[0-9][0-9 .,/:-]*\Z")
#: Characters XML 1.0 cannot carry, so neither can an XLSX (openpyxl refuses them).
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value, *, reversible: bool = False):
    """A CSV value no spreadsheet runs as a formula: a text beginning like one gets a leading
    apostrophe. ``reversible`` (for a CSV read by programs) also doubles a leading apostrophe,
    so that removing one leading apostrophe always gives the original text back. Anything but
    a text is returned as it is."""
    if not isinstance(value, str):
        return value
    starts = (*FORMULA_START, "'") if reversible else FORMULA_START
    return "'" + value if value.startswith(starts) else value


def csv_bytes(
    rows: Iterable[Sequence],
    *,
    delimiter: str = ";",
    bom: bool = True,
    reversible: bool = False,
    lineterminator: str = "\r\n",
) -> bytes:
    """Rows as a CSV in UTF-8 (with a BOM unless ``bom`` is false), every text neutralised.

    The caller turns dates, decimals and booleans into the text its readers expect; a value
    that is not a text (a count) is written as ``csv`` writes it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    for row in rows:
        writer.writerow([neutralise(v, reversible=reversible) for v in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


@dataclass
class Sheet:
    """One worksheet: its title (at most 31 characters, none of ``[]:*?/\\``) and rows."""

    title: str
    rows: Iterable[Sequence]
    #: How many first rows are headings: bold, and frozen above the scrolling rows.
    header_rows: int = 0
    #: Column widths (characters) by 1-based column number.
    widths: dict[int, float] = field(default_factory=dict)
    date_format: str = "dd.mm.yyyy"
    datetime_format: str = "dd.mm.yyyy hh:mm"
    decimal_format: str = "0.00"


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of ``sheets``, streamed (openpyxl's write-only mode: memory does not grow
    with the rows). Texts are string cells (control characters XML cannot carry dropped);
    ``int``/``float``/``Decimal`` are numbers; dates and times are date cells in the sheet's
    formats (an aware time is written as its local wall time: a spreadsheet has no zones);
    ``None`` and ``""`` are empty cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title[:31])
        if sheet.header_rows:
            ws.freeze_panes = f"A{sheet.header_rows + 1}"
        for column, width in sheet.widths.items():
            ws.column_dimensions[get_column_letter(column)].width = width

        def cell(value, heading: bool, sheet=sheet, ws=ws):
            if value is None or value == "":
                return None
            if isinstance(value, bool):
                raise TypeError("write a yes/no as a word of the page's language")
            if isinstance(value, str):
                value = NOT_IN_XML.sub("", value)
            elif isinstance(value, datetime.datetime) and value.tzinfo is not None:
                value = timezone.localtime(value).replace(tzinfo=None)
            # A new cell for every value: write-only mode reuses a cell it is given for the
            # next plain value of the row, styles included.
            c = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                # openpyxl makes a formula of a text beginning with "=" and an error value of
                # "#N/A"; this cell is text whatever it holds.
                c.data_type = "s"
                if value.startswith(FORMULA_START) or NUMBER_LIKE.match(value):
                    c.quotePrefix = True
            elif isinstance(value, datetime.datetime):
                c.number_format = sheet.datetime_format
            elif isinstance(value, datetime.date):
                c.number_format = sheet.date_format
            elif isinstance(value, Decimal):
                c.number_format = sheet.decimal_format
            if heading:
                c.font = bold
            return c

        for n, row in enumerate(sheet.rows):
            ws.append([cell(v, n < sheet.header_rows) for v in row])
    if not sheets:
        wb.create_sheet("-")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
