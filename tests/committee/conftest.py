"""The committee in tests: RKRES as a body with a chair, a secretary, three members and an
observer (seats are directory memberships), and cases of two kinds waiting in approval."""

import datetime

import pytest

from casework.kinds.practice.models import ReviewCriterion
from casework.kinds.practice.services import practice_create, practice_score, practice_update
from committee.models import Body
from directory.constants import MembershipRole, OrganisationKind
from tests.advisory.helpers import apply, new_request, write_opinion
from tests.factories import MembershipFactory, OrganisationFactory, TerritorialUnitFactory
from tests.practice.conftest import TEXT

RESOLUTION_MODES = {"advisory": "resolution", "practice": "resolution"}


@pytest.fixture
def resolution_mode(settings):
    settings.ESFLOW_APPROVAL_MODES = RESOLUTION_MODES
    return settings


def seat(org, role, email, name):
    return MembershipFactory(
        organisation=org, role=role, user__email=email, user__full_name=name
    ).user


@pytest.fixture
def body(committee_body):
    return Body.objects.create(
        organisation=committee_body,
        kind="committee",
        term_start=datetime.date(2023, 1, 1),
        composition=["rops", "owes", "university"],
    )


@pytest.fixture
def group(body):
    """A thematic group of the committee (ROPS and OWES in it)."""
    org = OrganisationFactory(kind=OrganisationKind.THEMATIC_GROUP, name="Grupa ROPS z OWES")
    return Body.objects.create(
        organisation=org,
        kind="thematic_group",
        parent=body,
        term_start=datetime.date(2023, 1, 1),
        composition=["rops", "owes"],
    )


@pytest.fixture
def chair(body):
    return seat(body.organisation, MembershipRole.CHAIR, "chair@example.pl", "Jan Nowak")


@pytest.fixture
def secretary(body):
    return seat(body.organisation, MembershipRole.SECRETARY, "sec@example.pl", "Ewa Sekretarz")


@pytest.fixture
def members(body):
    return [
        seat(body.organisation, MembershipRole.MEMBER, f"m{i}@example.pl", f"Członek {i}")
        for i in range(1, 4)
    ]


@pytest.fixture
def observer(body):
    return seat(body.organisation, MembershipRole.OBSERVER, "obs@example.pl", "Obserwator")


@pytest.fixture
def seated(chair, secretary, members, observer):
    """Everyone: five with a vote and an observer."""
    return {"chair": chair, "secretary": secretary, "members": members, "observer": observer}


@pytest.fixture
def gmina(db):
    return OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Zagnańsk")


@pytest.fixture
def clerk(gmina):
    return MembershipFactory(organisation=gmina, user__email="clerk@zagnansk.example.pl").user


def advisory_in_approval(gmina, clerk, advisor, title):
    case = new_request(gmina, clerk, title=title)
    case = apply(case, "submit", clerk)
    case = apply(case, "accept", advisor)
    write_opinion(case, advisor)
    case.refresh_from_db()
    return apply(case, "submit_for_approval", advisor)


def practice_in_approval(organisation_user, advisor):
    ngo = organisation_user.memberships.first().organisation
    place = TerritorialUnitFactory(code="2604092", name="Masłów")
    case = practice_create(
        requesting_organisation=ngo,
        title="Stołówka prowadzona przez spółdzielnię",
        area="reintegration",
        filed_by=organisation_user,
    )
    practice_update(case=case, actor=organisation_user, title=case.title, gminas=[place], **TEXT)
    case.refresh_from_db()
    case = apply(case, "submit", organisation_user)
    case = apply(case, "accept", advisor)
    scores = {c.pk: (4, f"Uzasadnienie {c.code}") for c in ReviewCriterion.objects.all()}
    practice_score(case=case, actor=advisor, scores=scores)
    case.refresh_from_db()
    return apply(case, "submit_for_approval", advisor)


@pytest.fixture
def three_cases(resolution_mode, gmina, clerk, advisor, organisation_user):
    return [
        advisory_in_approval(gmina, clerk, advisor, "Klauzule w przetargu na catering"),
        advisory_in_approval(gmina, clerk, advisor, "Lokalny plan rozwoju ES"),
        practice_in_approval(organisation_user, advisor),
    ]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its documents to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
