"""The shared spreadsheet writer (documents.spreadsheets): Polish letters survive, formulas
do not run, cells are typed."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from documents.spreadsheets import FORMULA_START, Sheet, csv_bytes, neutralise, xlsx_bytes

POLISH = "Zażółć gęślą jaźń — ŹRÓDŁO, Łódź"
HOSTILE = ["=1+1", "+48 600", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']


def _read_csv(body: bytes, delimiter=";"):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_has_a_bom_and_keeps_polish_letters():
    body = csv_bytes([["nazwa", "liczba"], [POLISH, 3]])
    assert body.startswith(b"\xef\xbb\xbf")
    assert _read_csv(body) == [["nazwa", "liczba"], [POLISH, "3"]]
    # Semicolons and CRLF, as a Polish spreadsheet expects.
    assert body.decode("utf-8-sig") == f"nazwa;liczba\r\n{POLISH};3\r\n"


def test_csv_without_bom_for_programs():
    body = csv_bytes([["a", "b"]], delimiter=",", bom=False)
    assert body == b"a,b\r\n"


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_neutralises_every_formula_start(value):
    rows = _read_csv(csv_bytes([[value]]))
    assert rows[0][0] == "'" + value


def test_csv_leaves_numbers_and_plain_text_alone():
    assert _read_csv(csv_bytes([[-2, "a=1", "'quoted"]])) == [["-2", "a=1", "'quoted"]]


def test_reversible_neutralising_doubles_a_leading_apostrophe():
    assert neutralise("'quoted", reversible=True) == "''quoted"
    assert neutralise("'quoted") == "'quoted"
    assert neutralise(5) == 5


@given(
    st.sampled_from(["", *FORMULA_START, "'"]).flatmap(
        lambda s: st.text(max_size=10).map(lambda t: s + t)
    )
)
def test_reversible_neutralising_gives_the_original_back(value):
    written = neutralise(value, reversible=True)
    assert not written.startswith(FORMULA_START)
    assert (written[1:] if written.startswith("'") else written) == value


def test_xlsx_keeps_polish_letters_and_types_cells():
    sheet = Sheet(
        "Łódź",
        [
            ["nazwa", "liczba", "data", "czas", "kwota"],
            [
                POLISH,
                7,
                datetime.date(2026, 3, 1),
                datetime.datetime(2026, 3, 1, 9, 30),  # noqa: DTZ001 (a wall time)
                Decimal("2.50"),
            ],
        ],
        header_rows=1,
    )
    ws = load_workbook(io.BytesIO(xlsx_bytes([sheet]))).active
    assert ws.title == "Łódź"
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws["A2"].value == POLISH
    assert ws["A2"].data_type == "s"
    assert ws["B2"].value == 7
    assert ws["B2"].data_type == "n"
    assert ws["C2"].is_date
    assert ws["C2"].number_format == "dd.mm.yyyy"
    assert ws["D2"].is_date
    assert ws["D2"].number_format == "dd.mm.yyyy hh:mm"
    assert ws["E2"].value == 2.5
    assert ws["E2"].number_format == "0.00"


def test_xlsx_writes_an_aware_time_as_warsaw_wall_time():
    utc = datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)
    ws = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", [[utc]])]))).active
    assert ws["A1"].value == datetime.datetime(2026, 7, 1, 10, 0)  # noqa: DTZ001


@pytest.mark.parametrize("value", HOSTILE)
def test_xlsx_formula_start_is_a_text_cell_with_the_hidden_apostrophe(value):
    ws = load_workbook(io.BytesIO(xlsx_bytes([Sheet("s", [[value, "zwykły tekst"]])]))).active
    assert ws["A1"].data_type == "s"
    assert ws["A1"].value == value
    assert ws["A1"].quotePrefix
    assert not ws["B1"].quotePrefix


def test_xlsx_number_like_text_stays_text_and_empty_is_empty():
    ws = load_workbook(
        io.BytesIO(xlsx_bytes([Sheet("s", [["00-950", "", None, "a\x01b"]])]))
    ).active
    assert ws["A1"].value == "00-950"
    assert ws["A1"].quotePrefix
    assert ws["B1"].value is None
    assert ws["C1"].value is None
    assert ws["D1"].value == "ab"


def test_xlsx_refuses_a_bare_boolean():
    with pytest.raises(TypeError):
        xlsx_bytes([Sheet("s", [[True]])])


def test_xlsx_one_sheet_each():
    wb = load_workbook(io.BytesIO(xlsx_bytes([Sheet("01", [[1]]), Sheet("02", [[2]])])))
    assert [ws.title for ws in wb.worksheets] == ["01", "02"]
