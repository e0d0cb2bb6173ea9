"""Who may do what, when: a literal table written from DESIGN.md ("Advisory request"),
checked through the flow (``can`` / ``available_actions``) and through HTTP (404 when the case
is not visible, 403 when it is visible but the action is not the user's, 409 when the action
does not leave this state).

Actors (role and relation to the case):
- ``requester``: clerk of the requesting gmina;
- ``stranger``: clerk of another gmina;
- ``assignee``: the advisor the case is assigned to (drafter of the version in approval);
- ``advisor``: another advisor;
- ``coordinator``;
- ``member``: a committee member with no relation;
- ``drafter``: a committee member who also advises and edited the opinion (a drafter);
- ``recused``: a committee member who also works for the requesting gmina.
"""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.models import AdvisoryRequest, OpinionVersion
from casework.models import Case
from casework.permissions import can
from directory.constants import MembershipRole
from tests.factories import MembershipFactory

from .helpers import complete_intake

pytestmark = pytest.mark.django_db

S = AdvisoryStatus
ACTORS = (
    "requester",
    "stranger",
    "assignee",
    "advisor",
    "coordinator",
    "member",
    "drafter",
    "recused",
)
ACTIONS = (
    "submit",
    "accept",
    "decline",
    "request_info",
    "provide_info",
    "submit_for_approval",
    "return_for_changes",
    "approve",
    "reject",
    "publish",
    "publish_public",
    "withdraw",
    "extend_deadline",
    "reassign",
)

# (state, action) -> the actors allowed. Every pair not listed: nobody.
# "recused" is a member of the requesting gmina, so they act as the requester does; the
# "drafter" also advises, so they may accept (claim) submitted work like any advisor.
ALLOWED = {
    (S.DRAFT, "submit"): {"requester", "recused"},
    (S.SUBMITTED, "accept"): {"assignee", "advisor", "coordinator", "drafter"},
    (S.SUBMITTED, "decline"): {"coordinator"},
    (S.SUBMITTED, "request_info"): {"assignee", "coordinator"},
    (S.SUBMITTED, "withdraw"): {"requester", "recused"},
    (S.SUBMITTED, "extend_deadline"): {"assignee", "coordinator"},
    (S.IN_REVIEW, "request_info"): {"assignee", "coordinator"},
    (S.IN_REVIEW, "submit_for_approval"): {"assignee"},
    (S.IN_REVIEW, "withdraw"): {"requester", "recused"},
    (S.IN_REVIEW, "extend_deadline"): {"assignee", "coordinator"},
    (S.IN_REVIEW, "reassign"): {"coordinator"},
    (S.AWAITING_INFO, "provide_info"): {"requester", "recused"},
    (S.AWAITING_INFO, "withdraw"): {"requester", "recused"},
    (S.AWAITING_INFO, "reassign"): {"coordinator"},
    (S.IN_APPROVAL, "return_for_changes"): {"member", "drafter"},
    (S.IN_APPROVAL, "approve"): {"member"},
    (S.IN_APPROVAL, "reject"): {"member", "drafter"},
    (S.IN_APPROVAL, "extend_deadline"): {"assignee", "coordinator"},
    (S.IN_APPROVAL, "reassign"): {"coordinator"},
    (S.APPROVED, "publish"): {"assignee", "coordinator"},
    (S.PUBLISHED, "publish_public"): {"coordinator"},
}

# state -> the actors who see the case at all (others get 404).
VISIBLE = {
    S.DRAFT: {"requester", "recused"},
    **{
        s: {"requester", "recused", "assignee", "advisor", "coordinator", "drafter"}
        for s in (S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO, S.REJECTED, S.WITHDRAWN)
    },
    **{
        s: {"requester", "recused", "assignee", "advisor", "coordinator", "drafter", "member"}
        for s in (S.IN_APPROVAL, S.APPROVED, S.PUBLISHED)
    },
}

# Which transition leaves which state (DESIGN.md); anything else answers 409 "not now".
SOURCES = {
    "submit": {S.DRAFT},
    "accept": {S.SUBMITTED},
    "decline": {S.SUBMITTED},
    "request_info": {S.SUBMITTED, S.IN_REVIEW},
    "provide_info": {S.AWAITING_INFO},
    "submit_for_approval": {S.IN_REVIEW},
    "return_for_changes": {S.IN_APPROVAL},
    "approve": {S.IN_APPROVAL},
    "reject": {S.IN_APPROVAL},
    "publish": {S.APPROVED},
    "publish_public": {S.PUBLISHED},
    "withdraw": {S.SUBMITTED, S.IN_REVIEW, S.AWAITING_INFO},
    "extend_deadline": {S.SUBMITTED, S.IN_REVIEW, S.IN_APPROVAL},
    "reassign": {S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL},
}


@pytest.fixture
def people(
    gmina,
    clerk,
    other_clerk,
    advisor,
    advisor2,
    coordinator,
    committee_member,
    recused_member,
    rops,
    committee_body,
):
    drafter = MembershipFactory(organisation=committee_body, user__email="drafter@example.pl").user
    MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR, user=drafter)
    return {
        "requester": clerk,
        "stranger": other_clerk,
        "assignee": advisor,
        "advisor": advisor2,
        "coordinator": coordinator,
        "member": committee_member,
        "drafter": drafter,
        "recused": recused_member,
    }


