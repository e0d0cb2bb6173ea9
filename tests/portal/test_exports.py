"""The registry's files: a standard CSV for programs, a CSV and an XLSX a spreadsheet opens as
it should (Polish by default, English on English pages), and no cell a spreadsheet would run as
a formula."""

import csv
import datetime
import io
import json
import operator
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from directory.registry import services
from documents.spreadsheets import FORMULA_START, neutralise
from portal.exports import FORMATS, _xlsx
from tests.factories import UserFactory
from tests.registry.factories import make_entry

pytestmark = pytest.mark.django_db

HOSTILE_NAME = "=1+1"
HOSTILE_SHORT = "@SUM(A1)"
PHONE = "+48 41 123 45 67"
KRS = "0000123456"


@pytest.fixture
def entry(teryt):
    """A published entry whose texts begin like formulas, with typed figures and dates."""
    entry = make_entry(
        HOSTILE_NAME,
        offer="-catering; obiady",
        last_verified_on=datetime.date(2026, 12, 6),
        ready_for_public_contracts=True,
    )
    org = entry.organisation
    services.registry_entry_update(
        entry=entry, changes={"short_name": HOSTILE_SHORT, "phone": PHONE, "krs": KRS}
    )
    services.registry_employment_record(
        entry=entry,
        as_of=datetime.date(2025, 12, 31),
        headcount=12,
        fte=Decimal("8.5"),
        at_risk={"disabled": 3, "unemployed": 2},
    )
    services.registry_ps_grant(
        entry=entry,
        purpose="reintegration",
        decision_number="PS/7/2025",
        decision_date=datetime.date(2025, 3, 1),
    )
    org.refresh_from_db()
    return entry


def _get(client, key, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(reverse("portal:registry-export", args=[key]), **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[key].content_type
    return response


def _sheet_rows(body: bytes, delimiter: str) -> list[dict]:
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8 only with it
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_spreadsheet_csv_is_polish_by_default(client, entry):
    response = _get(client, "arkusz.csv")
    assert 'filename="rejestr-pes-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('-arkusz.csv"')
    body = response.content
    header_line = body.decode("utf-8-sig").splitlines()[0]
    assert header_line.startswith("Identyfikator w rejestrze;Nazwa;Nazwa skrócona;Forma prawna;")
    (row,) = _sheet_rows(body, ";")
    assert row["Identyfikator w rejestrze"] == str(entry.pk)
    assert row["Etaty"] == "8,50"
    assert row["Liczba pracowników"] == "12"
    assert row["Liczba pracowników zagrożonych wykluczeniem"] == "5"
    assert row["Stan zatrudnienia na dzień"] == "31.12.2025"
    assert row["Data decyzji wojewody (PS)"] == "01.03.2025"
    assert row["Ostatnia weryfikacja"] == "06.12.2026"
    assert row["Przedsiębiorstwo społeczne (PS)"] == "tak"
    assert row["Gotowość do realizacji zamówień publicznych"] == "tak"
    assert row["Numer decyzji wojewody (PS)"] == "PS/7/2025"
    # A text that begins like a formula is preceded by an apostrophe; an original
    # apostrophe is not doubled in this variant (nobody parses it back).
    assert row["Nazwa"] == "'=1+1"
    assert row["Nazwa skrócona"] == "'@SUM(A1)"
    assert row["Telefon"] == "'" + PHONE
    assert row["Oferta"] == "'-catering; obiady"  # the semicolon is quoted, not a new column
    assert row["KRS"] == KRS
    assert "True" not in body.decode("utf-8-sig")


def test_spreadsheet_csv_follows_an_english_page_with_british_formats(client, entry):
    body = _get(client, "arkusz.csv", language="en").content
    (row,) = _sheet_rows(body, ",")
    assert row["Registry ID"] == str(entry.pk)
    assert row["Full-time equivalents"] == "8.50"
    assert row["Employment as of"] == "31/12/2025"
    assert row["Voivode's decision date (PS)"] == "01/03/2025"
    assert row["Social enterprise (PS)"] == "yes"
    assert row["Name"] == "'=1+1"


def test_spreadsheet_csv_says_no_and_leaves_unpublished_groups_empty(client, teryt):
    make_entry("Fundacja Bez Zgód", consent_all=False, rich=True)
    make_entry("Spółdzielnia Bez Statusu", consent_all=True)
    rows = {r["Nazwa"]: r for r in _sheet_rows(_get(client, "arkusz.csv").content, ";")}
    bare = rows["Fundacja Bez Zgód"]
    for heading in ("Etaty", "Stan zatrudnienia na dzień", "Przedsiębiorstwo społeczne (PS)"):
        assert bare[heading] == "", heading
    assert rows["Spółdzielnia Bez Statusu"]["Przedsiębiorstwo społeczne (PS)"] == "nie"
    assert rows["Spółdzielnia Bez Statusu"]["Gotowość do realizacji zamówień publicznych"] == "nie"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_standard_csv_is_the_same_in_every_language(client, entry, language):
    response = _get(client, "csv", language=language)
    assert response["Content-Disposition"].endswith('.csv"')
    assert "arkusz" not in response["Content-Disposition"]
    body = response.content
    assert not body.startswith(b"\xef\xbb\xbf")
    (row,) = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    assert list(row)[:3] == ["id", "name", "short_name"]
    assert row["fte"] == "8.50"
    assert row["employment_as_of"] == "2025-12-31"
    assert row["ps_decision_date"] == "2025-03-01"
    assert row["social_enterprise"] == "True"
    assert row["name"] == "'=1+1"
    assert row["phone"] == "'" + PHONE


@pytest.mark.parametrize(
    "value", ["=1+1", "+48", "-2", "@SUM(A1)", "\tcmd", "\rcmd", "'quoted", "''", "plain"]
)
def test_standard_csv_neutralisation_is_undone_by_dropping_one_leading_apostrophe(
    client, teryt, value
):
    entry = make_entry("Spółdzielnia Odwracalna")
    services.registry_entry_update(entry=entry, changes={"short_name": value})
    (row,) = list(csv.DictReader(io.StringIO(_get(client, "csv").content.decode(), newline="")))
    written = row["short_name"]
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))
    original = written[1:] if written.startswith("'") else written
    assert original == value


