"""Cases for the queue tests: inserted straight in any state (the PostgreSQL trigger guards
UPDATE only), each with events and comments so that a page that loaded them per row would
show it in its query count."""

import datetime
import itertools

from casework.models import Case, CaseComment, CaseEvent
from directory.constants import OrganisationKind, UnitKind
from tests.casework.factories import TEST_KIND
from tests.factories import OrganisationFactory, TerritorialUnitFactory

_seq = itertools.count(1)


def territory():
    """Two powiats with two gminas each: [(powiat, [gmina, gmina]), ...]."""
    voivodeship = TerritorialUnitFactory(
        code="26", kind=UnitKind.VOIVODESHIP, name="ŚWIĘTOKRZYSKIE"
    )
    result = []
    for p, powiat_name in enumerate(["kielecki", "buski"], start=1):
        powiat = TerritorialUnitFactory(
            code=f"26{p:02d}", kind=UnitKind.POWIAT, name=powiat_name, parent=voivodeship
        )
        gminas = [
            TerritorialUnitFactory(
                code=f"26{p:02d}{g:02d}2", kind=UnitKind.GMINA, name=f"Gmina {p}{g}", parent=powiat
            )
            for g in (1, 2)
        ]
        result.append((powiat, gminas))
    return result


def municipal_org(gmina, name=None):
    return OrganisationFactory(
        kind=OrganisationKind.GMINA, gmina=gmina, name=name or f"Gmina {gmina.name}"
    )


def make_case(
    *,
    organisation,
    filed_by,
    status="submitted",
    assignee=None,
    due_date=None,
    title=None,
    actor=None,
    extras=True,
) -> Case:
    n = next(_seq)
    filed = status != "draft"
    case = Case.objects.create(
        kind=TEST_KIND,
        title=title or f"Sprawa {n}",
        requesting_organisation=organisation,
        filed_by=filed_by,
        status=status,
        assignee=assignee,
        due_date=due_date,
        date_received=datetime.date(2026, 1, 1) if filed else None,
        number_year=2026 if filed else None,
        number_seq=n if filed else None,
        number=f"TST/2026/{n:04d}" if filed else "",
        resume_status="in_review" if status == "awaiting_info" else "",
    )
    if extras:
        who = actor or filed_by
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(case=case, actor=who, action="submit", from_status="draft"),
                CaseEvent(case=case, actor=who, action="accept", from_status="submitted"),
            ]
        )
        CaseComment.objects.bulk_create(
            [
                CaseComment(case=case, author=who, body="Pierwsza uwaga", is_internal=True),
                CaseComment(case=case, author=who, body="Druga uwaga", is_internal=False),
            ]
        )
    return case
