"""Odd but ordinary input to the registry's staff side is a message, never a 500."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from directory.registry.importer import registry_import_file
from documents.spreadsheets import neutralise

from .factories import make_entry, make_nip

pytestmark = pytest.mark.django_db


def test_xlsx_header_with_an_empty_or_numeric_cell_is_read(teryt):
    wb = Workbook()
    ws = wb.active
    ws.append(["name", "legal_form", None, 7, "nip", "gmina_teryt"])
    ws.append(["Fundacja Pusta Kolumna", "foundation", "", "", make_nip(808), "2661011"])
    out = io.BytesIO()
    wb.save(out)
    report = registry_import_file(name="pes.xlsx", content=out.getvalue(), dry_run=True)
    assert not report.errors
    assert not report.refused


def test_csv_field_over_the_csv_size_limit_is_reported_not_raised(teryt):
    content = ("name;offer\nFundacja;" + "x" * 200_000 + "\n").encode()
    report = registry_import_file(name="big.csv", content=content, dry_run=True)
    assert report.errors


def test_nul_bytes_in_imported_text_are_dropped(teryt):
    content = f"name;legal_form;nip;gmina_teryt\nFun\x00dacja;foundation;{make_nip(909)};2661011\n"
    report = registry_import_file(name="nul.csv", content=content.encode(), dry_run=False)
    assert report.applied, report.refused
    from directory.models import Organisation

    assert Organisation.objects.filter(name="Fundacja").exists()


def test_staff_search_with_a_nul_byte_answers_200(client, advisor, teryt):
    make_entry("Spółdzielnia Nul")
    client.force_login(advisor)
    response = client.get(reverse("directory:registry-staff"), {"q": "Sp\x00ółdzielnia"})
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "abc", "-1"])
def test_bulk_verify_ignores_ids_that_are_not_plain_numbers(client, coordinator, teryt, value):
    client.force_login(coordinator)
    response = client.post(reverse("directory:registry-bulk-verify"), {"entry": [value]})
    assert response.status_code == 302


@pytest.mark.parametrize("value", ["=1+1", "+48", "-2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_export_cells_never_start_a_formula(value):
    assert neutralise(value).startswith("'")
    assert neutralise(value, reversible=False).startswith("'")
