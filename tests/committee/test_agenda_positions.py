"""Agenda items of one meeting get distinct numbers: ``agenda_item_add`` locks the meeting row
before it reads the next position, and a unique constraint on (meeting, position) is the last
line. Two secretaries adding items at once get 1, 2, … with nothing refused (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from committee.constants import MajorityRule
from committee.models import AgendaItem
from committee.services import agenda_item_add, meeting_schedule

START = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)
ATTEMPTS = 6


def schedule(body, actor):
    return meeting_schedule(
        body=body,
        actor=actor,
        title="Posiedzenie nr 10",
        starts_at=START,
        ends_at=START + datetime.timedelta(hours=2),
        place="ROPS Kielce",
    )


@pytest.mark.django_db
def test_items_added_one_after_another_are_numbered_in_order(body, seated):
    meeting = schedule(body, seated["secretary"])
    for n in range(3):
        agenda_item_add(meeting=meeting, actor=seated["secretary"], title=f"Punkt {n}")
    assert list(meeting.items.values_list("position", "title")) == [
        (1, "Punkt 0"),
        (2, "Punkt 1"),
        (3, "Punkt 2"),
    ]


@pytest.mark.django_db
def test_the_database_refuses_two_items_at_one_position(body, seated):
    meeting = schedule(body, seated["secretary"])
    agenda_item_add(meeting=meeting, actor=seated["secretary"], title="Pierwszy")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=meeting, position=1, title="Drugi", majority=MajorityRule.SIMPLE
        )
    assert meeting.items.count() == 1
    # Another meeting numbers from 1 on its own.
    other = schedule(body, seated["secretary"])
    assert agenda_item_add(meeting=other, actor=seated["secretary"], title="X").position == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.pg_only
def test_items_added_at_once_get_distinct_positions(body, seated):
    meeting = schedule(body, seated["secretary"])
    actors = [seated["secretary"], seated["chair"]]
    barrier = threading.Barrier(ATTEMPTS)
    errors = []

    def target(n):
        try:
            barrier.wait()
            agenda_item_add(meeting=meeting, actor=actors[n % 2], title=f"Punkt {n}")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(ATTEMPTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    positions = sorted(meeting.items.values_list("position", flat=True))
    assert positions == list(range(1, ATTEMPTS + 1))
