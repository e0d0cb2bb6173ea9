"""One member voting twice at once in a circular procedure gives one vote (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from committee.models import Vote
from committee.services import CommitteeRefused, procedure_open, procedure_vote

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

ATTEMPTS = 4


def test_one_member_voting_twice_at_once_gives_one_vote(body, seated):
    procedure = procedure_open(
        body=body,
        actor=seated["chair"],
        title="stanowiska",
        draft="§ 1.",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    member = seated["members"][0]
    barrier = threading.Barrier(ATTEMPTS)
    refused, errors = [], []

    def target(choice):
        try:
            barrier.wait()
            procedure_vote(procedure=procedure, member=member, choice=choice)
        except CommitteeRefused as exc:
            refused.append(exc)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    choices = ["for", "against"] * (ATTEMPTS // 2)
    threads = [threading.Thread(target=target, args=(c,)) for c in choices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(refused) == ATTEMPTS - 1
    assert Vote.objects.filter(procedure=procedure, member=member).count() == 1
