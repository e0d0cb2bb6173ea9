"""What the public register shows of agreements: those in force (an annex being prepared
changes nothing until it is signed) and past (expired, terminated), from the version the
parties signed — title, parties, goals, duration — and the
signed PDF only where every party consented (the document is then public). The portal reads
agreements only through here."""

from dataclasses import dataclass

from .constants import ENDED_STATES, SIGNED_AGREEMENT_DOCUMENT
from .models import Agreement, AgreementVersion


def public_agreements():
    return (
        Agreement.objects.filter(in_force_version__isnull=False)
        .select_related("case", "in_force_version")
        .order_by("-in_force_version__start_date", "-case__pk")
    )


@dataclass
class PublicAgreement:
    pk: int
    number: str
    title: str
    status: str
    in_force: bool
    goals: str
    start_date: str
    end_date: str
    parties: list[dict]
    document: object | None


def public_document(version: AgreementVersion):
    """The signed agreement's PDF if it is public (every party consented) and ready: its
    newest such version."""
    from documents.models import Document

    return Document.objects.newest_public(
        AgreementVersion, [version.pk], SIGNED_AGREEMENT_DOCUMENT
    ).get(version.pk)


def public_view(
    agreement: Agreement, *, with_document: bool = False, document=None
) -> PublicAgreement:
    """The agreement as the register shows it; its PDF looked up (``with_document``) or
    given (``document``: the newest public one of its version in force, see
    ``public_views``)."""
    from datetime import date

    from .constants import AgreementStatus

    version = agreement.in_force_version
    case = agreement.case

    def day(value):
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    if with_document:
        document = public_document(version)
    return PublicAgreement(
        pk=case.pk,
        number=case.number,
        title=version.title,
        status=str(
            AgreementStatus(case.status).label
            if case.status in ENDED_STATES
            else AgreementStatus.IN_FORCE.label
        ),
        in_force=case.status not in ENDED_STATES,
        goals=version.goals,
        start_date=day(version.start_date),
        end_date=day(version.end_date),
        parties=[
            {
                "organisation": row.get("organisation"),
                "name": row.get("name"),
                "leader": row.get("leader"),
            }
            for row in version.parties
        ],
        document=document if document is not None and document.is_ready else None,
    )


def public_views(agreements) -> list[PublicAgreement]:
    """Each agreement as the register shows it with its PDF (the same rule as
    ``public_document``: the newest public version that is ready), in one query for all of
    them: the open-data API lists and dumps whole pages of the register."""
    from documents.models import Document

    agreements = list(agreements)
    found = Document.objects.newest_public(
        AgreementVersion, [a.in_force_version_id for a in agreements], SIGNED_AGREEMENT_DOCUMENT
    )
    return [public_view(a, document=found.get(a.in_force_version_id)) for a in agreements]


def agreements_of(organisation_id: int) -> list[PublicAgreement]:
    """The public agreements an organisation is (or was) a party to (its registry profile)."""
    rows = public_agreements().filter(parties__organisation_id=organisation_id).distinct()
    return [public_view(a) for a in rows]
