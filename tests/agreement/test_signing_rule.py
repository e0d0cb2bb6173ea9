"""Who may sign for which party is written once (``services.signing_parties``): the
``SIGNATORY`` node, the signing service and the sign page's offered parties all ask it, so
the page offers exactly the parties the service accepts."""

import pytest
from django.db import transaction
from django.urls import reverse

from casework import permissions as p
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.kinds.agreement.services import (
    ERROR_ALREADY_SIGNED,
    ERROR_NOT_SIGNATORY,
    SIGNATORY,
    agreement_sign,
    parties_to_sign,
)
from tests.factories import MembershipFactory
from workflows.exceptions import TransitionRefused

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    """Rolls a trial signature back."""


def _service_accepts(case, user) -> set[int]:
    """The parties the service accepts ``user``'s signature for: each tried for real in a
    savepoint that is then rolled back (not read from the rule under test)."""
    case.refresh_from_db()
    sha = case.agreement.current_version.sha256
    accepted, refusals = set(), set()
    for party in AgreementParty.objects.filter(agreement_id=case.pk):
        try:
            with transaction.atomic():
                agreement_sign(case=case, actor=user, party=party, sha256=sha)
                accepted.add(party.pk)
                raise _Undo
        except _Undo:
            pass
        except TransitionRefused as refused:
            refusals.add(refused.message)
    assert refusals <= {ERROR_NOT_SIGNATORY, ERROR_ALREADY_SIGNED}
    return accepted


def _page_offers(client, case, user) -> set[int]:
    client.force_login(user)
    response = client.get(reverse("casework:agreement-sign", args=[case.pk]))
    if response.status_code in (403, 404):
        return set()
    assert response.status_code == 200
    offered = {party.pk for party in response.context["parties"]}
    # Both forms of the page (acceptance, upload) take exactly these parties.
    for form in ("form", "upload_form"):
        queryset = response.context[form].fields["party"].queryset
        assert set(queryset.values_list("pk", flat=True)) == offered
    return offered


def _ids(case, *organisations) -> set[int]:
    return set(
        AgreementParty.objects.filter(
            agreement_id=case.pk, organisation__in=organisations
        ).values_list("pk", flat=True)
    )


def test_the_page_offers_exactly_what_the_service_accepts(
    client, signing, parties, leader_org, association, owes, organisation_user
):
    # A member of two parties who may sign for both.
    both = MembershipFactory(organisation=association, may_sign=True).user
    MembershipFactory(user=both, organisation=owes, may_sign=True)
    second_owes = MembershipFactory(organisation=owes, may_sign=True).user
    # The OWES ("any one") has signed: its signature is complete.
    agreement_sign(
        case=signing,
        actor=parties["owes"],
        party=AgreementParty.objects.get(organisation=owes),
        sha256=signing.agreement.current_version.sha256,
    )
    # One board member of the association ("two jointly") has signed: not complete yet.
    signing.refresh_from_db()
    agreement_sign(
        case=signing,
        actor=parties["a"],
        party=AgreementParty.objects.get(organisation=association),
        sha256=signing.agreement.current_version.sha256,
    )
    signatures = AgreementSignature.objects.count()
    expected = {
        "may-sign member": (parties["wojt"], _ids(signing, leader_org)),
        "member without may_sign": (parties["clerk"], set()),
        "member of two parties": (both, _ids(signing, association, owes)),
        "outsider": (organisation_user, set()),
        "signed a complete party": (parties["owes"], set()),
        "another representative of a complete party": (second_owes, _ids(signing, owes)),
        "signed, party not complete": (parties["a"], set()),
        "second of two jointly": (parties["b"], _ids(signing, association)),
    }
    for name, (user, parties_expected) in expected.items():
        accepted = _service_accepts(signing, user)
        offered = _page_offers(client, signing, user)
        signing.refresh_from_db()
        ruled = {party.pk for party in parties_to_sign(user, signing.agreement)}
        assert offered == accepted == ruled == parties_expected, name
        # The node holds exactly for who may sign for some party of the agreement.
        has_right = bool(accepted) or name.startswith("signed")
        assert p.holds(SIGNATORY, user, signing) == has_right, name
    # The trials were rolled back.
    assert AgreementSignature.objects.count() == signatures


def test_a_party_not_offered_is_refused_through_the_page(client, signing, parties, association):
    """The wójt may not sign for the association: the form refuses it (400), the service
    would too, nothing is stored."""
    client.force_login(parties["wojt"])
    signing.refresh_from_db()
    response = client.post(
        reverse("casework:agreement-sign", args=[signing.pk]),
        {
            "sha256": signing.agreement.current_version.sha256,
            "party": AgreementParty.objects.get(organisation=association).pk,
            "confirm": "on",
        },
    )
    assert response.status_code == 400
    assert not AgreementSignature.objects.exists()


def test_signing_twice_for_the_same_party_is_still_a_conflict(signing, parties, leader_org):
    party = AgreementParty.objects.get(organisation=leader_org)
    sha = signing.agreement.current_version.sha256
    agreement_sign(case=signing, actor=parties["wojt"], party=party, sha256=sha)
    signing.refresh_from_db()
    assert not parties_to_sign(parties["wojt"], signing.agreement).exists()
    with pytest.raises(TransitionRefused) as refused:
        agreement_sign(case=signing, actor=parties["wojt"], party=party, sha256=sha)
    assert refused.value.message == ERROR_ALREADY_SIGNED
    assert AgreementSignature.objects.count() == 1
