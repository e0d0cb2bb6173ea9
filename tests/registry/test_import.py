"""Importing entities from CSV and XLSX: dry run, all-or-nothing, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from directory.models import Organisation, RegistryChange, RegistryEntry
from directory.registry.importer import Action, registry_import_file

from .factories import make_entry, make_nip, make_regon

HEADER = (
    "name;legal_form;nip;regon;krs;gmina_teryt;pkd_version;pkd_codes;offer;published;consent_offer"
)


def _csv(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def _good_rows() -> list[str]:
    return [
        f"Spółdzielnia Socjalna Smak;social_cooperative;{make_nip(101)};{make_regon(101)};;"
        "2661011;2025;56.21.Z;catering;tak;tak",
        f"Fundacja Razem;fundacja;{make_nip(202)};;0000123456;2601013;2007;88.10.Z 81.21.Z;"
        "sprzątanie;1;1",
        f"CIS Chęciny;cis;;{make_regon(303)};;2604033;;;;nie;nie",
    ]


@pytest.fixture
def bad_file(teryt):
    good = _good_rows()
    return _csv(
        good[0],
        "Zły NIP;social_cooperative;1234567890;;;2661011;;;;;",
        "Zły REGON;social_cooperative;;123456789;;2661011;;;;;",
        "Zły KRS;association;;;12345;2661011;;;;;",
        f"Nieznana gmina;association;{make_nip(404)};;;2699999;;;;;",
        f"Nieznana forma;spółka z o.o.;{make_nip(505)};;;2661011;;;;;",
        f"Nieznany PKD;association;{make_nip(606)};;;2661011;2025;99.99.Q;;;",
        f"Duplikat;association;{make_nip(101)};;;2661011;;;;;",
        good[1],
    )


def test_dry_run_reports_every_refused_row_with_line_and_reason_and_stores_nothing(bad_file):
    report = registry_import_file(name="pes.csv", content=bad_file, dry_run=True)
    refused = {r.line: " ".join(r.reasons) for r in report.refused}
    assert sorted(refused) == [3, 4, 5, 6, 7, 8, 9]
    # Each reason starts with the column it is about (column names are not translated).
    assert refused[3].startswith("nip “1234567890”:")
    assert refused[4].startswith("regon “123456789”:")
    assert refused[5].startswith("krs “12345”:")
    assert refused[6].startswith("gmina_teryt:")
    assert "2699999" in refused[6]
    assert refused[7].startswith("legal_form:")
    assert "spółka z o.o." in refused[7]
    assert refused[8].startswith("pkd_codes:")
    assert "99.99.Q" in refused[8]
    assert refused[9].startswith(f"nip {make_nip(101)}:")
    assert refused[9].rstrip(".").endswith(" 2")  # the line it repeats
    assert [r.action for r in report.rows if r.line in (2, 10)] == [Action.CREATE, Action.CREATE]
    assert not report.applied
    assert RegistryEntry.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert RegistryChange.objects.count() == 0


def test_file_with_one_bad_row_imports_nothing_and_says_why(teryt):
    rows = _good_rows()
    rows.append(f"Zła gmina;association;{make_nip(707)};;;2600000;;;;;")
    report = registry_import_file(name="pes.csv", content=_csv(*rows), dry_run=False)
    assert not report.applied
    assert [(r.line, r.action) for r in report.refused] == [(5, Action.REFUSED)]
    assert "2600000" in report.refused[0].reasons[0]
    assert RegistryEntry.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_clean_file_creates_every_entry_and_a_second_import_changes_nothing(teryt):
    content = _csv(*_good_rows())
    first = registry_import_file(name="pes.csv", content=content, dry_run=False)
    assert first.applied
    assert [r.action for r in first.rows] == [Action.CREATE] * 3
    assert RegistryEntry.objects.count() == 3
    fundacja = RegistryEntry.objects.get(organisation__name="Fundacja Razem")
    assert fundacja.kind == "foundation"
    assert fundacja.published
    assert sorted((p.version, p.code) for p in fundacja.pkd_codes.all()) == [
        ("2007", "81.21.Z"),
        ("2007", "88.10.Z"),
    ]
    history = RegistryChange.objects.count()
    assert history > 0

    second = registry_import_file(name="pes.csv", content=content, dry_run=False)
    assert second.applied
    assert [r.action for r in second.rows] == [Action.UNCHANGED] * 3
    assert RegistryEntry.objects.count() == 3
    assert RegistryChange.objects.count() == history


def test_reimport_with_a_changed_cell_updates_that_field_with_history(teryt):
    registry_import_file(name="pes.csv", content=_csv(*_good_rows()), dry_run=False)
    rows = _good_rows()
    rows[0] = rows[0].replace(";catering;", ";catering i obiady;")
    report = registry_import_file(name="pes.csv", content=_csv(*rows), dry_run=False)
    assert [r.action for r in report.rows] == [Action.UPDATE, Action.UNCHANGED, Action.UNCHANGED]
    change = RegistryChange.objects.filter(field="offer", old_value="catering").get()
    assert change.new_value == "catering i obiady"
    assert change.source == "import"


def test_import_matches_existing_entries_by_identifier(teryt):
    existing = make_entry("Stara Nazwa", offer="x")
    row = f"Nowa Nazwa;;{existing.organisation.nip};;;;;;;;"
    report = registry_import_file(name="pes.csv", content=_csv(row), dry_run=False)
    assert [r.action for r in report.rows] == [Action.UPDATE]
    existing.organisation.refresh_from_db()
    assert existing.organisation.name == "Nowa Nazwa"


def test_xlsx_import_works_like_csv(teryt):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(";"))
    for row in _good_rows():
        ws.append(row.split(";"))
    out = io.BytesIO()
    wb.save(out)
    report = registry_import_file(name="pes.xlsx", content=out.getvalue(), dry_run=False)
    assert report.applied, report.refused
    assert RegistryEntry.objects.count() == 3


def test_unreadable_file_is_reported(teryt):
    report = registry_import_file(name="x.csv", content=b"\xff\xfe\x00garbage", dry_run=True)
    assert report.errors
    report = registry_import_file(name="x.xlsx", content=b"PK not a zip", dry_run=True)
    assert report.errors
    report = registry_import_file(name="x.csv", content=b"foo,bar\n1,2\n", dry_run=True)
    assert report.errors


def test_management_command_dry_run_then_apply(teryt, tmp_path, capsys):
    path = tmp_path / "pes.csv"
    path.write_bytes(_csv(*_good_rows()))
    call_command("import_registry", str(path))
    assert RegistryEntry.objects.count() == 0
    call_command("import_registry", str(path), "--apply")
    assert RegistryEntry.objects.count() == 3
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv("Bez identyfikatora;association;;;;2661011;;;;;"))
    with pytest.raises(CommandError):
        call_command("import_registry", str(bad), "--apply")
    assert "line 2" in capsys.readouterr().out


def test_employment_and_founding_entity_columns_are_imported_idempotently(teryt):
    founder = make_entry("Gmina-założyciel", kind="association")
    header = (
        "name;legal_form;regon;gmina_teryt;founding_entity_nip;employment_as_of;employees;fte;"
        "at_risk"
    )
    row = (
        f"WTZ Promyk;wtz;{make_regon(808)};2661011;{founder.organisation.nip};2025-12-31;12;10,5;"
        "disabled=8, unemployed=1"
    )
    content = f"{header}\n{row}\n".encode()
    first = registry_import_file(name="wtz.csv", content=content, dry_run=False)
    assert first.applied, first.refused
    entry = RegistryEntry.objects.get(organisation__name="WTZ Promyk")
    assert entry.founding_entity == founder.organisation
    figure = entry.employment.get()
    assert (figure.headcount, str(figure.fte), figure.at_risk) == (
        12,
        "10.50",
        {"disabled": 8, "unemployed": 1},
    )
    second = registry_import_file(name="wtz.csv", content=content, dry_run=False)
    assert [r.action for r in second.rows] == [Action.UNCHANGED]
    bad = f"{header}\n{row.replace('disabled=8', 'aliens=8')}\n".encode()
    report = registry_import_file(name="wtz.csv", content=bad, dry_run=True)
    assert report.refused[0].reasons[0].startswith("at_risk:")


def test_ps_decisions_and_their_loss_are_imported_once(teryt):
    header = (
        "name;legal_form;nip;ps_purpose;ps_decision_number;ps_decision_date;ps_lost_on;"
        "ps_loss_reason"
    )
    granted = (
        f"Spółdzielnia PS;social_cooperative;{make_nip(909)};reintegration;WPS.1.2023;2023-05-04;;"
    )
    first = registry_import_file(
        name="ps.csv", content=f"{header}\n{granted}\n".encode(), dry_run=False
    )
    assert first.applied, first.refused
    entry = RegistryEntry.objects.get(organisation__name="Spółdzielnia PS")
    assert entry.is_social_enterprise
    again = registry_import_file(
        name="ps.csv", content=f"{header}\n{granted}\n".encode(), dry_run=False
    )
    assert [r.action for r in again.rows] == [Action.UNCHANGED]
    lost = granted.rstrip(";") + ";2025-06-30;brak sprawozdania"
    report = registry_import_file(
        name="ps.csv", content=f"{header}\n{lost}\n".encode(), dry_run=False
    )
    assert [r.action for r in report.rows] == [Action.UPDATE]
    entry.refresh_from_db()
    assert not entry.is_social_enterprise
    assert entry.ps_periods.get().loss_reason == "brak sprawozdania"
    no_reason = lost.replace(";brak sprawozdania", ";")
    report = registry_import_file(name="ps.csv", content=f"{header}\n{no_reason}\n".encode())
    assert report.refused[0].reasons[0].startswith("ps_loss_reason:")


def test_xlsx_numbers_and_dates_are_read_as_identifiers_and_dates(teryt):
    import datetime

    wb = Workbook()
    ws = wb.active
    ws.append(["name", "legal_form", "nip", "krs", "last_verified"])
    ws.append(["Liczbowa", "fundacja", float(make_nip(4242)), 123456, datetime.date(2025, 3, 4)])
    out = io.BytesIO()
    wb.save(out)
    report = registry_import_file(name="n.xlsx", content=out.getvalue(), dry_run=False)
    assert report.applied, report.refused
    entry = RegistryEntry.objects.get()
    assert entry.organisation.krs == "0000123456"
    assert entry.organisation.nip == make_nip(4242)
    assert entry.last_verified_on == datetime.date(2025, 3, 4)


def test_places_of_activity_are_imported_idempotently(teryt):
    header = "name;legal_form;nip;places"
    # A list inside a ";"-separated file is quoted, as spreadsheets write it.
    places = '"2601013|Busko-Zdrój|ul. Polna 1; 2604033|Chęciny"'
    row = f"Wielomiejscowa;fundacja;{make_nip(5151)};{places}"
    content = f"{header}\n{row}\n".encode()
    first = registry_import_file(name="p.csv", content=content, dry_run=False)
    assert first.applied, first.refused
    entry = RegistryEntry.objects.get()
    assert [(p.gmina.code, p.locality, p.street) for p in entry.places.all()] == [
        ("2601013", "Busko-Zdrój", "ul. Polna 1"),
        ("2604033", "Chęciny", ""),
    ]
    second = registry_import_file(name="p.csv", content=content, dry_run=False)
    assert [r.action for r in second.rows] == [Action.UNCHANGED]
    bad = content.replace(b"2604033|", b"2699999|")
    report = registry_import_file(name="p.csv", content=bad, dry_run=True)
    assert report.refused[0].reasons[0].startswith("places:")
