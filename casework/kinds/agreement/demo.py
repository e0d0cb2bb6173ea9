"""Demo partnership agreements: a gmina (the leader), an association and an OWES, one in
force (signed by all three, published) and one being signed, created through the services
and transitions, so numbers, events, versions, documents and notifications are real.
Idempotent: an agreement whose title exists for its leader is left alone.

Runs after ``directory.demo.load`` (it uses its organisations and people, the parties'
authorised representatives among them).
"""

import datetime

from django.contrib.auth import get_user_model

from casework.models import Case
from directory.demo import email_of
from directory.models import Organisation
from workflows import calendar
from workflows.services import transition_apply

from .models import AgreementParty
from .services import agreement_create, agreement_sign, agreement_update, party_add

LEADER = "Urząd Gminy Gnojno"
ASSOCIATION = "Stowarzyszenie na Rzecz Rozwoju Gminy Gnojno"
OWES = "Kielecko-Ostrowiecki Ośrodek Wsparcia Ekonomii Społecznej"

#: (login, full name, organisation): the parties' authorised representatives.
SIGNERS = [
    ("wojt.gnojno", "Zbigniew Wrona", LEADER),
    ("prezes.stowarzyszenie", "Halina Górska", ASSOCIATION),
    ("skarbnik.stowarzyszenie", "Robert Kaczmarek", ASSOCIATION),
    ("dyrektor.owes", "Iwona Sikora", OWES),
]

AGREEMENTS = [
    {
        "title": "Partnerstwo na rzecz ekonomii społecznej w Gminie Gnojno",
        "sign": True,
        "goals": (
            "Wspólne tworzenie miejsc pracy w podmiotach ekonomii społecznej i zlecanie im "
            "usług społecznych przez gminę."
        ),
    },
    {
        "title": "Porozumienie o wspólnym prowadzeniu Klubu Integracji Społecznej w Gnojnie",
        "sign": False,
        "goals": "Utworzenie i prowadzenie Klubu Integracji Społecznej dla mieszkańców gminy.",
    },
]

TEXT = {
    "scope": (
        "Diagnoza potrzeb, klauzule społeczne w zamówieniach gminy, doradztwo OWES dla "
        "powstających podmiotów, wspólne wydarzenia."
    ),
    "governance": (
        "Komitet sterujący z przedstawicielami stron, zwoływany przez lidera raz na kwartał."
    ),
    "personal_data": (
        "Każda strona jest administratorem danych osobowych swoich uczestników; dane "
        "udostępnia się na podstawie odrębnych umów powierzenia."
    ),
    "joining_rules": "Nowa strona przystępuje aneksem podpisanym przez wszystkie strony.",
    "withdrawal_rules": "Strona może wystąpić z trzymiesięcznym wypowiedzeniem.",
    "contacts": "Sekretariat Urzędu Gminy Gnojno",
}


def _user(login):
    return get_user_model().objects.get(email=email_of(login))


def _run(case, name, actor, **data):
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


def _signers() -> dict[str, object]:
    """The parties' representatives (``directory.demo.PEOPLE``, "may sign")."""
    return {login: _user(login) for login, _name, _organisation in SIGNERS}


def load(*, stdout) -> None:
    signers = _signers()
    leader = Organisation.objects.get(name=LEADER)
    clerk = _user("urzednik.gnojno")
    advisor = _user("doradca.rops")
    member = _user("komitet.czlonek")
    made = 0
    for spec in AGREEMENTS:
        if Case.objects.filter(title=spec["title"], requesting_organisation=leader).exists():
            continue
        case = agreement_create(requesting_organisation=leader, title=spec["title"], filed_by=clerk)
        start = calendar.today().replace(day=1)
        agreement_update(
            case=case,
            actor=clerk,
            title=spec["title"],
            goals=spec["goals"],
            start_date=start,
            end_date=start.replace(year=start.year + 2) - datetime.timedelta(days=1),
            **TEXT,
        )
        party_add(
            case=case,
            actor=clerk,
            organisation=Organisation.objects.get(name=ASSOCIATION),
            obligations="Rekrutacja uczestników i prowadzenie zajęć.",
            contribution_in_kind="Sala spotkań w Gnojnie.",
            representation="two_jointly",
            representation_note="Dwóch członków zarządu łącznie (KRS).",
        )
        party_add(
            case=case,
            actor=clerk,
            organisation=Organisation.objects.get(name=OWES),
            obligations="Doradztwo i szkolenia dla powstających podmiotów.",
            contribution_money="12500.00",
        )
        _run(case, "submit", clerk)
        _run(case, "accept", advisor)
        _run(case, "submit_for_approval", advisor)
        case.refresh_from_db()
        _run(case, "approve", member, version=case.agreement.current_version.sha256)
        if spec["sign"]:
            case.refresh_from_db()
            sha = case.agreement.current_version.sha256
            for login, _name, organisation in SIGNERS:
                party = AgreementParty.objects.get(
                    agreement_id=case.pk, organisation__name=organisation
                )
                case.refresh_from_db()
                agreement_sign(
                    case=case,
                    actor=signers[login],
                    party=party,
                    sha256=sha,
                    publish_consent=True,
                )
        made += 1
    stdout.write(f"Partnership agreements: {made} created.\n")
