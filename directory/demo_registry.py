"""Demo registry: entries for the PES of ``directory.demo`` and about sixty fictional ones in
every powiat and every PES legal form, some with the PS status, some unpublished or with
field groups withheld. Idempotent: an entity whose NIP is already known is left alone.
Runs after ``directory.demo.load`` (which loads TERYT and the demo organisations).
"""

import datetime
import itertools
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .constants import PES_CATEGORY_OF_KIND, OrganisationKind, UnitKind
from .demo import demo_nip, demo_regon
from .models import Organisation, RegistryEntry, TerritorialUnit
from .registry import services
from .registry.constants import RecordSource

# (kind, name pattern, offer, sectors, social services, PKD 2025 codes)
PROFILES = [
    (OrganisationKind.SOCIAL_COOPERATIVE, "Spółdzielnia Socjalna „{w}”",
     "Usługi cateringowe, obiady dla szkół i przedszkoli, catering na uroczystości.",
     ["gastronomy"], [], ["56.21.Z", "56.22.Z"]),
    (OrganisationKind.SOCIAL_COOPERATIVE, "Spółdzielnia Socjalna „{w}”",
     "Sprzątanie biur, klatek schodowych i terenów zielonych; mycie okien.",
     ["cleaning", "greenery"], [], ["81.21.Z", "81.30.Z"]),
    (OrganisationKind.WTZ, "Warsztat Terapii Zajęciowej „{w}”",
     "Rękodzieło, ceramika i świece; zamówienia okolicznościowe.",
     ["crafts", "reintegration"], ["disability"], ["88.10.Z"]),
    (OrganisationKind.ZAZ, "Zakład Aktywności Zawodowej „{w}”",
     "Pralnia, usługi introligatorskie i pakowanie; zatrudnienie osób z niepełnosprawnościami.",
     ["crafts", "reintegration"], ["disability", "employment"], ["96.10.Z", "82.92.Z"]),
    (OrganisationKind.CIS, "Centrum Integracji Społecznej „{w}”",
     "Reintegracja zawodowa: remonty, prace porządkowe, pielęgnacja zieleni.",
     ["reintegration", "construction", "greenery"], ["employment"], ["85.59.D", "81.30.Z"]),
    (OrganisationKind.KIS, "Klub Integracji Społecznej „{w}”",
     "Grupy wsparcia, warsztaty aktywizacji zawodowej dla osób bezrobotnych.",
     ["reintegration", "education"], ["employment", "family"], ["88.99.Z"]),
    (OrganisationKind.WORKERS_COOPERATIVE, "Spółdzielnia Pracy „{w}”",
     "Stolarka, meble na zamówienie, drobne usługi remontowe.",
     ["crafts", "construction"], [], ["31.00.Z", "43.32.Z"]),
    (OrganisationKind.DISABLED_COOPERATIVE, "Spółdzielnia Inwalidów „{w}”",
     "Szycie odzieży roboczej, usługi krawieckie, ochrona mienia.",
     ["crafts"], ["disability"], ["14.23.Z", "80.01.Z"]),
    (OrganisationKind.BLIND_COOPERATIVE, "Spółdzielnia Niewidomych „{w}”",
     "Produkcja szczotek i pędzli, konfekcjonowanie, usługi biurowe.",
     ["crafts", "it"], ["disability"], ["32.91.Z"]),
    (OrganisationKind.AGRICULTURAL_COOPERATIVE, "Rolnicza Spółdzielnia Produkcyjna „{w}”",
     "Warzywa i owoce z gospodarstwa, przetwory, sprzedaż bezpośrednia.",
     ["agriculture"], [], ["01.13.Z", "10.39.Z"]),
    (OrganisationKind.ASSOCIATION, "Stowarzyszenie „{w}”",
     "Opieka nad osobami starszymi, usługi opiekuńcze w domu, klub seniora.",
     ["care"], ["seniors", "care"], ["88.10.Z"]),
    (OrganisationKind.ORDINARY_ASSOCIATION, "Stowarzyszenie Zwykłe „{w}”",
     "Warsztaty kulinarne i rękodzielnicze, jarmarki lokalne.",
     ["culture", "crafts"], ["culture"], ["90.20.C"]),
    (OrganisationKind.FOUNDATION, "Fundacja „{w}”",
     "Szkolenia, kursy komputerowe i doradztwo zawodowe dla osób zagrożonych wykluczeniem.",
     ["education", "it"], ["employment"], ["85.59.D", "62.10.B"]),
    (OrganisationKind.UNION_OF_ASSOCIATIONS, "Związek Stowarzyszeń „{w}”",
     "Wsparcie organizacji pozarządowych, księgowość i obsługa biurowa.",
     ["it"], [], ["69.20.A"]),
    (OrganisationKind.RURAL_WOMENS_CIRCLE, "Koło Gospodyń Wiejskich w {place}",
     "Catering regionalny, pierogi, ciasta i potrawy na imprezy okolicznościowe.",
     ["gastronomy", "culture"], [], ["56.21.Z"]),
    (OrganisationKind.VOLUNTEER_FIRE_BRIGADE, "Ochotnicza Straż Pożarna w {place}",
     "Zabezpieczenie imprez, szkolenia z pierwszej pomocy, wynajem sali.",
     ["education", "culture"], ["health"], ["84.25.Z"]),
    (OrganisationKind.CHURCH_ENTITY, "Caritas Parafii w {place}",
     "Jadłodajnia, pomoc rzeczowa, dom dziennego pobytu dla seniorów.",
     ["care", "gastronomy"], ["seniors", "family", "housing"], ["88.10.Z", "56.22.Z"]),
    (OrganisationKind.JST_ASSOCIATION, "Związek Gmin „{w}”",
     "Transport osób z niepełnosprawnościami, usługi komunalne.",
     ["transport"], ["disability"], ["49.39.Z"]),
    (OrganisationKind.NONPROFIT_COMPANY, "{w} sp. z o.o. non-profit",
     "Usługi sprzątania, utrzymanie zieleni miejskiej, drobne naprawy.",
     ["cleaning", "greenery"], [], ["81.21.Z"]),
]  # fmt: skip

