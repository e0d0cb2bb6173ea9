import datetime

import pytest

from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from tests.workflows.helpers import Clock
from workflows import calendar


@pytest.fixture
def clock(monkeypatch):
    """The engine's 'today', starting on Monday 2 March 2026."""
    fake = Clock(datetime.date(2026, 3, 2))
    monkeypatch.setattr(calendar, "today", fake)
    return fake


@pytest.fixture
def gmina(db):
    return OrganisationFactory(
        kind=OrganisationKind.GMINA,
        name="Gmina Zagnańsk",
        street="ul. Spacerowa 8",
        postal_code="26-050",
        locality="Zagnańsk",
        regon="291009337",
    )


@pytest.fixture
def clerk(gmina):
    return MembershipFactory(
        organisation=gmina,
        user__email="sekretariat@zagnansk.example.pl",
        user__full_name="Katarzyna Wójcik",
    ).user


@pytest.fixture
def other_gmina(db):
    return OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Łopuszno")


@pytest.fixture
def other_clerk(other_gmina):
    return MembershipFactory(organisation=other_gmina, user__email="urzad@lopuszno.example.pl").user


@pytest.fixture
def advisor2(rops):
    return MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        user__email="advisor2@example.pl",
        user__full_name="Paweł Zieliński",
    ).user


@pytest.fixture
def member2(committee_body):
    return MembershipFactory(
        organisation=committee_body,
        user__email="committee2@example.pl",
        user__full_name="Dr Ewa Nowak-Świętosławska",
    ).user


@pytest.fixture
def recused_member(committee_body, gmina):
    """A committee member who also works for the requesting gmina."""
    membership = MembershipFactory(organisation=committee_body, user__email="recused@example.pl")
    MembershipFactory(organisation=gmina, user=membership.user)
    return membership.user
