"""The leader's pages: starting an agreement, its text, its parties, submitting it; bad
input is a 400 with nothing stored, other kinds' cases and unknown ids are 404."""

import pytest
from django.urls import reverse

from casework.kinds.agreement.constants import AgreementStatus as S
from casework.kinds.agreement.flow import ERROR_NO_PARTNER
from casework.kinds.agreement.models import AgreementParty
from casework.models import Case, CaseParty

pytestmark = pytest.mark.django_db

TEXT = {
    "title": "Partnerstwo lokalne",
    "goals": "Cele",
    "scope": "Zakres",
    "governance": "Zarządzanie",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "personal_data": "",
    "joining_rules": "",
    "withdrawal_rules": "",
    "notice_days": "90",
    "contacts": "",
}


def test_the_leader_drafts_adds_a_party_and_submits(client, parties, leader_org, association):
    client.force_login(parties["clerk"])
    response = client.post(
        reverse("casework:agreement-new"),
        {"title": "Partnerstwo lokalne", "organisation": leader_org.pk},
    )
    assert response.status_code == 302
    case = Case.objects.get(kind="agreement")
    assert case.requesting_organisation == leader_org
    edit = reverse("casework:agreement-edit", args=[case.pk])
    assert client.get(edit).status_code == 200
    # Submitting without a partner is refused with the guard's message.
    refused = client.post(edit, {**TEXT, "submit": "1"})
    assert refused.status_code == 409
    assert str(ERROR_NO_PARTNER) in refused.content.decode()
    case.refresh_from_db()
    assert case.status == S.DRAFT
    add = reverse("casework:agreement-party-add", args=[case.pk])
    bad = client.post(add, {"party-organisation": "nope", "party-representation": "any_one"})
    assert bad.status_code == 400
    assert not CaseParty.objects.exists()
    added = client.post(
        add,
        {
            "party-organisation": association.pk,
            "party-obligations": "Rekrutacja",
            "party-contribution_money": "1000",
            "party-representation": "two_jointly",
        },
    )
    assert added.status_code == 302
    party = AgreementParty.objects.get(organisation=association)
    assert party.representation == "two_jointly"
    assert CaseParty.objects.filter(case=case, organisation=association).exists()
    party_page = reverse("casework:agreement-party-edit", args=[case.pk, party.pk])
    assert client.get(party_page).status_code == 200
    assert (
        client.post(party_page, {"representation": "any_one", "contribution_money": "-5"})
    ).status_code == 400
    response = client.post(edit, {**TEXT, "submit": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert "Stowarzyszenie Razem" in page.content.decode()
    # Once filed the text is not the leader's to edit.
    assert client.get(edit).status_code == 403


def test_party_removal_and_unknown_ids(client, draft, parties, association):
    client.force_login(parties["clerk"])
    party = AgreementParty.objects.get(organisation=association)
    leader = AgreementParty.objects.get(agreement_id=draft.pk, is_leader=True)
    remove = "casework:agreement-party-remove"
    assert client.post(reverse(remove, args=[draft.pk, 999999])).status_code == 404
    client.post(reverse(remove, args=[draft.pk, leader.pk]))
    assert AgreementParty.objects.filter(pk=leader.pk).exists()
    assert client.post(reverse(remove, args=[draft.pk, party.pk])).status_code == 302
    assert not AgreementParty.objects.filter(pk=party.pk).exists()
    assert not CaseParty.objects.filter(case=draft, organisation=association).exists()
    assert client.get(reverse("casework:agreement-edit", args=[999999])).status_code == 404


def test_an_outsider_may_not_start_an_agreement(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(reverse("casework:agreement-new")).status_code == 404
