"""Fixtures of the good-practice tests: a practice of an NGO (the organisation_user's) with
its text complete, and helpers to move it on through the transition service."""

import datetime

import pytest

from casework.kinds.practice.models import ReviewCriterion
from casework.kinds.practice.services import practice_create, practice_score, practice_update
from casework.models import Notification
from tests.factories import TerritorialUnitFactory
from workflows.outbox import outbox_rehand
from workflows.services import transition_apply

TEXT = {
    "partners": "Gminny Ośrodek Pomocy Społecznej w Masłowie",
    "area": "reintegration",
    "problem": "Długotrwale bezrobotni mieszkańcy bez oferty pracy.",
    "solution": "Spółdzielnia socjalna prowadzi stołówkę szkolną.",
    "results": "Zatrudnienie w spółdzielni.",
    "figures": "8 osób zatrudnionych",
    "costs": "120 000 zł",
    "funding_sources": "FEŚ 2021-2027",
    "replication": "Lokal, umowa z gminą, klauzula społeczna.",
    "links": "https://example.pl/praktyka",
    "contact_name": "Anna Nowak",
    "contact_email": "anna@example.pl",
    "contact_phone": "",
    "contact_consent": False,
}


@pytest.fixture
def ngo(organisation_user):
    return organisation_user.memberships.first().organisation


@pytest.fixture
def gmina(db):
    return TerritorialUnitFactory(code="2604092", name="Masłów")


@pytest.fixture
def practice_case(organisation_user, ngo, gmina):
    case = practice_create(
        requesting_organisation=ngo,
        title="Stołówka prowadzona przez spółdzielnię",
        area="reintegration",
        filed_by=organisation_user,
    )
    practice_update(case=case, actor=organisation_user, title=case.title, gminas=[gmina], **TEXT)
    case.refresh_from_db()
    return case


def run(case, name, actor, **data):
    """Apply transition ``name`` as ``actor`` from the case's current status."""
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


def score_all(case, actor, value: int):
    """The assignee scores every criterion in use with ``value``."""
    scores = {c.pk: (value, f"Uzasadnienie {c.code}") for c in ReviewCriterion.objects.all()}
    case.refresh_from_db()
    return practice_score(case=case, actor=actor, scores=scores)


@pytest.fixture
def in_review(practice_case, organisation_user, advisor):
    run(practice_case, "submit", organisation_user)
    run(practice_case, "accept", advisor)
    practice_case.refresh_from_db()
    return practice_case


def notified(case, verb):
    """Who got an in-app notification ``verb`` on ``case`` (after running the outbox)."""
    outbox_rehand(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    return {n.recipient for n in Notification.objects.filter(case=case, verb=verb)}
