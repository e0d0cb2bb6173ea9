"""Cases for the queue tests: inserted straight in any state (the PostgreSQL trigger guards
UPDATE only), each with events and comments so that a page that loaded them per row would
show it in its query count."""

import datetime
import itertools

from casework.models import Attachment, Case, CaseComment, CaseEvent
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
    kind=TEST_KIND,
) -> Case:
    n = next(_seq)
    filed = status != "draft"
    case = Case.objects.create(
        kind=kind,
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
        Attachment.objects.bulk_create(
            [
                Attachment(
                    case=case,
                    storage_name=f"queues-test/{case.pk}-{i}.pdf",
                    original_name=f"zalacznik-{i}.pdf",
                    size=1000,
                    sha256="0" * 64,
                    content_type="application/pdf",
                    kind="pdf",
                    uploaded_by=who,
                )
                for i in (1, 2)
            ]
        )
    return case


def make_advisory(*, topic="social_clauses", version_by=None, **kwargs) -> Case:
    """An advisory case (its detail row too); in approval it gets a frozen version."""
    from casework.kinds.advisory.models import AdvisoryRequest, OpinionVersion

    case = make_case(kind="advisory", **kwargs)
    advisory = AdvisoryRequest.objects.create(case=case, topic=topic)
    if version_by is not None:
        version = OpinionVersion.objects.create(
            advisory=advisory, number=1, text="Opinia", sha256="ab" * 32, sent_by=version_by
        )
        advisory.current_version = version
        advisory.save(update_fields=["current_version"])
    return case


def make_practice(*, area="reintegration", **kwargs) -> Case:
    """A good-practice case (its detail row too)."""
    from casework.kinds.practice.models import GoodPractice

    case = make_case(kind="practice", **kwargs)
    GoodPractice.objects.create(case=case, area=area)
    return case
