"""Many agreements in the register and many resolutions, fast, straight in the database as
signing leaves them (like tests/catalogue/factories.py: the status is written when the case
is created; the signing flow with its certificates is covered by tests/agreement and by one
agreement in tests/api/test_registers.py); resolutions, their items and their PDFs as the committee
records them, the PDFs marked ready instead of rendered."""

import datetime
import itertools
from decimal import Decimal

from casework.kinds.agreement.constants import SIGNED_AGREEMENT_DOCUMENT, AgreementStatus
from casework.kinds.agreement.models import Agreement, AgreementParty, AgreementVersion
from casework.models import Case
from committee.documents import RESOLUTION_DOCUMENT
from committee.models import AgendaItem, Body, Meeting, Resolution
from directory.constants import OrganisationKind
from documents.constants import DocumentStatus
from documents.models import Document
from documents.services import document_request
from tests.agreement.conftest import TEXT
from tests.factories import MembershipFactory, OrganisationFactory

_seq = itertools.count(1)
PARTNER_TERMS = {
    "obligations": "Rekrutacja uczestników.",
    "contribution_money": Decimal("12500.00"),
    "contribution_in_kind": "Sala na spotkania.",
    "publish_consent": True,
}
START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)
COUNT = {
    "outcome": "passed", "eligible": 7, "present": 6, "recused": 1, "for": 4, "against": 1,
    "abstain": 0, "casting_vote": False,
}  # fmt: skip


def ready(document: Document) -> Document:
    """Marked as rendered (a path and a hash; no file is read by the registers)."""
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.READY, file=f"documents/{document.pk}.pdf", sha256="0" * 64, size=1
    )
    document.refresh_from_db()
    return document


def make_agreements(n: int, *, ended: bool = False, public_pdf: bool = True) -> list:
    """``n`` agreements in the register (in force, or expired), written as signing leaves
    them (the status, the signed version in force with its frozen parties), each with a
    ready signed PDF, public when every party consented (``public_pdf``)."""
    leader = OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Masłów")
    clerk = MembershipFactory(organisation=leader).user
    partner = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Razem")
    status = AgreementStatus.EXPIRED if ended else AgreementStatus.IN_FORCE
    text = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in TEXT.items()}
    cases = []
    for _ in range(n):
        i = next(_seq)
        case = Case.objects.create(
            kind="agreement",
            title=f"Partnerstwo nr {i}",
            requesting_organisation=leader,
            filed_by=clerk,
            status=status,
            number=f"PA.8120.{i}.2026",
            number_year=2026,
            number_seq=i,
        )
        agreement = Agreement.objects.create(case=case, **TEXT)
        rows = [
            AgreementParty.objects.create(
                agreement=agreement, organisation=org, is_leader=org == leader, **terms
            )
            for org, terms in (
                (leader, {"obligations": "Koordynacja."}),
                (partner, PARTNER_TERMS),
            )
        ]
        version = AgreementVersion.objects.create(
            agreement=agreement,
            number=1,
            sha256="0" * 64,
            sent_by=clerk,
            title=case.title,
            parties=[row.frozen() for row in rows],
            **text,
        )
        Agreement.objects.filter(pk=case.pk).update(
            current_version=version, in_force_version=version
        )
        ready(document_request(kind=SIGNED_AGREEMENT_DOCUMENT, source=version, public=public_pdf))
        cases.append(case)
    return cases


def make_body(committee_body, *, is_public: bool = True) -> Body:
    return Body.objects.create(
        organisation=committee_body,
        kind="committee",
        term_start=datetime.date(2023, 1, 1),
        composition=["rops", "owes", "university"],
        is_public=is_public,
    )


def make_resolutions(n: int, *, body: Body, recorder, case=None, year: int = 2026) -> list:
    """``n`` resolutions of ``body``, each deciding one item by a count (the first item
    deciding ``case`` if given), each with a ready public PDF."""
    meeting = Meeting.objects.create(
        body=body,
        title="Posiedzenie",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
        created_by=recorder,
    )
    done = Resolution.objects.filter(body=body, year=year).count()
    made = []
    for i in range(done + 1, done + n + 1):
        resolution = Resolution.objects.create(
            body=body,
            year=year,
            seq=i,
            number=f"{i}/{year}",
            title=f"W sprawie stanowiska nr {i}",
            text="Rada przyjmuje stanowisko.",
            adopted_on=datetime.date(year, 3, 12),
            meeting=meeting,
            result={"tajne": "notatka"},
            adopted_by=recorder,
        )
        AgendaItem.objects.create(
            meeting=meeting,
            position=i,
            title=f"Stanowisko nr {i}",
            case=case if i == done + 1 else None,
            majority="simple",
            status="passed",
            materials="Materiały wewnętrzne dla członków.",
            result=COUNT,
            resolution=resolution,
        )
        ready(document_request(kind=RESOLUTION_DOCUMENT, source=resolution, public=True))
        made.append(resolution)
    return made
