"""An agreement started from an advisory case on cooperation and partnership: the advisory
case page offers it (through the registry, the kinds never import each other), the start page
is prefilled, and each case page links to the other; other topics offer nothing."""

import pytest
from django.urls import reverse

from casework.kinds.agreement.models import Agreement
from casework.models import Case
from tests.queues.factories import make_advisory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation(leader_org, parties):
    return make_advisory(
        topic="cooperation",
        organisation=leader_org,
        filed_by=parties["clerk"],
        status="published",
        title="Jak zawiązać partnerstwo lokalne?",
        extras=False,
    )


def test_the_leader_starts_an_agreement_from_the_advisory_case(
    client, cooperation, parties, leader_org, organisation_user
):
    client.force_login(parties["clerk"])
    start = reverse("casework:agreement-from-case", args=[cooperation.pk])
    page = client.get(reverse("casework:case-detail", args=[cooperation.pk])).content.decode()
    assert start in page
    form = client.get(start)
    assert form.status_code == 200
    assert "Jak zawiązać partnerstwo lokalne?" in form.content.decode()
    response = client.post(
        start, {"title": "Partnerstwo lokalne w Masłowie", "organisation": leader_org.pk}
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.origin_case == cooperation
    assert agreement.case.requesting_organisation == leader_org
    assert cooperation.number in agreement.goals
    # Linked both ways.
    page = client.get(reverse("casework:case-detail", args=[agreement.pk])).content.decode()
    assert reverse("casework:case-detail", args=[cooperation.pk]) in page
    page = client.get(reverse("casework:case-detail", args=[cooperation.pk])).content.decode()
    assert reverse("casework:case-detail", args=[agreement.pk]) in page
    # An outsider neither sees the advisory case nor may start from it.
    client.force_login(organisation_user)
    assert client.get(start).status_code == 404


def test_other_topics_offer_no_agreement(client, leader_org, parties):
    clauses = make_advisory(
        topic="social_clauses",
        organisation=leader_org,
        filed_by=parties["clerk"],
        status="published",
        extras=False,
    )
    client.force_login(parties["clerk"])
    page = client.get(reverse("casework:case-detail", args=[clauses.pk])).content.decode()
    assert reverse("casework:agreement-from-case", args=[clauses.pk]) not in page


def test_a_party_member_who_is_not_of_the_requester_may_not_start(client, cooperation, parties):
    client.force_login(parties["a"])  # a member of another organisation: sees nothing
    start = reverse("casework:agreement-from-case", args=[cooperation.pk])
    assert client.get(start).status_code == 404
    assert not Case.objects.filter(kind="agreement").exists()
