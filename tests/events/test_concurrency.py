"""Twice the capacity of concurrent registrations on PostgreSQL: exactly ``capacity`` places
are held and the rest wait, in the order they were decided."""

import threading

import pytest
from django.db import connection

from events.constants import HOLDS_PLACE, RegistrationStatus
from events.services import register

from .conftest import make_event, person

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

CAPACITY = 6


def test_twice_the_capacity_at_once_fills_exactly_the_capacity():
    event = make_event(capacity=CAPACITY)
    barrier = threading.Barrier(2 * CAPACITY)
    errors = []

    def target(i):
        try:
            barrier.wait()
            register(event, data=person(i))
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(2 * CAPACITY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    regs = list(event.registrations.order_by("created_at", "pk"))
    held = [r for r in regs if r.status in HOLDS_PLACE]
    waiting = [r for r in regs if r.status == RegistrationStatus.WAITING]
    assert len(held) == CAPACITY
    assert len(waiting) == CAPACITY
    # Decided one at a time under the event's lock: every held place came before every wait.
    assert max(r.created_at for r in held) < min(r.created_at for r in waiting)