def _sheet(body: bytes):
    return load_workbook(io.BytesIO(body)).active


def _xlsx_row(ws, name_heading: str, name: str) -> dict:
    headings = [c.value for c in ws[1]]
    for cells in ws.iter_rows(min_row=2):
        row = dict(zip(headings, cells, strict=True))
        if row[name_heading].value == name:
            return row
    raise AssertionError(name)


def test_xlsx_cells_are_typed_and_polish_by_default(client, entry):
    response = _get(client, "xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    ws = _sheet(response.content)
    assert ws["A1"].value == "Identyfikator w rejestrze"
    assert ws["A1"].font.b
    assert ws.freeze_panes == "A2"
    row = _xlsx_row(ws, "Nazwa", HOSTILE_NAME)
    for heading, value in (
        ("Identyfikator w rejestrze", entry.pk),
        ("Liczba pracowników", 12),
        ("Liczba pracowników zagrożonych wykluczeniem", 5),
        ("Etaty", 8.5),
    ):
        assert row[heading].data_type == "n", heading
        assert row[heading].value == value, heading
    assert row["Etaty"].number_format == "0.00"
    for heading, value in (
        ("Stan zatrudnienia na dzień", datetime.date(2025, 12, 31)),
        ("Data decyzji wojewody (PS)", datetime.date(2025, 3, 1)),
        ("Ostatnia weryfikacja", datetime.date(2026, 12, 6)),
    ):
        assert row[heading].is_date, heading
        assert row[heading].data_type == "d", heading
        assert row[heading].value.date() == value, heading
        assert row[heading].number_format == "dd.mm.yyyy", heading
    assert row["Przedsiębiorstwo społeczne (PS)"].value == "tak"
    assert row["Gotowość do realizacji zamówień publicznych"].value == "tak"


def test_xlsx_dates_are_british_on_an_english_page(client, entry):
    ws = _sheet(_get(client, "xlsx", language="en").content)
    assert ws["A1"].value == "Registry ID"
    row = _xlsx_row(ws, "Name", HOSTILE_NAME)
    assert row["Employment as of"].number_format == "dd/mm/yyyy"
    assert row["Employment as of"].is_date
    assert row["Social enterprise (PS)"].value == "yes"


@pytest.mark.parametrize(
    "value", ["=1+1", "@SUM(A1)", "+48 41 123 45 67", "-x", '=HYPERLINK("http://x")', "#N/A"]
)
def test_xlsx_hostile_text_is_a_text_cell_without_a_visible_apostrophe(client, teryt, value):
    entry = make_entry("Spółdzielnia Wroga")
    services.registry_entry_update(entry=entry, changes={"short_name": value})
    body = _get(client, "xlsx").content
    row = _xlsx_row(_sheet(body), "Nazwa", "Spółdzielnia Wroga")
    cell = row["Nazwa skrócona"]
    assert cell.data_type == "s"
    assert cell.value == value  # no apostrophe in the text
    if value[0] in "=@+-":
        assert cell.quotePrefix  # the hidden apostrophe: editing the cell keeps it text
    # Nowhere in the file is a formula.
    sheet_xml = zipfile.ZipFile(io.BytesIO(body)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml
    assert b"<f " not in sheet_xml


def test_xlsx_identifiers_keep_their_leading_zeros_as_text(client, entry):
    row = _xlsx_row(_sheet(_get(client, "xlsx").content), "Nazwa", HOSTILE_NAME)
    assert row["KRS"].data_type == "s"
    assert row["KRS"].value == KRS
    assert row["KRS"].quotePrefix
    assert row["Nazwa"].data_type == "s"
    assert row["Nazwa"].value == HOSTILE_NAME


def test_xlsx_drops_characters_xml_cannot_carry_instead_of_failing(client, teryt):
    entry = make_entry("Spółdzielnia Sterująca")
    services.registry_entry_update(entry=entry, changes={"short_name": "A\x01B\x1fC"})
    row = _xlsx_row(_sheet(_get(client, "xlsx").content), "Nazwa", "Spółdzielnia Sterująca")
    assert row["Nazwa skrócona"].value == "ABC"


def test_json_keeps_its_plain_values(client, entry):
    (row,) = json.loads(_get(client, "json").content)["entities"]
    assert row["fte"] == "8.50"
    assert row["employees"] == 12
    assert row["employment_as_of"] == "2025-12-31"
    assert row["social_enterprise"] is True
    assert row["name"] == HOSTILE_NAME  # JSON is not opened by spreadsheets: no apostrophe


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "pl",
            [
                "CSV do arkusza kalkulacyjnego",
                "Skoroszyt XLSX",
                "Standardowy CSV",
                "otwiera się w kolumnach w arkuszu w polskiej wersji językowej: średniki",
                "poprzedzony apostrofem",
                "które arkusz gubi przy otwieraniu pliku CSV",
            ],
        ),
        (
            "en",
            [
                "CSV for a spreadsheet",
                "XLSX workbook",
                "Standard CSV",
                "opens in columns in a spreadsheet set to English (UK): commas",
                "preceded by an apostrophe",
                "which a spreadsheet drops when it opens a CSV",
            ],
        ),
    ],
)
def test_registry_page_links_and_explains_every_export(client, entry, language, texts):
    response = client.get(reverse("portal:registry") + "?q=", HTTP_ACCEPT_LANGUAGE=language)
    text = response.content.decode()
    for expected in texts:
        assert expected in text, expected
    for key in FORMATS:
        assert f'href="{reverse("portal:registry-export", args=[key])}' in text, key


