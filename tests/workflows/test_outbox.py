"""The outbox contract: idempotent add, one run per row, retries, lease take-over, tick."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from workflows import outbox
from workflows.constants import OutboxStatus
from workflows.models import OutboxRow
from workflows.outbox import (
    outbox_add,
    outbox_add_new,
    outbox_claim,
    outbox_run,
    register_handler,
)

pytestmark = pytest.mark.django_db

calls: list[int] = []


def _record(row):
    calls.append(row.pk)


def _explode(row):
    raise ValueError("boom")


@pytest.fixture(autouse=True)
def _handlers():
    calls.clear()
    register_handler("test.record", _record)
    register_handler("test.explode", _explode)
    yield
    outbox._handlers.pop("test.record", None)
    outbox._handlers.pop("test.explode", None)


def _add(key="k1", topic="test.record"):
    with transaction.atomic():
        return outbox_add(topic=topic, key=key, payload={"n": 1})


@pytest.mark.django_db(transaction=True)
def test_outbox_add_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        outbox_add(topic="test.record", key="x", payload={})
    assert not OutboxRow.objects.exists()


def test_second_add_with_the_same_key_returns_the_existing_row():
    first = _add("same")
    second = _add("same")
    assert first.pk == second.pk
    assert OutboxRow.objects.filter(key="same").count() == 1


def test_add_hands_the_row_to_a_task_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        _add("handed")
    assert len(callbacks) == 1


def test_run_does_the_job_once_and_marks_it_done():
    row = _add()
    assert outbox_run(row.pk) is True
    assert outbox_run(row.pk) is False
    row.refresh_from_db()
    assert row.status == OutboxStatus.DONE
    assert row.done_at is not None
    assert calls == [row.pk]


def test_a_failing_job_goes_back_to_pending_with_the_error_until_max_attempts():
    row = _add("bad", topic="test.explode")
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        OutboxRow.objects.filter(pk=row.pk).update(available_at=timezone.now())
        assert outbox_run(row.pk) is False
        row.refresh_from_db()
        assert row.attempts == attempt
        assert "boom" in row.last_error
    assert row.status == OutboxStatus.FAILED


def test_a_row_without_handler_fails_with_a_clear_error():
    row = _add("orphan", topic="test.nobody")
    outbox_run(row.pk)
    row.refresh_from_db()
    assert row.status == OutboxStatus.PENDING
    assert "test.nobody" in row.last_error


def test_a_claimed_row_cannot_be_claimed_again_while_its_lease_holds():
    row = _add()
    assert outbox_claim(row.pk) is not None
    assert outbox_claim(row.pk) is None
    assert outbox_run(row.pk) is False
    assert calls == []


def test_a_dead_workers_row_is_completed_by_the_next_tick():
    row = _add()
    # A worker claims the row and dies: nothing marks it done, its lease runs out.
    assert outbox_claim(row.pk) is not None
    OutboxRow.objects.filter(pk=row.pk).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("tick", stdout=io.StringIO())
    row.refresh_from_db()
    assert row.status == OutboxStatus.DONE
    assert calls == [row.pk]


def test_running_tick_twice_runs_each_job_once():
    rows = [_add(f"t{i}") for i in range(3)]
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    assert sorted(calls) == sorted(r.pk for r in rows)


def test_the_old_worker_cannot_mark_done_a_row_another_worker_took_over():
    row = _add()
    outbox_claim(row.pk)
    OutboxRow.objects.filter(pk=row.pk).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    # A second worker takes the row over; the first one's heartbeat now fails.
    assert outbox_claim(row.pk) is not None
    stale = OutboxRow(pk=row.pk, lease_token="not-the-current-token")
    with pytest.raises(outbox.LeaseLost):
        outbox.outbox_heartbeat(stale)


def test_after_commit_the_task_backend_runs_the_row(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        row = _add("immediate")
    row.refresh_from_db()
    assert row.status == OutboxStatus.DONE
    assert calls == [row.pk]


def test_with_the_database_backend_the_row_waits_for_a_worker(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        row = _add("queued")
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [row.pk]
    assert OutboxRow.objects.get(pk=row.pk).status == OutboxStatus.PENDING


def test_add_new_writes_many_jobs_in_one_insert_and_keeps_the_first_of_a_repeated_key(
    settings, django_assert_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    jobs = [
        ("test.record", "many:1", {"n": 1}),
        ("test.record", "many:2", {"n": 2}),
        ("test.record", "many:1", {"n": 3}),
    ]
    with transaction.atomic(), django_assert_num_queries(1):
        rows = outbox_add_new(jobs)
    assert [row.key for row in rows] == ["many:1", "many:2"]
    assert all(row.pk for row in rows)
    assert OutboxRow.objects.get(key="many:1").payload == {"n": 1}


@pytest.mark.django_db(transaction=True)
def test_add_new_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside a transaction"):
        outbox_add_new([("test.record", "x", {})])
    assert not OutboxRow.objects.exists()


def test_add_new_refuses_a_key_that_already_exists():
    _add("taken")
    with pytest.raises(IntegrityError), transaction.atomic():
        outbox_add_new([("test.record", "taken", {"n": 2})])
    assert OutboxRow.objects.get(key="taken").payload == {"n": 1}


def test_add_new_of_nothing_does_nothing(django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(0):
        assert outbox_add_new([]) == []


def test_add_new_with_the_database_backend_leaves_the_rows_to_the_relay(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        rows = outbox_add_new([("test.record", f"db:{i}", {}) for i in range(3)])
    assert not callbacks
    assert not DBTaskResult.objects.exists()
    assert set(OutboxRow.objects.values_list("status", flat=True)) == {OutboxStatus.PENDING}
    # manage.py relay, every second: each row once, oldest first.
    call_command("relay", "--once", stdout=io.StringIO())
    assert calls == [row.pk for row in rows]
    assert set(OutboxRow.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}
    call_command("relay", "--once", stdout=io.StringIO())
    assert calls == [row.pk for row in rows]  # nothing twice


def test_the_batch_task_runs_each_row_once(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        rows = outbox_add_new([("test.record", f"im:{i}", {}) for i in range(2)])
    assert sorted(calls) == sorted(row.pk for row in rows)
    assert set(OutboxRow.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}