WORDS = [
    "Razem", "Nadzieja", "Pod Łysicą", "Dobry Start", "Ponidzie", "Zielony Zakątek", "Aktywni",
    "Świętokrzyska Pracownia", "Krzemionki", "Sami Sobie", "Nowa Szansa", "Łączy Nas",
    "Wspólna Sprawa", "Ziemia Sandomierska", "Dąbrowa", "Przystań", "Pomocna Dłoń",
    "Kuźnia", "Ogród", "Źródło", "Most", "Żurawie", "Ćwierć Wieku", "Skrzynia",
]  # fmt: skip

# Demo organisations of directory.demo that are PES get an entry too.
FOUNDATION_ORGS = ["coop_ponidzie", "coop_konskie", "cis_starachowice", "wtz_jedrzejow",
                   "ngo_gnojno", "ngo_staszow"]  # fmt: skip


def _gminas_by_powiat() -> list[list[TerritorialUnit]]:
    units = TerritorialUnit.objects.filter(kind=UnitKind.GMINA).select_related("parent")
    by_powiat: dict[str, list[TerritorialUnit]] = {}
    for unit in units.order_by("code"):
        by_powiat.setdefault(unit.code[:4], []).append(unit)
    return [by_powiat[k] for k in sorted(by_powiat)]


