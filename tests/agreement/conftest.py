"""Fixtures of the agreement tests: a gmina leads, an association and an OWES are partners;
each has a "may sign" representative (the association two: its rule is "two jointly")."""

import datetime

import pytest

from casework.kinds.agreement.services import agreement_create, agreement_update, party_add
from casework.models import Notification
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from workflows.outbox import outbox_rehand
from workflows.services import transition_apply

TEXT = {
    "goals": "Rozwój ekonomii społecznej w gminie.",
    "scope": "Wspólne zamówienia z klauzulami społecznymi.",
    "governance": "Lider zwołuje komitet sterujący raz na kwartał.",
    "start_date": datetime.date(2026, 1, 1),
    "end_date": datetime.date(2027, 12, 31),
    "personal_data": "Każda strona jest administratorem danych swoich uczestników.",
    "joining_rules": "Przystąpienie aneksem.",
    "withdrawal_rules": "Wypowiedzenie z trzymiesięcznym okresem.",
    "contacts": "Jan Kowalski, jan@gmina.pl",
}


@pytest.fixture
def leader_org(db):
    return OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Masłów")


@pytest.fixture
def association(db):
    return OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Razem")


@pytest.fixture
def owes(db):
    return OrganisationFactory(kind=OrganisationKind.OWES, name="OWES Kielce")


def _signer(org, email, **kwargs):
    return MembershipFactory(organisation=org, user__email=email, may_sign=True, **kwargs).user


@pytest.fixture
def wojt(leader_org):
    return _signer(leader_org, "wojt@maslow.pl")


@pytest.fixture
def clerk(leader_org):
    """A member of the leader without the right to sign."""
    return MembershipFactory(organisation=leader_org, user__email="clerk@maslow.pl").user


@pytest.fixture
def board_a(association):
    return _signer(association, "prezes@razem.pl")


@pytest.fixture
def board_b(association):
    return _signer(association, "skarbnik@razem.pl")


@pytest.fixture
def owes_director(owes):
    return _signer(owes, "dyrektor@owes.pl")


@pytest.fixture
def parties(wojt, clerk, board_a, board_b, owes_director):
    return {"wojt": wojt, "clerk": clerk, "a": board_a, "b": board_b, "owes": owes_director}


@pytest.fixture
def draft(parties, leader_org, association, owes):
    case = agreement_create(
        requesting_organisation=leader_org,
        title="Partnerstwo na rzecz ekonomii społecznej w Masłowie",
        filed_by=parties["clerk"],
    )
    agreement_update(case=case, actor=parties["clerk"], title=case.title, **TEXT)
    party_add(
        case=case,
        actor=parties["clerk"],
        organisation=association,
        obligations="Rekrutacja uczestników.",
        contribution_in_kind="Sala na spotkania.",
        representation="two_jointly",
    )
    party_add(
        case=case,
        actor=parties["clerk"],
        organisation=owes,
        obligations="Doradztwo.",
        contribution_money="12500.00",
    )
    case.refresh_from_db()
    return case


def run(case, name, actor, **data):
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


@pytest.fixture
def signing(draft, parties, advisor, committee_member):
    """The draft submitted, reviewed, sent for approval and approved: being signed."""
    run(draft, "submit", parties["clerk"])
    run(draft, "accept", advisor)
    run(draft, "submit_for_approval", advisor)
    draft.refresh_from_db()
    run(draft, "approve", committee_member, version=draft.agreement.current_version.sha256)
    draft.refresh_from_db()
    return draft


def notified(case, verb):
    outbox_rehand(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    return {n.recipient for n in Notification.objects.filter(case=case, verb=verb)}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def signing_ca():
    from tests.signing_ca import SigningCA

    return SigningCA.create()


@pytest.fixture
def trusted_ca(signing_ca, settings, tmp_path):
    """The test CA is the deployment's only trust anchor."""
    signing_ca.trust(settings, tmp_path / "anchors")
    return signing_ca


def issued_bytes(case) -> bytes:
    """The PDF issued for signing the case's current version, rendered as the worker does."""
    from casework.kinds.agreement.documents import agreement_documents_for
    from documents.services import document_render

    case.refresh_from_db()
    document = agreement_documents_for(case.agreement.current_version, signed=False)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    with document.file.open("rb") as f:
        return f.read()