def case_in(state, people, gmina):
    """A case INSERTed directly in ``state`` (the status trigger guards UPDATE only)."""
    case = Case(
        kind="advisory",
        title="Klauzule społeczne — dożywianie uczniów",
        requesting_organisation=gmina,
        filed_by=people["requester"],
        date_received=datetime.date(2026, 3, 2),
        assignee=None if state == S.DRAFT else people["assignee"],
    )
    case.status = state
    if state == S.AWAITING_INFO:
        case.resume_status = S.IN_REVIEW
    if state != S.DRAFT:
        case.number_year, case.number_seq = 2026, Case.objects.count() + 1
        case.number = f"DOR/2026/{case.number_seq:04d}"
        case.due_date = datetime.date(2026, 4, 1)
    case.save()
    advisory = AdvisoryRequest.objects.create(
        case=case,
        topic="social_clauses",
        intake=complete_intake(),
        consent_to_publish=True,
        opinion_text="Opinia robocza.",
    )
    advisory.opinion_editors.add(people["assignee"], people["drafter"])
    if state in (S.IN_APPROVAL, S.APPROVED, S.PUBLISHED):
        version = OpinionVersion.objects.create(
            advisory=advisory,
            number=1,
            text="Opinia.",
            sha256="a" * 64,
            sent_by=people["assignee"],
        )
        version.drafters.set([people["assignee"], people["drafter"]])
        advisory.current_version = version
        advisory.save()
    return case


def valid_data(action, people, case):
    """What a user posts for ``action``, confirmed (irreversible actions ask first)."""
    return {
        "confirm": "1",
        **valid_fields(action, people, case),
    }


def valid_fields(action, people, case):
    return {
        "withdraw": {"reason": "Rezygnujemy z zamówienia."},
        "decline": {"reason": "Poza zakresem doradztwa."},
        "request_info": {"question": "Proszę o projekt umowy."},
        "provide_info": {"answer": "W załączeniu."},
        "return_for_changes": {"reason": "Do poprawy."},
        "reject": {"reason": "Odrzucam."},
        "approve": {"version": "a" * 64},
        "extend_deadline": {"days": "10", "reason": "Sprawa złożona."},
        "reassign": {"assignee": str(people["advisor"].pk)},
    }.get(action, {})


@pytest.mark.parametrize("state", list(S))
def test_flow_answers_match_the_table(state, people, gmina):
    case = case_in(state, people, gmina)
    for actor_name, user in people.items():
        fresh = Case.objects.get(pk=case.pk)
        expected = {a for a in ACTIONS if actor_name in ALLOWED.get((state, a), set())}
        got = {a for a in ACTIONS if can(user, a, fresh)}
        assert got == expected, (state, actor_name)
        listed = {t.slug for t in fresh.get_flow(actor=user).available_actions(user)}
        if actor_name in VISIBLE[state]:
            assert listed == expected, (state, actor_name)
        assert can(user, "view", fresh) == (actor_name in VISIBLE[state]), (state, actor_name)


@pytest.mark.parametrize("state", list(S))
def test_http_answers_404_403_409_or_acts_as_the_table_says(state, people, gmina, client):
    case = case_in(state, people, gmina)
    for actor_name, user in people.items():
        client.force_login(user)
        page = client.get(reverse("casework:case-detail", args=[case.pk]))
        assert page.status_code == (200 if actor_name in VISIBLE[state] else 404)
        for action in ACTIONS:
            url = reverse("casework:case-transition", args=[case.pk, action])
            data = {"seen_status": state, **valid_data(action, people, case)}
            with transaction.atomic():
                response = client.post(url, data)
                transaction.set_rollback(True)
            if actor_name not in VISIBLE[state]:
                expected = 404
            elif actor_name in ALLOWED.get((state, action), set()):
                expected = 302
            elif state in SOURCES[action]:
                expected = 403
            else:
                expected = 409
            assert response.status_code == expected, (state, actor_name, action)
            assert Case.objects.get(pk=case.pk).status == state


def test_a_drafter_sees_no_approve_button_and_a_member_does(people, gmina, client):
    case = case_in(S.IN_APPROVAL, people, gmina)
    approve_url = reverse("casework:case-transition", args=[case.pk, "approve"]).encode()
    client.force_login(people["drafter"])
    assert approve_url not in client.get(reverse("casework:case-detail", args=[case.pk])).content
    client.force_login(people["recused"])
    assert approve_url not in client.get(reverse("casework:case-detail", args=[case.pk])).content
    client.force_login(people["member"])
    assert approve_url in client.get(reverse("casework:case-detail", args=[case.pk])).content


def test_approving_another_version_than_the_one_in_approval_is_a_conflict(people, gmina, client):
    case = case_in(S.IN_APPROVAL, people, gmina)
    client.force_login(people["member"])
    url = reverse("casework:case-transition", args=[case.pk, "approve"])
    data = {"seen_status": case.status, "version": "b" * 64, "confirm": "1"}
    response = client.post(url, data)
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).status == S.IN_APPROVAL
    assert OpinionVersion.objects.get(advisory=case.advisory).approved_by is None


def test_a_member_of_another_committee_membership_is_recused_only_while_current(
    people, gmina, committee_body
):
    """Recusal follows *current* memberships: an ended job at the gmina does not recuse."""
    former = MembershipFactory(organisation=committee_body, user__email="former@example.pl").user
    MembershipFactory(
        organisation=gmina,
        user=former,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2021, 1, 1),
    )
    case = case_in(S.IN_APPROVAL, people, gmina)
    assert can(former, "approve", case)
    MembershipFactory(organisation=gmina, user=former)
    del former._esflow_roles_
    assert not can(former, "approve", Case.objects.get(pk=case.pk))
