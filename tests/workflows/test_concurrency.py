"""Real threads and connections on PostgreSQL: one winner per race, numbers never duplicated."""

import datetime
import threading
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from casework.models import Case, CaseEvent
from tests.casework.factories import TEST_KIND, draft_case
from workflows.exceptions import TransitionRefused
from workflows.numbering import number_allocate
from workflows.services import transition_apply

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

THREADS = 8
TRIALS = 200


def run_in_threads(work, n=THREADS):
    """Run ``work(index)`` in n threads; each closes its connection; re-raise any error."""
    errors = []

    def target(i):
        try:
            work(i)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def test_eight_threads_firing_one_transition_have_exactly_one_winner_per_trial(
    gmina_org, municipality_user
):
    case_ids = [
        draft_case(organisation=gmina_org, filed_by=municipality_user, title=f"Sprawa {i}").pk
        for i in range(TRIALS)
    ]
    barrier = threading.Barrier(THREADS)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def work(_):
        for case_id in case_ids:
            case = Case.objects.get(pk=case_id)  # everyone sees the draft…
            barrier.wait()  # …then all fire at once
            try:
                transition_apply(
                    case=case,
                    expected_status=case.status,
                    name="submit",
                    actor=municipality_user,
                    data={},
                )
                outcome = "won"
            except TransitionRefused as exc:
                outcome = exc.code
            with lock:
                outcomes.append((case_id, outcome))

    run_in_threads(work)

    per_case = {case_id: Counter() for case_id in case_ids}
    for case_id, outcome in outcomes:
        per_case[case_id][outcome] += 1
    assert all(c == Counter(won=1, conflict=THREADS - 1) for c in per_case.values())
    events = Counter(CaseEvent.objects.values_list("case_id", flat=True))
    assert events == Counter(dict.fromkeys(case_ids, 1))
    numbers = sorted(Case.objects.values_list("number_seq", flat=True))
    assert numbers == list(range(1, TRIALS + 1))


def test_eight_threads_submitting_eight_cases_get_eight_consecutive_numbers(
    gmina_org, municipality_user
):
    cases = [
        draft_case(organisation=gmina_org, filed_by=municipality_user, title=f"Sprawa {i}")
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)

    def work(i):
        barrier.wait()
        transition_apply(
            case=cases[i],
            expected_status=cases[i].status,
            name="submit",
            actor=municipality_user,
            data={},
        )

    run_in_threads(work)
    rows = list(Case.objects.values_list("number_year", "number_seq", "number"))
    assert sorted(seq for _, seq, _ in rows) == list(range(1, THREADS + 1))
    assert len({number for *_, number in rows}) == THREADS


def test_numbering_across_the_turn_of_the_year_starts_again_at_one():
    warsaw = ZoneInfo("Europe/Warsaw")
    before = datetime.datetime(2030, 12, 31, 23, 59, tzinfo=warsaw)
    # 23:30 UTC on 31 December is already 1 January in Warsaw.
    after = datetime.datetime(2030, 12, 31, 23, 30, tzinfo=datetime.UTC)
    barrier = threading.Barrier(THREADS)
    got: list[tuple[int, int]] = []
    lock = threading.Lock()

    def work(i):
        barrier.wait()
        with transaction.atomic():
            pair = number_allocate(kind=TEST_KIND, at=before if i % 2 else after)
        with lock:
            got.append(pair)

    run_in_threads(work)
    assert sorted(got) == [(year, seq) for year in (2030, 2031) for seq in range(1, 5)]