@pytest.mark.parametrize("who", ["anonymous", "user", "advisor"])
@pytest.mark.parametrize("key", list(FORMATS))
def test_every_export_is_public_and_shows_only_published_entries(client, request, teryt, key, who):
    """Public data: everyone may download it, and nobody gets an unpublished entry in it,
    not even a staff member (the staff registry is a different page)."""
    make_entry("Jawna Spółdzielnia")
    make_entry("Ukryta Spółdzielnia", published=False)
    if who == "user":
        client.force_login(UserFactory())
    elif who == "advisor":
        client.force_login(request.getfixturevalue("advisor"))
    response = client.get(reverse("portal:registry-export", args=[key]))
    assert response.status_code == 200
    body = response.content
    if key == "xlsx":
        cells = _sheet(body).iter_rows(values_only=True)
        body = "\n".join(str(v) for r in cells for v in r).encode()
    assert "Jawna Spółdzielnia".encode() in body
    assert b"Ukryta" not in body


@pytest.mark.parametrize("key", ["pdf", "arkusz", "arkusz.xlsx", "CSV", "csv.csv"])
def test_unknown_export_is_404(client, teryt, key):
    assert client.get(reverse("portal:registry-export", args=[key])).status_code == 404


@pytest.mark.parametrize("key", list(FORMATS))
def test_exports_refuse_other_methods(client, teryt, key):
    assert client.post(reverse("portal:registry-export", args=[key])).status_code == 405


# Any text a registry entry may hold, led now and then by what starts a formula.
_TEXTS = st.builds(
    operator.add,
    st.sampled_from(["", "=", "+", "-", "@", "'", "\t", "=HYPERLINK(", "0"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40),
)


@given(_TEXTS)
def test_standard_csv_value_never_starts_a_formula_and_gives_the_original_back(value):
    written = neutralise(value, reversible=True)
    assert not written.startswith(FORMULA_START)
    assert (written[1:] if written.startswith("'") else written) == value


@given(_TEXTS)
def test_xlsx_text_is_always_the_same_text_in_a_text_cell(value):
    with translation.override("pl"):
        body = _xlsx([{"name": value}], ["name"])
    cell = load_workbook(io.BytesIO(body)).active["A2"]
    if value:
        assert cell.data_type == "s"
        assert cell.value == value
        # The hidden apostrophe where an edit would make a formula or a number of it.
        number_like = re.match(r"[0-9][0-9 .,/:-]*\Z", value) is not None
        assert cell.quotePrefix == (value.startswith(FORMULA_START) or number_like)
    else:
        assert cell.value is None
