"""Who sees an agreement and who signs it: parties' members from review on, staff per their
roles, others 404; only a current "may sign" member of a party signs for it; a changed hash
is a conflict; "two jointly" needs two distinct signers."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework import permissions as p
from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.models import AgreementParty, AgreementSignature
from casework.kinds.agreement.services import (
    ERROR_ALREADY_SIGNED,
    ERROR_NOT_SIGNATORY,
    ERROR_VERSION_CHANGED,
    SIGNATORY,
    agreement_sign,
)
from casework.models import Case, CaseEvent
from tests.factories import MembershipFactory, UserFactory
from workflows.exceptions import TransitionRefused

from .conftest import run

pytestmark = pytest.mark.django_db


def _party(case, organisation):
    return AgreementParty.objects.get(agreement_id=case.pk, organisation=organisation)


def _sha(case):
    case.refresh_from_db()
    return case.agreement.current_version.sha256


def _detail(client, user, case):
    client.force_login(user)
    return client.get(reverse("casework:case-detail", args=[case.pk]))


def test_a_draft_is_the_leaders_only(client, draft, parties, advisor, organisation_user):
    assert _detail(client, parties["clerk"], draft).status_code == 200
    assert _detail(client, parties["a"], draft).status_code == 404
    assert _detail(client, advisor, draft).status_code == 404
    assert _detail(client, organisation_user, draft).status_code == 404


def test_parties_see_it_from_review_on_and_outsiders_never(
    client, draft, parties, advisor, committee_member, organisation_user
):
    run(draft, "submit", parties["clerk"])
    for user in (parties["a"], parties["b"], parties["owes"], parties["wojt"], advisor):
        assert _detail(client, user, draft).status_code == 200
    assert _detail(client, organisation_user, draft).status_code == 404
    # The committee sees it once it is in approval.
    assert _detail(client, committee_member, draft).status_code == 404
    run(draft, "accept", advisor)
    run(draft, "submit_for_approval", advisor)
    assert _detail(client, committee_member, draft).status_code == 200
    # Pages of the kind: 404 for an outsider, 403 for a party's member who may not edit.
    client.force_login(organisation_user)
    assert client.get(reverse("casework:agreement-edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("casework:agreement-sign", args=[draft.pk])).status_code == 404
    client.force_login(parties["a"])
    assert client.get(reverse("casework:agreement-edit", args=[draft.pk])).status_code == 403


def test_an_outsider_cannot_sign_even_by_calling_the_service(signing, association):
    stranger = UserFactory()
    with pytest.raises(TransitionRefused):
        agreement_sign(
            case=signing, actor=stranger, party=_party(signing, association), sha256=_sha(signing)
        )
    assert not AgreementSignature.objects.exists()


@pytest.mark.parametrize("who", ["clerk", "ended", "other party"])
def test_only_a_current_may_sign_member_of_the_party_signs_for_it(
    signing, parties, leader_org, association, who
):
    if who == "clerk":
        user, party = parties["clerk"], _party(signing, leader_org)
    elif who == "ended":
        user = MembershipFactory(
            organisation=association,
            may_sign=True,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2024, 12, 31),
        ).user
        # Still sees the case (a current plain membership), but may not sign any more.
        MembershipFactory(user=user, organisation=association)
        party = _party(signing, association)
    else:
        user, party = parties["wojt"], _party(signing, association)
    with pytest.raises(TransitionRefused) as refused:
        agreement_sign(case=signing, actor=user, party=party, sha256=_sha(signing))
    assert refused.value.message == ERROR_NOT_SIGNATORY
    assert not AgreementSignature.objects.exists()
    assert not CaseEvent.objects.filter(case=signing, action="signed").exists()


def test_the_sign_page_is_refused_to_members_without_the_right(client, signing, parties):
    client.force_login(parties["clerk"])
    url = reverse("casework:agreement-sign", args=[signing.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"sha256": _sha(signing)}).status_code == 403


def test_a_changed_hash_is_a_conflict(client, signing, parties, leader_org):
    client.force_login(parties["wojt"])
    url = reverse("casework:agreement-sign", args=[signing.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert _sha(signing) in page.content.decode()
    response = client.post(
        url,
        {"sha256": "0" * 64, "party": _party(signing, leader_org).pk, "confirm": "on"},
    )
    assert response.status_code == 409
    assert str(ERROR_VERSION_CHANGED) in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_signing_through_the_page(client, signing, parties, leader_org):
    client.force_login(parties["wojt"])
    url = reverse("casework:agreement-sign", args=[signing.pk])
    response = client.post(
        url,
        {
            "sha256": _sha(signing),
            "party": _party(signing, leader_org).pk,
            "confirm": "on",
            "publish_consent": "on",
        },
    )
    assert response.status_code == 302
    party = _party(signing, leader_org)
    assert party.signed_version_id == signing.agreement.current_version_id
    assert party.publish_consent
    # Bad input: an unknown party or no confirmation is a 400, nothing stored.
    client.force_login(parties["owes"])
    bad = client.post(url, {"sha256": _sha(signing), "party": "999999", "confirm": "on"})
    assert bad.status_code == 400
    assert client.post(url, {"sha256": _sha(signing)}).status_code == 400
    assert AgreementSignature.objects.count() == 1


def test_two_jointly_is_complete_only_after_the_second_board_member(signing, parties, association):
    party = _party(signing, association)
    agreement_sign(case=signing, actor=parties["a"], party=party, sha256=_sha(signing))
    party.refresh_from_db()
    assert party.signed_version_id is None
    with pytest.raises(TransitionRefused) as refused:
        agreement_sign(case=signing, actor=parties["a"], party=party, sha256=_sha(signing))
    assert refused.value.message == ERROR_ALREADY_SIGNED
    party.refresh_from_db()
    assert party.signed_version_id is None
    agreement_sign(case=signing, actor=parties["b"], party=party, sha256=_sha(signing))
    party.refresh_from_db()
    assert party.signed_version_id == signing.agreement.current_version_id


def test_a_refusal_goes_back_to_review_and_the_next_version_is_signed_again(
    signing, parties, leader_org, advisor, committee_member
):
    agreement_sign(
        case=signing, actor=parties["wojt"], party=_party(signing, leader_org), sha256=_sha(signing)
    )
    signing = run(signing, "refuse_signature", parties["owes"], reason="Zmienić wkład OWES.")
    assert signing.status == S.IN_REVIEW
    # Nobody signs in review.
    with pytest.raises(TransitionRefused):
        agreement_sign(
            case=signing,
            actor=parties["wojt"],
            party=_party(signing, leader_org),
            sha256=_sha(signing),
        )
    run(signing, "submit_for_approval", advisor)
    run(signing, "approve", committee_member, version=_sha(signing))
    signing.refresh_from_db()
    assert signing.agreement.current_version.number == 2
    assert _party(signing, leader_org).signed_version_id != signing.agreement.current_version_id


def test_a_party_member_may_not_refuse_without_the_right(signing, parties):
    with pytest.raises(TransitionRefused):
        run(signing, "refuse_signature", parties["clerk"], reason="Nie.")
    signing.refresh_from_db()
    assert signing.status == S.SIGNING


def test_the_signatory_rule_lists_what_it_holds(signing, parties, organisation_user):
    """``SIGNATORY.q`` selects the agreement exactly when ``SIGNATORY.holds``."""
    users = [*parties.values(), organisation_user]

    @settings(suppress_health_check=list(HealthCheck), deadline=None, max_examples=10)
    @given(st.sampled_from(users))
    def check(user):
        s = p.subject_of(user)
        listed = Case.objects.filter(SIGNATORY.q(s) if SIGNATORY.q(s) != p.NONE else p.NONE)
        assert (signing in listed) == SIGNATORY.holds(s, signing)

    check()


def test_the_pdf_for_signing_is_the_parties_and_not_an_outsiders(
    client, signing, parties, organisation_user
):
    from casework.kinds.agreement.documents import agreement_documents_for
    from documents.services import document_render

    document = agreement_documents_for(signing.agreement.current_version, signed=False)
    document_render(document_id=document.pk)
    download = reverse("documents:download", args=[document.pk])
    client.force_login(parties["owes"])
    assert client.get(download).status_code == 200
    sign_page = client.get(reverse("casework:agreement-sign", args=[signing.pk]))
    assert reverse("documents:detail", args=[document.pk]) in sign_page.content.decode()
    client.force_login(organisation_user)
    assert client.get(download).status_code == 404


def test_the_case_page_offers_refusal_only_to_signatories(client, signing, parties):
    page = _detail(client, parties["owes"], signing).content.decode()
    assert 'value="refuse_signature"' in page
    assert reverse("casework:agreement-sign", args=[signing.pk]) in page
    page = _detail(client, parties["clerk"], signing).content.decode()
    assert 'value="refuse_signature"' not in page
    assert reverse("casework:agreement-sign", args=[signing.pk]) not in page
