"""Demo data for the directory: the region's TERYT units, organisations of every kind the
programme meets, and one or more users for every role. Idempotent: run it any number of times.

The organisations are fictional, placed in real gminas of świętokrzyskie; their NIP and REGON
numbers are made up with correct check digits.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext as _

from .constants import MembershipRole, OrganisationKind, Role
from .models import Membership, Organisation, TerritorialUnit
from .roles import roles_of

#: Every demo account signs in with this password (printed by ``manage.py demo``).
DEMO_PASSWORD = "esflow-demo-2026"  # noqa: S105 — a published demo password, not a secret
DEMO_DOMAIN = "esflow.example"

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
COMMITTEE_TERM = (datetime.date(2023, 1, 1), datetime.date(2026, 12, 31))
SINCE = datetime.date(2023, 1, 1)


def demo_nip(first9: str) -> str:
    """A NIP with a correct check digit; the ninth digit is moved on if no digit fits."""
    for bump in range(10):
        body = first9[:8] + str((int(first9[8]) + bump) % 10)
        check = sum(int(d) * w for d, w in zip(body, NIP_WEIGHTS, strict=True)) % 11
        if check != 10:
            return body + str(check)
    raise ValueError(first9)


def demo_regon(first8: str) -> str:
    check = sum(int(d) * w for d, w in zip(first8, REGON_WEIGHTS, strict=True)) % 11 % 10
    return first8 + str(check)


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str
    gmina: str
    street: str
    postal_code: str
    locality: str
    seed: str  # digits the identifiers are made from
    krs: bool = False
    short_name: str = ""


ORGANISATIONS = [
    Org("rops", "Regionalny Ośrodek Polityki Społecznej w Kielcach", OrganisationKind.ROPS,
        "2661011", "ul. Witosa 86", "25-561", "Kielce", "65700101", short_name="ROPS Kielce"),
    Org("rkres", "Regionalny Komitet Rozwoju Ekonomii Społecznej w Województwie Świętokrzyskim",
        OrganisationKind.COMMITTEE, "2661011", "ul. Witosa 86", "25-561", "Kielce", "65700102",
        short_name="RKRES"),
    Org("ug_maslow", "Urząd Gminy Masłów", OrganisationKind.GMINA, "2604092",
        "ul. Spacerowa 5", "26-001", "Masłów Pierwszy", "65700203"),
    Org("ug_gnojno", "Urząd Gminy Gnojno", OrganisationKind.GMINA, "2601022",
        "Gnojno 50", "28-114", "Gnojno", "65500304"),
    Org("ug_baltow", "Urząd Gminy Bałtów", OrganisationKind.GMINA, "2607022",
        "Bałtów 55", "27-423", "Bałtów", "66100405"),
    Org("gops_maslow", "Gminny Ośrodek Pomocy Społecznej w Masłowie", OrganisationKind.OPS,
        "2604092", "ul. Spacerowa 5", "26-001", "Masłów Pierwszy", "65700506",
        short_name="GOPS Masłów"),
    Org("pup_busko", "Powiatowy Urząd Pracy w Busku-Zdroju", OrganisationKind.PUP, "2601013",
        "ul. Kościuszki 2", "28-100", "Busko-Zdrój", "65500607", short_name="PUP Busko-Zdrój"),
    Org("owes_swietokrzyski", "Świętokrzyski Ośrodek Wsparcia Ekonomii Społecznej",
        OrganisationKind.OWES, "2661011", "ul. Sienkiewicza 12", "25-301", "Kielce",
        "65700708", krs=True, short_name="Świętokrzyski OWES"),
    Org("owes_ko", "Kielecko-Ostrowiecki Ośrodek Wsparcia Ekonomii Społecznej",
        OrganisationKind.OWES, "2607011", "ul. Iłżecka 9", "27-400", "Ostrowiec Świętokrzyski",
        "66100809", krs=True, short_name="Kielecko-Ostrowiecki OWES"),
    Org("ngo_gnojno", "Stowarzyszenie na Rzecz Rozwoju Gminy Gnojno",
        OrganisationKind.ASSOCIATION, "2601022", "Gnojno 12", "28-114", "Gnojno", "65500910",
        krs=True),
    Org("ngo_staszow", "Fundacja Aktywni Razem", OrganisationKind.FOUNDATION, "2612073",
        "ul. Długa 7", "28-200", "Staszów", "86601011", krs=True),
    Org("coop_ponidzie", "Spółdzielnia Socjalna „Smaki Ponidzia”",
        OrganisationKind.SOCIAL_COOPERATIVE, "2608043", "ul. Batorego 3", "28-400", "Pińczów",
        "66201112", krs=True, short_name="Smaki Ponidzia"),
    Org("coop_konskie", "Spółdzielnia Socjalna „Zielona Dolina”",
        OrganisationKind.SOCIAL_COOPERATIVE, "2605033", "ul. Zamkowa 4", "26-200", "Końskie",
        "65801213", krs=True, short_name="Zielona Dolina"),
    Org("cis_starachowice", "Centrum Integracji Społecznej w Starachowicach",
        OrganisationKind.CIS, "2611011", "ul. Radomska 29", "27-200", "Starachowice",
        "66401314", short_name="CIS Starachowice"),
    Org("wtz_jedrzejow", "Warsztat Terapii Zajęciowej w Jędrzejowie", OrganisationKind.WTZ,
        "2602023", "ul. Przypkowskiego 1", "28-300", "Jędrzejów", "65601415",
        short_name="WTZ Jędrzejów"),
]  # fmt: skip


@dataclass(frozen=True)
class Person:
    login: str
    full_name: str
    memberships: tuple  # (organisation key, role, may_sign, committee term?)
    superuser: bool = False


PEOPLE = [
    Person("admin", "Administrator Systemu", (), superuser=True),
    Person("koordynator", "Katarzyna Wójcik", (("rops", MembershipRole.COORDINATOR, False),)),
    Person("doradca.rops", "Piotr Zieliński", (("rops", MembershipRole.ADVISOR, False),)),
    Person(
        "doradca.owes",
        "Magdalena Lis",
        (("owes_swietokrzyski", MembershipRole.ADVISOR, False),),
    ),
    Person("urzednik.maslow", "Tomasz Kowalczyk", (("ug_maslow", MembershipRole.MEMBER, False),)),
    Person("urzednik.gnojno", "Agnieszka Mazur", (("ug_gnojno", MembershipRole.MEMBER, False),)),
    Person("komitet.przewodniczacy", "Jan Nowak", (("rkres", MembershipRole.CHAIR, False),)),
    Person("komitet.czlonek", "Ewa Kamińska", (("rkres", MembershipRole.MEMBER, False),)),
    Person("komitet.sekretarz", "Anna Wiśniewska", (("rkres", MembershipRole.SECRETARY, False),)),
    Person(
        "komitet.ngo",
        "Marek Dąbrowski",
        (("rkres", MembershipRole.MEMBER, False), ("ngo_gnojno", MembershipRole.MEMBER, True)),
    ),
    Person(
        "organizacja",
        "Barbara Jabłońska",
        (("coop_ponidzie", MembershipRole.MEMBER, True),),
    ),
    # The authorised representatives of the demo partnership agreement's parties.
    Person("wojt.gnojno", "Zbigniew Wrona", (("ug_gnojno", MembershipRole.MEMBER, True),)),
    Person(
        "prezes.stowarzyszenie",
        "Halina Górska",
        (("ngo_gnojno", MembershipRole.MEMBER, True),),
    ),
    Person(
        "skarbnik.stowarzyszenie",
        "Robert Kaczmarek",
        (("ngo_gnojno", MembershipRole.MEMBER, True),),
    ),
    Person("dyrektor.owes", "Iwona Sikora", (("owes_ko", MembershipRole.MEMBER, True),)),
]


def committee_term() -> tuple[datetime.date, datetime.date | None]:
    """The 2023-2026 term; once it is over the demo committee stays on with an open end,
    so that a demo loaded later still has committee members."""
    start, end = COMMITTEE_TERM
    return (start, end) if timezone.localdate() <= end else (start, None)


def email_of(login: str) -> str:
    return f"{login}@{DEMO_DOMAIN}"


def load_organisations() -> dict[str, Organisation]:
    orgs = {}
    for spec in ORGANISATIONS:
        values = {
            "short_name": spec.short_name,
            "kind": spec.kind,
            "nip": demo_nip(spec.seed + "1"),
            "regon": demo_regon(spec.seed),
            "krs": f"0000{spec.seed[-6:]}" if spec.krs else "",
            "street": spec.street,
            "postal_code": spec.postal_code,
            "locality": spec.locality,
            "gmina": TerritorialUnit.objects.get(code=spec.gmina),
            "email": f"biuro.{spec.key.replace('_', '-')}@{DEMO_DOMAIN}",
            "is_active": True,
        }
        org = Organisation.objects.filter(name=spec.name).first() or Organisation(name=spec.name)
        for field, value in values.items():
            setattr(org, field, value)
        org.full_clean()
        org.save()
        orgs[spec.key] = org
    return orgs


def load_people(orgs: dict[str, Organisation]) -> list[tuple[Person, object]]:
    User = get_user_model()
    loaded = []
    for person in PEOPLE:
        user = User.objects.filter(email=email_of(person.login)).first()
        if user is None:
            create = User.objects.create_superuser if person.superuser else User.objects.create_user
            user = create(email_of(person.login), DEMO_PASSWORD, full_name=person.full_name)
        for key, role, may_sign in person.memberships:
            org = orgs[key]
            valid_from, valid_to = (
                committee_term() if org.kind == OrganisationKind.COMMITTEE else (SINCE, None)
            )
            Membership.objects.update_or_create(
                user=user,
                organisation=org,
                role=role,
                defaults={"may_sign": may_sign, "valid_from": valid_from, "valid_to": valid_to},
            )
        loaded.append((person, user))
    return loaded


def load(*, stdout) -> None:
    call_command("load_teryt", region=settings.ESFLOW_REGION, stdout=stdout)
    orgs = load_organisations()
    stdout.write(_("  %(count)d organisations") % {"count": len(orgs)})
    people = load_people(orgs)
    rows = [(_("login (e-mail)"), _("password"), _("role — organisation"))]
    may_sign = _("may sign")
    for person, user in people:
        if person.superuser:
            who = _("superuser (Django admin)")
        else:
            roles = ", ".join(sorted(str(Role(r).label) for r in roles_of(user)))
            where = "; ".join(
                f"{orgs[key]} ({MembershipRole(role).label}{', ' + may_sign if sign else ''})"
                for key, role, sign in person.memberships
            )
            who = f"{roles} — {where}"
        rows.append((user.email, DEMO_PASSWORD, who))
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    stdout.write(_("  Demo logins (password for all: %(password)s):") % {"password": DEMO_PASSWORD})
    for i, (login, password, who) in enumerate(rows):
        stdout.write(f"  {login:<{widths[0]}}  {password:<{widths[1]}}  {who}")
        if i == 0:
            stdout.write(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * 30}")
