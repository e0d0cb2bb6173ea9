"""The funder's export: columns mapped in data (FunderColumn) to the funder's indicator names."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from reports.forms import FunderColumnForm
from reports.funder import row_choices
from reports.models import FunderColumn
from reports.seed import FUNDER_COLUMNS

pytestmark = pytest.mark.django_db

PERIOD = "?start=2026-01-01&end=2026-12-31"


def _csv(response):
    assert response.status_code == 200
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_default_mapping_is_seeded_and_every_column_is_valid():
    columns = list(FunderColumn.objects.values_list("funder_name", "indicator", "row"))
    assert columns == FUNDER_COLUMNS
    assert len(columns) == 15
    for _name, slug, row in columns:
        assert row in row_choices(slug), (slug, row)


def test_funder_csv_holds_the_period_under_the_funder_names(
    client, coordinator, clauses_2026, events_2026
):
    """clauses_2026: 4 opinions issued in 2026, art. 94 recommended by 2, art. 96 and 361 by
    none; 5 requests received in 2026 (the 4 issued, 1 in review). events_2026: 4
    participants (module 1: 2, module 2: 1), 2 certificates. No registry."""
    client.force_login(coordinator)
    rows = _csv(client.get(reverse("reports:funder_export", args=["csv"]) + PERIOD))
    assert len(rows) == 2
    table = dict(zip(rows[0], rows[1], strict=True))
    assert table == {
        "okres": "01.01.2026 – 31.12.2026",  # noqa: RUF001 (an en dash between dates)
        "Liczba wniosków o doradztwo": "5",
        "Liczba wydanych opinii doradczych": "4",
        "Liczba opinii zalecających zamówienia zastrzeżone (art. 94 Pzp)": "2",
        "Liczba opinii zalecających klauzulę zatrudnienia (art. 96 Pzp)": "0",
        "Liczba opinii zalecających usługi społeczne zastrzeżone (art. 361 Pzp)": "0",
        "Liczba opublikowanych dobrych praktyk": "0",
        "Liczba uczestników wydarzeń": "4",
        "Liczba uczestników warsztatów, moduł 1": "2",
        "Liczba uczestników warsztatów, moduł 2": "1",
        "Liczba uczestników warsztatów, moduł 3": "0",
        "Liczba uczestników warsztatów, moduł 4": "0",
        "Liczba wydanych zaświadczeń": "2",
        "Liczba podmiotów ekonomii społecznej w rejestrze": "0",
        "Liczba pracowników PES (stan na koniec okresu)": "0",
        "Liczba osób zagrożonych wykluczeniem zatrudnionych w PES (stan na koniec okresu)": "0",
    }


def test_the_coordinators_mapping_is_what_the_export_follows(client, coordinator, employment_2026):
    FunderColumn.objects.all().delete()
    FunderColumn.objects.create(position=2, funder_name="=Zatrudnieni", indicator="employment",
                                row="employees_last")  # fmt: skip
    FunderColumn.objects.create(position=1, funder_name="Osoby niepełnosprawne",
                                indicator="employment-at-risk", row="disabled")  # fmt: skip
    client.force_login(coordinator)
    rows = _csv(client.get(reverse("reports:funder_export", args=["csv"]) + PERIOD))
    # Ordered by position; a name that begins like a formula stays text.
    assert rows == [
        ["okres", "Osoby niepełnosprawne", "'=Zatrudnieni"],
        ["01.01.2026 – 31.12.2026", "3", "29"],  # noqa: RUF001
    ]


def test_funder_xlsx_has_typed_values_and_the_sources(client, coordinator, clauses_2026):
    client.force_login(coordinator)
    response = client.get(
        reverse("reports:funder_export", args=["xlsx"]) + PERIOD, HTTP_ACCEPT_LANGUAGE="pl"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="wskazniki-grantodawca-20260101-20261231.xlsx"'
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    data, sources = wb.worksheets
    assert data["B1"].value == "Liczba wniosków o doradztwo"
    assert data["B1"].font.bold
    assert data["C2"].value == 4
    assert data["C2"].data_type == "n"
    assert [c.value for c in sources[4]] == [
        "Liczba opinii zalecających zamówienia zastrzeżone (art. 94 Pzp)",
        "Zalecane rodzaje klauzul społecznych",
        "art94",
    ]


def test_unknown_format_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("reports:funder_export", args=["pdf"])).status_code == 404


def test_admin_form_refuses_a_row_the_indicator_does_not_have():
    with translation.override("en"):
        form = FunderColumnForm(
            data={"position": 1, "funder_name": "X", "indicator": "clause-types", "row": "art999"}
        )
        assert not form.is_valid()
        assert "The indicator has no such row." in form.errors["row"][0]
        assert "art94" in form.errors["row"][0]
        form = FunderColumnForm(
            data={"position": 1, "funder_name": "X", "indicator": "nope", "row": ""}
        )
        assert not form.is_valid()
        assert "indicator" in form.errors
        # A total where the rows do not add up (employment on two days) is refused too.
        form = FunderColumnForm(
            data={"position": 1, "funder_name": "X", "indicator": "employment", "row": ""}
        )
        assert not form.is_valid()
    form = FunderColumnForm(
        data={"position": 1, "funder_name": "X", "indicator": "clause-types", "row": "art94"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert FunderColumn.objects.filter(funder_name="X", row="art94").exists()


def test_admin_lists_and_edits_the_columns(admin_client):
    response = admin_client.get(reverse("admin:reports_fundercolumn_changelist"))
    assert response.status_code == 200
    assert "Liczba wydanych zaświadczeń" in response.content.decode()
