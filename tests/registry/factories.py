"""Registry test data: the region's TERYT units and entries made through the services."""

import datetime
import io
import itertools
from decimal import Decimal

from django.core.management import call_command

from directory.constants import OrganisationKind, UnitKind
from directory.models import TerritorialUnit
from directory.registry import services

# Valid identifiers: NIP with the mod-11 check digit, REGON 9 digits with its check digit.
_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
_REGON_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
_counter = itertools.count(1)


def make_nip(n: int) -> str:
    for start in range(n, n + 50):
        body = f"{657 + start % 300:03d}{start % 10**6:06d}"
        check = sum(int(d) * w for d, w in zip(body, _NIP_WEIGHTS, strict=True)) % 11
        if check != 10:
            return body + str(check)
    raise AssertionError("no NIP")


def make_regon(n: int) -> str:
    body = f"{26000000 + n:08d}"
    check = sum(int(d) * w for d, w in zip(body, _REGON_WEIGHTS, strict=True)) % 11 % 10
    return body + str(check)


def load_teryt() -> None:
    """The 14 powiats and 102 gminas of świętokrzyskie, through the foundation's loader."""
    if TerritorialUnit.objects.filter(kind=UnitKind.GMINA).exists():
        return
    call_command("load_teryt", region="26", stdout=io.StringIO())


def gmina(code: str = "2661011") -> TerritorialUnit:
    return TerritorialUnit.objects.get(code=code)


def make_entry(
    name: str | None = None,
    *,
    kind: str = OrganisationKind.SOCIAL_COOPERATIVE,
    gmina_code: str = "2661011",
    offer: str = "",
    published: bool = True,
    consent_all: bool = True,
    rich: bool = False,
    actor=None,
    **entry_fields,
):
    """An entry made through the services; ``rich`` adds 2 places, 2 PKD codes, 2 figures."""
    n = next(_counter)
    entry = services.registry_entry_create(
        organisation={
            "name": name or f"Spółdzielnia Socjalna Nr {n}",
            "kind": kind,
            "nip": make_nip(n * 7919),
            "regon": make_regon(n),
            "street": f"ul. Testowa {n}",
            "postal_code": "25-001",
            "locality": "Kielce",
            "gmina": gmina(gmina_code),
            "email": f"kontakt{n}@pes.example.pl",
            "phone": "41 000 00 00",
        },
        entry={
            "offer": offer,
            "published": published,
            **{
                f"consent_{g}": consent_all
                for g in ("address", "contact", "activity", "employment", "offer", "ps_status")
            },
            **entry_fields,
        },
        actor=actor,
    )
    if rich:
        services.registry_pkd_set(
            entry=entry, codes=[("2025", "56.21.Z", True), ("2007", "81.21.Z", False)]
        )
        services.registry_places_set(
            entry=entry,
            places=[
                services.Place("Busko-Zdrój", gmina("2601013"), "ul. Polna 1"),
                services.Place("Chęciny", gmina("2604033"), "ul. Leśna 2"),
            ],
        )
        for year in (2024, 2025):
            services.registry_employment_record(
                entry=entry,
                as_of=datetime.date(year, 12, 31),
                headcount=10,
                fte=Decimal("8.5"),
                at_risk={"disabled": 3, "unemployed": 2},
            )
    return entry
