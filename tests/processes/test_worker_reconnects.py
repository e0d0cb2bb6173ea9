"""In one process: a database error that cuts a task off (the task and the worker's own write
of its failure both fail) does not end ``manage.py worker``: it waits, reconnects and runs the
task again, which went back to READY."""

import pytest
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from workflows.management.commands.worker import SafeWorker

from . import tasks

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_task_cut_off_by_a_database_error_is_released_and_run_again(monkeypatch):
    result = tasks.flaky.enqueue("done")
    tasks.outages["left"] = 1
    set_failed = DBTaskResult.set_failed
    failing = {"left": 1}

    def set_failed_while_the_database_is_away(self, exc):
        if failing["left"]:
            failing["left"] -= 1
            raise OperationalError("the database is away")
        return set_failed(self, exc)

    monkeypatch.setattr(DBTaskResult, "set_failed", set_failed_while_the_database_is_away)
    worker = SafeWorker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()  # the cut-off run, one second's wait, the release, the run that succeeds

    task = DBTaskResult.objects.get(pk=result.id)
    assert (task.status, task.return_value) == ("SUCCESSFUL", "done")
    assert task.worker_ids == ["test-worker", "test-worker"]
    assert failing["left"] == 0
