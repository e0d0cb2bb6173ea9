"""Whether a signed agreement's PDF is public is decided by the parties of the version that
was signed (the parties it froze), not by the agreement's parties of the moment: a party that
joined by a later annex neither blocks nor enables it, and one that withdrew later still
counts for the version it signed."""

import pytest
from django.urls import reverse

from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.documents import agreement_documents_for, publication_consented
from casework.kinds.agreement.models import AgreementParty
from casework.kinds.agreement.services import (
    agreement_sign,
    agreement_update,
    party_add,
    party_remove,
)
from directory.constants import OrganisationKind
from documents.services import document_render
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import run

pytestmark = pytest.mark.django_db


def _sign_everyone(case, signers, consents):
    """Every active party signs the current version; ``consents`` maps an organisation to
    its consent (True when not named)."""
    case.refresh_from_db()
    sha = case.agreement.current_version.sha256
    for user in signers:
        for party in case.agreement.active_parties():
            if party.organisation.memberships.filter(user=user, may_sign=True).exists():
                case.refresh_from_db()
                agreement_sign(
                    case=case,
                    actor=user,
                    party=party,
                    sha256=sha,
                    publish_consent=consents.get(party.organisation_id, True),
                )
    case.refresh_from_db()
    return case


def _signers(parties):
    return [parties["wojt"], parties["a"], parties["b"], parties["owes"]]


def _annex(case, parties, advisor, committee_member, change):
    case = run(case, "amend", parties["clerk"])
    change(case)
    agreement_update(
        case=case, actor=parties["clerk"], title=case.title, annex_summary="Zmiana stron."
    )
    run(case, "submit", parties["clerk"])
    run(case, "accept", advisor)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    run(case, "approve", committee_member, version=case.agreement.current_version.sha256)
    case.refresh_from_db()
    return case


def _signed_pdf(version):
    document = agreement_documents_for(version, signed=True)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def test_a_party_that_withdrew_counts_for_what_it_signed_and_not_for_the_annex(
    client, signing, parties, owes, advisor, committee_member
):
    """The OWES signed the first version without consenting, then withdrew by annex: the
    first version's PDF stays non-public, the annex (which the OWES did not sign, everyone
    else consenting) is public."""
    case = _sign_everyone(signing, _signers(parties), {owes.pk: False})
    assert case.status == S.IN_FORCE
    first = case.agreement.in_force_version
    assert not _signed_pdf(first).is_public

    owes_party = AgreementParty.objects.get(organisation=owes)
    case = _annex(
        case,
        parties,
        advisor,
        committee_member,
        lambda c: party_remove(case=c, actor=parties["clerk"], party=owes_party),
    )
    case = _sign_everyone(case, _signers(parties), {})
    assert case.status == S.IN_FORCE
    annex = case.agreement.in_force_version
    assert annex.pk != first.pk
    owes_party.refresh_from_db()
    assert owes_party.left_at is not None  # it has left, its consent still "no"
    assert not owes_party.publish_consent

    document = _signed_pdf(annex)
    assert document.is_public
    assert publication_consented(annex)
    # The OWES still counts for the version it signed (and did not consent to).
    assert not publication_consented(first)
    assert not _signed_pdf(first).is_public
    # The register shows the annex's PDF.
    page = client.get(reverse("portal:agreement", args=[case.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page


def test_a_party_joining_by_annex_neither_blocks_nor_enables_the_signed_version(
    signing, parties, association, advisor, committee_member
):
    """All parties consented to the first version: a cooperative joining by an annex in
    progress, without consent, changes nothing for it; the annex itself, which the
    cooperative signs without consenting, is not public."""
    case = _sign_everyone(signing, _signers(parties), {})
    first = case.agreement.in_force_version
    assert _signed_pdf(first).is_public

    cooperative = OrganisationFactory(
        kind=OrganisationKind.SOCIAL_COOPERATIVE, name="Spółdzielnia Socjalna Razem"
    )
    president = MembershipFactory(organisation=cooperative, may_sign=True).user
    case = run(case, "amend", parties["clerk"])
    party_add(case=case, actor=parties["clerk"], organisation=cooperative, obligations="Catering.")
    assert not AgreementParty.objects.get(organisation=cooperative).publish_consent
    # While the annex is in progress, the signed first version is still fully consented.
    assert publication_consented(first)

    case.refresh_from_db()
    agreement_update(
        case=case, actor=parties["clerk"], title=case.title, annex_summary="Nowa strona."
    )
    run(case, "submit", parties["clerk"])
    run(case, "accept", advisor)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    run(case, "approve", committee_member, version=case.agreement.current_version.sha256)
    case = _sign_everyone(case, [*_signers(parties), president], {cooperative.pk: False})
    assert case.status == S.IN_FORCE
    annex = case.agreement.in_force_version
    assert not _signed_pdf(annex).is_public
    assert not publication_consented(annex)
    assert publication_consented(first)


def test_a_later_partys_consent_does_not_enable_a_version_it_did_not_sign(
    signing, parties, association, owes
):
    """The association did not consent to the first version; a party that joins later and
    consents (and the remaining ones) cannot make that version public."""
    case = _sign_everyone(signing, _signers(parties), {association.pk: False})
    first = case.agreement.in_force_version
    assert not _signed_pdf(first).is_public
    cooperative = OrganisationFactory(kind=OrganisationKind.SOCIAL_COOPERATIVE)
    case = run(case, "amend", parties["clerk"])
    party_add(
        case=case,
        actor=parties["clerk"],
        organisation=cooperative,
        publish_consent=True,
    )
    assert not publication_consented(first)
    # Only the first version's own parties decide: with the association's consent it would be.
    AgreementParty.objects.filter(organisation=association).update(publish_consent=True)
    assert publication_consented(first)
