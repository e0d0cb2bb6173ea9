"""Writers of the directory. Every write of directory data goes through a function here."""

from dataclasses import dataclass

from django.db import transaction

from .models import TerritorialUnit
from .teryt import Unit


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def territorial_units_load(*, units: list[Unit]) -> LoadResult:
    """Create or update the given TERYT units (parents first) in one transaction; idempotent."""
    by_code = {u.code: u for u in TerritorialUnit.objects.filter(code__in=[u.code for u in units])}
    created = updated = unchanged = 0
    for unit in units:
        parent = by_code.get(unit.parent_code) if unit.parent_code else None
        values = {
            "kind": unit.kind,
            "subtype": str(unit.subtype),
            "name": unit.name,
            "parent": parent,
        }
        existing = by_code.get(unit.code)
        if existing is None:
            by_code[unit.code] = TerritorialUnit.objects.create(code=unit.code, **values)
            created += 1
            continue
        changed = [
            field
            for field, value in values.items()
            if (getattr(existing, f"{field}_id") if field == "parent" else getattr(existing, field))
            != (value.pk if field == "parent" and value else value)
        ]
        if changed:
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save(update_fields=list(values))
            updated += 1
        else:
            unchanged += 1
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