def _fill(entry: RegistryEntry, i: int, profile, gminas) -> None:
    kind, _pattern, _offer, _sectors, _social, codes = profile
    version = "2007" if i % 5 == 0 else "2025"
    pkd_codes = codes if version == "2025" else ["88.10.Z"]
    services.registry_pkd_set(
        entry=entry,
        codes=[(version, c, n == 0) for n, c in enumerate(pkd_codes)],
        source="system",
    )
    if i % 3 == 0:
        other = gminas[(i * 7) % len(gminas)]
        services.registry_places_set(
            entry=entry,
            places=[services.Place(other.name, other, f"ul. Szkolna {i % 20 + 1}", "", "punkt")],
            source="system",
        )
    headcount = 3 + i % 17
    for year in (2024, 2025):
        at_risk = {"disabled": headcount // 3, "unemployed": headcount // 4}
        services.registry_employment_record(
            entry=entry,
            as_of=datetime.date(year, 12, 31),
            headcount=headcount + (year - 2024),
            fte=Decimal(headcount) - Decimal("0.5"),
            at_risk=at_risk,
            source="system",
        )
    if kind == OrganisationKind.SOCIAL_COOPERATIVE or i % 4 == 0:
        services.registry_ps_grant(
            entry=entry,
            purpose="reintegration" if i % 2 else "social_services",
            decision_number=f"WPS-II.{i:03d}.2023",
            decision_date=datetime.date(2023, 1 + i % 12, 1 + i % 27),
            final_date=datetime.date(2023, 1 + i % 12, 1 + i % 27) + datetime.timedelta(days=14),
            on_art19_list=True,
            source="system",
        )
        if i % 8 == 0:
            services.registry_ps_lose(
                entry=entry,
                lost_on=datetime.date(2025, 6, 30),
                reason="Niezłożenie sprawozdania rocznego",
                source="system",
            )


def _entry_values(i: int, profile) -> dict:
    _kind, _pattern, offer, sectors, social, _codes = profile
    unpublished = i % 11 == 5
    return {
        "offer": offer,
        "sectors": sorted(sectors),
        "social_services": sorted(social),
        "ready_for_public_contracts": i % 3 != 1,
        "source": [RecordSource.OWES, RecordSource.ART19, RecordSource.SELF][i % 3],
        "last_verified_on": timezone.localdate() - datetime.timedelta(days=(i * 29) % 600),
        "registration_date": datetime.date(2005 + i % 18, 1 + i % 12, 1 + i % 28),
        "published": not unpublished,
        "consent_address": True,
        "consent_contact": i % 7 != 3,
        "consent_activity": True,
        "consent_employment": i % 4 != 2,
        "consent_offer": True,
        "consent_ps_status": i % 9 != 4,
    }


@transaction.atomic
def load(*, stdout) -> None:
    gminas_per_powiat = _gminas_by_powiat()
    if not gminas_per_powiat:
        stdout.write("  registry: no TERYT units loaded, skipped")
        return
    all_gminas = [g for gs in gminas_per_powiat for g in gs]
    created = 0
    # Entries for the PES among directory.demo's organisations.
    from .demo import ORGANISATIONS

    for n, spec in enumerate(s for s in ORGANISATIONS if s.key in FOUNDATION_ORGS):
        org = Organisation.objects.filter(name=spec.name).first()
        if org is None or hasattr(org, "registry_entry"):
            continue
        profile = next(p for p in PROFILES if p[0] == org.kind)
        entry = services.registry_entry_attach(
            organisation=org, entry=_entry_values(n + 1, profile) | {"published": True}
        )
        _fill(entry, n + 1, profile, all_gminas)
        created += 1
    # Fictional entities: every powiat, every legal form, in turn.
    founders = list(Organisation.objects.filter(kind=OrganisationKind.GMINA)[:3])
    words = itertools.cycle(WORDS)
    for i in range(60):
        profile = PROFILES[i % len(PROFILES)]
        kind = profile[0]
        gminas = gminas_per_powiat[i % len(gminas_per_powiat)]
        gmina = gminas[(i // len(gminas_per_powiat)) % len(gminas)]
        nip = demo_nip(f"6{i:02d}{kind[:1].encode()[0] % 10}0{i:02d}72")
        if Organisation.objects.filter(nip=nip).exists():
            continue
        name = profile[1].format(w=next(words), place=gmina.name)
        if Organisation.objects.filter(name=name).exists():
            name = f"{name} ({gmina.name})"
        entry_values = _entry_values(i, profile)
        if kind in (OrganisationKind.WTZ, OrganisationKind.ZAZ, OrganisationKind.CIS,
                    OrganisationKind.KIS) and founders:  # fmt: skip
            entry_values["founding_entity"] = founders[i % len(founders)]
        entry = services.registry_entry_create(
            organisation={
                "name": name,
                "kind": kind,
                "nip": nip,
                "regon": demo_regon(f"26{i:02d}{i * 37 % 10000:04d}"),
                "krs": f"00005{i:05d}" if PES_CATEGORY_OF_KIND[kind] in "ade" else "",
                "street": f"ul. {['Słoneczna', 'Kościelna', 'Polna', 'Łąkowa'][i % 4]} {i + 1}",
                "postal_code": f"2{5 + i % 4}-{100 + i:03d}",
                "locality": gmina.name,
                "gmina": gmina,
                "email": f"biuro{i}@pes.esflow.example",
                "phone": f"41 {300 + i:03d} {10 + i:02d} {20 + i % 70:02d}",
            },
            entry=entry_values,
            source="system",
        )
        _fill(entry, i, profile, all_gminas)
        created += 1
    total = RegistryEntry.objects.count()
    stdout.write(f"  registry: {created} entries created, {total} in total")
