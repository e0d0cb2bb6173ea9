"""The transition's writes (workflows.writes): the same rows on PostgreSQL's one statement as
through the ORM on SQLite."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from casework.models import Case, CaseEvent
from tests.casework.factories import draft_case
from workflows.models import OutboxRow
from workflows.writes import transition_write

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(clock, gmina_org, municipality_user):
    return draft_case(organisation=gmina_org, filed_by=municipality_user)


def write(case, actor, *, old_status, jobs):
    with transaction.atomic():
        return transition_write(
            case,
            old_status=old_status,
            changes={"status": "submitted", "title": "New title"},
            event_model=CaseEvent,
            event={
                "case": case,
                "actor": actor,
                "action": "submit",
                "from_status": case.status,
                "to_status": "submitted",
                "data": {"n": 1},
            },
            jobs=jobs,
        )


def test_the_row_the_event_and_its_outbox_rows(case, municipality_user):
    jobs = [
        ("test.record", "a", {"n": 1}),
        ("test.record", "b", {"n": 2}),
        ("test.record", "a", {"n": 3}),  # the same key: the first wins
        ("test.other", "a", {}),
    ]
    assert write(case, municipality_user, old_status=case.status, jobs=jobs)
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.title) == ("submitted", "New title")
    event = CaseEvent.objects.get(case=case)
    assert (event.actor, event.action, event.from_status, event.to_status, event.data) == (
        municipality_user,
        "submit",
        "draft",
        "submitted",
        {"n": 1},
    )
    rows = {row.key: row for row in OutboxRow.objects.all()}
    prefix = f"casework.caseevent:{event.pk}:"
    assert set(rows) == {
        prefix + "test.record:a",
        prefix + "test.record:b",
        prefix + "test.other:a",
    }
    in_order = list(OutboxRow.objects.order_by("pk").values_list("key", flat=True))
    assert in_order == [prefix + "test.record:a", prefix + "test.record:b", prefix + "test.other:a"]
    assert rows[prefix + "test.record:a"].payload == {"n": 1, "event_id": event.pk}
    assert rows[prefix + "test.record:b"].payload == {"n": 2, "event_id": event.pk}
    assert rows[prefix + "test.other:a"].topic == "test.other"
    assert {row.status for row in rows.values()} == {"pending"}
    assert {row.attempts for row in rows.values()} == {0}
    # No task row: the relay (manage.py relay) runs the rows (workflows.outbox.hand_off_new).
    assert not DBTaskResult.objects.exists()


def test_no_jobs_is_the_row_and_the_event_alone(case, municipality_user):
    assert write(case, municipality_user, old_status=case.status, jobs=[])
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert not OutboxRow.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_another_status_writes_nothing(case, municipality_user):
    assert not write(case, municipality_user, old_status="submitted", jobs=[("t", "a", {})])
    stored = Case.objects.get(pk=case.pk)
    assert (stored.status, stored.title) == (case.status, case.title)
    assert not CaseEvent.objects.filter(case=case).exists()
    assert not OutboxRow.objects.exists()
    assert not DBTaskResult.objects.exists()
