"""What one transition costs in statements: a fixed handful, whatever the size of the data.

Lock the row, check the chosen assignee, one UPDATE, one event, one INSERT for all outbox rows
(on PostgreSQL these three are one statement, workflows.writes) — no task row (the relay runs
the rows, ``manage.py relay``), no statement per staff member, per recipient or to open and
close the status gate.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from casework.models import CaseEvent
from directory.constants import MembershipRole
from tests.casework.factories import draft_case
from tests.factories import MembershipFactory
from workflows.constants import OutboxStatus
from workflows.models import OutboxRow
from workflows.outbox import outbox_rehand
from workflows.services import transition_apply

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def in_review(clock, gmina_org, municipality_user, advisor):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    case = transition_apply(
        case=case, expected_status=case.status, name="submit", actor=municipality_user, data={}
    )
    case = transition_apply(
        case=case, expected_status=case.status, name="accept", actor=advisor, data={}
    )
    # What getting here queued (the assignee's notification) is not the test's transition.
    OutboxRow.objects.all().delete()
    DBTaskResult.objects.all().delete()
    return case


def statements(fn) -> list[str]:
    """The SQL statements ``fn`` runs, without transaction control."""
    with CaptureQueriesContext(connection) as captured:
        fn()
    skip = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")
    return [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(skip)]


def reassign(case, coordinator, assignee):
    # A fresh actor, as in a request: its roles are not cached yet.
    actor = type(coordinator).objects.get(pk=coordinator.pk)
    return lambda: transition_apply(
        case=case,
        expected_status=case.status,
        name="reassign",
        actor=actor,
        data={"assignee": assignee.pk},
    )


def test_a_reassignment_is_lock_roles_check_update_event_and_its_notification(
    in_review, coordinator
):
    run = statements(reassign(in_review, coordinator, coordinator))
    if connection.vendor == "postgresql":
        # The UPDATE, the event and its outbox row are one statement (workflows.writes).
        assert len(run) == 4, run
        lock, actor_roles, check, write = run
        assert write.startswith('WITH up AS (UPDATE "casework_case" SET ')
        where = f'WHERE "id" = {in_review.pk} AND "status" = \'in_review\' RETURNING "id")'
        assert where in write
        assert "set_config" in write  # the status through the trigger's gate
        assert ' ev AS (INSERT INTO "casework_caseevent" ' in write
        assert "FROM up " in write  # no event unless the row was updated
        assert ' outbox AS (INSERT INTO "workflows_outboxrow" ' in write
        assert "FROM ev, (VALUES " in write
        assert write.count("INSERT INTO") == 2
        assert write.count("UPDATE") == 1
    else:
        assert len(run) == 6, run
        lock, actor_roles, check, update, event, outbox = run
        assert update.startswith('UPDATE "casework_case"')
        assert event.startswith('INSERT INTO "casework_caseevent"')
        assert outbox.startswith('INSERT INTO "workflows_outboxrow"')
    assert lock.startswith('SELECT "casework_case"')
    # SQLite has no row locks: its transactions take the write lock at BEGIN (IMMEDIATE).
    assert "FOR UPDATE" in lock or connection.vendor == "sqlite"
    assert actor_roles.startswith("SELECT")
    assert "directory_membership" in actor_roles
    assert check.startswith("SELECT")
    assert "directory_membership" in check
    # The new assignee is told: one outbox row, which the relay runs (no task row).
    assert not any("django_tasks_database_dbtaskresult" in sql for sql in run)
    assert not any("set_config" in sql and sql.startswith("SELECT") for sql in run)
    event = CaseEvent.objects.get(case=in_review, action="reassign")
    row = OutboxRow.objects.get()
    assert row.key == f"casework.caseevent:{event.pk}:workflows.notify:assigned:{coordinator.pk}"
    assert row.payload["event_id"] == event.pk
    assert row.status == OutboxStatus.PENDING
    assert not DBTaskResult.objects.exists()
    assert outbox_rehand() == 1  # what the relay does every second
    assert OutboxRow.objects.get().status == OutboxStatus.DONE


def test_the_statements_do_not_grow_with_the_number_of_staff(in_review, coordinator, advisor, rops):
    few = len(statements(reassign(in_review, coordinator, coordinator)))
    for _ in range(25):
        MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR)
    in_review.refresh_from_db()
    many = len(statements(reassign(in_review, coordinator, advisor)))
    assert few == many


def test_all_outbox_rows_of_a_transition_are_one_insert_and_no_task_row(
    settings, in_review, coordinator, gmina_org
):
    settings.TASKS = DATABASE_TASKS
    for _ in range(2):
        MembershipFactory(organisation=gmina_org)  # three requester members to tell
    run = statements(
        lambda: transition_apply(
            case=in_review,
            expected_status=in_review.status,
            name="request_info",
            actor=coordinator,
            data={"question": "?"},
        )
    )
    outbox_inserts = [sql for sql in run if 'INSERT INTO "workflows_outboxrow"' in sql]
    task_inserts = [sql for sql in run if "django_tasks_database_dbtaskresult" in sql]
    assert (len(outbox_inserts), len(task_inserts)) == (1, 0)
    event = CaseEvent.objects.get(case=in_review, action="request_info")
    rows = OutboxRow.objects.filter(key__startswith=f"casework.caseevent:{event.pk}:")
    assert rows.count() == 3
    assert {row.payload["event_id"] for row in rows} == {event.pk}
    assert outbox_rehand() == 3  # the relay runs all three


def test_the_outbox_rows_are_rolled_back_with_the_transition(
    settings, in_review, coordinator, gmina_org
):
    settings.TASKS = DATABASE_TASKS

    with transaction.atomic():
        transition_apply(
            case=in_review,
            expected_status=in_review.status,
            name="request_info",
            actor=coordinator,
            data={"question": "?"},
        )
        assert OutboxRow.objects.count() == 1
        transaction.set_rollback(True)
    assert not DBTaskResult.objects.exists()
    assert not OutboxRow.objects.exists()
    in_review.refresh_from_db()
    assert in_review.status == "in_review"


def test_another_task_backend_gets_the_rows_after_the_commit(
    settings, in_review, coordinator, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE_TASKS
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition_apply(
            case=in_review,
            expected_status=in_review.status,
            name="request_info",
            actor=coordinator,
            data={"question": "?"},
        )
        assert OutboxRow.objects.get().status == OutboxStatus.PENDING
    assert len(callbacks) == 1
    callbacks[0]()
    assert OutboxRow.objects.get().status == OutboxStatus.DONE
