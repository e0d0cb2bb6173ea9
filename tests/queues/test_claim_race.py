"""Two advisors claiming the same case at the same moment (real threads and connections on
PostgreSQL): one owner, one event, and a clear message naming the owner for the other."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from casework.models import Case, CaseEvent
from casework.queues.services import case_claim
from directory.constants import MembershipRole
from tests.factories import MembershipFactory
from workflows.exceptions import TransitionRefused

from .factories import make_case

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

TRIALS = 25


def _run_pair(work):
    errors = []

    def target(i):
        try:
            work(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


@pytest.fixture
def two_advisors(rops):
    return [
        MembershipFactory(
            organisation=rops,
            role=MembershipRole.ADVISOR,
            user__email=f"doradca{i}@example.pl",
            user__full_name=f"Doradca Numer{i}",
        ).user
        for i in (1, 2)
    ]


def test_two_simultaneous_claims_over_http_leave_one_owner_and_one_event(
    two_advisors, coordinator, gmina_org
):
    cases = [
        make_case(organisation=gmina_org, filed_by=coordinator, extras=False) for _ in range(TRIALS)
    ]
    barrier = threading.Barrier(2)
    messages: dict[tuple[int, int], list[str]] = {}
    lock = threading.Lock()

    def work(i):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(two_advisors[i])
        for case in cases:
            url = reverse("casework:queue-claim", args=[case.pk])
            barrier.wait()
            response = client.post(url, {"claim": "submitted"}, follow=True)
            with lock:
                # The page itself (response.context is shared between threads by a signal).
                messages[(case.pk, i)] = [response.content.decode()]

    _run_pair(work)

    for case in cases:
        case.refresh_from_db()
        assert case.assignee_id in {a.pk for a in two_advisors}
        assert CaseEvent.objects.filter(case=case, action="accept").count() == 1
        winner = next(i for i, a in enumerate(two_advisors) if a.pk == case.assignee_id)
        loser = 1 - winner
        assert any("is now yours" in m for m in messages[(case.pk, winner)])
        assert any(
            "Someone else has just taken this case" in m and f"Numer{winner + 1}" in m
            for m in messages[(case.pk, loser)]
        ), messages[(case.pk, loser)]


def test_two_simultaneous_claims_through_the_service_have_one_winner(
    two_advisors, coordinator, gmina_org
):
    cases = [
        make_case(organisation=gmina_org, filed_by=coordinator, extras=False) for _ in range(TRIALS)
    ]
    barrier = threading.Barrier(2)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def work(i):
        for case in cases:
            seen = Case.objects.get(pk=case.pk)
            barrier.wait()
            try:
                case_claim(case=seen, actor=two_advisors[i], seen_status=seen.status)
                outcome = "won"
            except TransitionRefused as refused:
                outcome = "taken" if "Numer" in str(refused.message) else str(refused.message)
            with lock:
                outcomes.append((case.pk, outcome))

    _run_pair(work)

    per_case = Counter(outcomes)
    for case in cases:
        assert per_case[(case.pk, "won")] == 1
        assert per_case[(case.pk, "taken")] == 1
    assert CaseEvent.objects.filter(action="accept").count() == TRIALS
