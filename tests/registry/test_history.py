"""Every change of an entry leaves a field-level history row: who, when, old → new."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from directory.models import RegistryChange
from directory.registry import services

from .factories import gmina, make_entry


def test_creating_an_entry_records_every_given_field(teryt, coordinator):
    entry = make_entry("Nowa Spółdzielnia", actor=coordinator, offer="obiady")
    fields = set(entry.changes.values_list("field", flat=True))
    assert {"name", "kind", "nip", "gmina", "offer", "published"} <= fields
    name = entry.changes.get(field="name")
    assert (name.old_value, name.new_value, name.actor) == ("", "Nowa Spółdzielnia", coordinator)


def test_update_records_old_and_new_values_and_skips_unchanged_fields(teryt, coordinator):
    entry = make_entry("Stara", offer="a")
    before = RegistryChange.objects.count()
    services.registry_entry_update(
        entry=entry,
        changes={"name": "Nowa", "offer": "a", "gmina": gmina("2601013")},
        actor=coordinator,
    )
    rows = {
        c.field: c for c in RegistryChange.objects.all()[: RegistryChange.objects.count() - before]
    }
    assert set(rows) == {"name", "gmina"}
    assert (rows["name"].old_value, rows["name"].new_value) == ("Stara", "Nowa")
    assert rows["gmina"].old_value.startswith("2661011")
    assert rows["gmina"].new_value == "2601013 Busko-Zdrój"
    entry.refresh_from_db()
    assert entry.powiat_code == "2601"


def test_collections_and_ps_status_have_history(teryt, coordinator):
    entry = make_entry(rich=True)
    services.registry_pkd_set(entry=entry, codes=[("2025", "88.10.Z", True)], actor=coordinator)
    pkd = entry.changes.filter(field="pkd").first()
    assert "88.10.Z (PKD 2025) *" in pkd.new_value
    assert "56.21.Z" in pkd.old_value
    services.registry_ps_grant(
        entry=entry,
        purpose="reintegration",
        decision_number="WPS.1.2024",
        decision_date=datetime.date(2024, 5, 6),
        actor=coordinator,
    )
    entry.refresh_from_db()
    assert entry.is_social_enterprise
    with pytest.raises(ValidationError):
        services.registry_ps_grant(
            entry=entry,
            purpose="reintegration",
            decision_number="again",
            decision_date=datetime.date(2024, 6, 1),
        )
    services.registry_ps_lose(
        entry=entry,
        lost_on=datetime.date(2025, 6, 30),
        reason="brak sprawozdania",
        actor=coordinator,
    )
    entry.refresh_from_db()
    assert not entry.is_social_enterprise
    assert entry.ps_periods.get().lost_on == datetime.date(2025, 6, 30)
    assert entry.changes.filter(field="ps_status").count() == 2
    services.registry_employment_record(
        entry=entry,
        as_of=datetime.date(2025, 12, 31),
        headcount=12,
        fte=Decimal("10"),
        actor=coordinator,
    )
    employment = entry.changes.filter(field="employment 2025-12-31").first()
    assert employment.old_value.startswith("10 / 8.50")
    assert employment.new_value.startswith("12 / 10")


def test_invalid_values_store_nothing(teryt):
    entry = make_entry("Poprawna")
    before = RegistryChange.objects.count()
    with pytest.raises(ValidationError):
        services.registry_entry_update(entry=entry, changes={"name": "Zła", "nip": "123"})
    with pytest.raises(ValidationError):
        services.registry_pkd_set(entry=entry, codes=[("2025", "00.00.X", True)])
    entry.organisation.refresh_from_db()
    assert entry.organisation.name == "Poprawna"
    assert RegistryChange.objects.count() == before


def test_a_non_pes_legal_form_is_refused(teryt):
    with pytest.raises(ValidationError):
        make_entry("Urząd", kind="gmina")


def test_stale_entries_are_those_not_verified_for_a_year(teryt):
    today = datetime.date(2026, 6, 1)
    fresh = make_entry(last_verified_on=datetime.date(2025, 7, 1))
    old = make_entry(last_verified_on=datetime.date(2025, 5, 1))
    never = make_entry()
    stale = set(type(fresh).objects.stale(on=today).values_list("pk", flat=True))
    assert stale == {old.pk, never.pk}


def test_saving_the_organisation_elsewhere_keeps_the_entry_derived_columns(teryt):
    entry = make_entry("Alfa", offer="catering")
    org = entry.organisation
    org.name = "Żuraw"
    org.gmina = gmina("2601013")
    org.save()  # as the Django admin would
    entry.refresh_from_db()
    assert entry.powiat_code == "2601"
    assert entry.name_folded == "zuraw"
    assert "zuraw" in entry.search_folded


@pytest.mark.pg_only
def test_history_rows_cannot_be_rewritten_on_postgres(teryt):
    from django.db import DatabaseError, transaction

    entry = make_entry("Niezmienna")
    with pytest.raises(DatabaseError), transaction.atomic():
        RegistryChange.objects.filter(entry=entry).update(new_value="podrobione")
    assert not RegistryChange.objects.filter(new_value="podrobione").exists()
