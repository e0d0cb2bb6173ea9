"""``manage.py worker`` stops within seconds on SIGTERM or Ctrl+C, finishing its task; a
signal that lands while the worker writes to stderr neither breaks the task nor is lost
(issue 14: ``db_worker`` logged ``RuntimeError: reentrant call inside
<_io.BufferedWriter name='<stderr>'>`` and kept running)."""

import signal
import time

import pytest
from django_tasks_db.models import DBTaskResult

from .helpers import start_worker, status_of, stop, wait_for
from .tasks import chatter, nap

pytestmark = pytest.mark.django_db(transaction=True)


def _exits_within(worker, seconds: float) -> float:
    started = time.monotonic()
    worker.wait(timeout=seconds)
    return time.monotonic() - started


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_idle_worker_stops_within_seconds(tmp_path, signum):
    worker = start_worker(tmp_path / "worker.log")
    try:
        done = nap.enqueue(0, "warm-up")  # the worker is up once it has run this
        wait_for(lambda: status_of(done) == "SUCCESSFUL", 30, "the worker ran a task")
        worker.send_signal(signum)
        assert _exits_within(worker, 10) < 5
        assert worker.returncode == 0
    finally:
        stop(worker)
    assert f"Received {signal.Signals(signum).name}" in (tmp_path / "worker.log").read_text()


def test_a_running_task_is_finished_then_the_worker_stops(tmp_path):
    worker = start_worker(tmp_path / "worker.log")
    try:
        result = nap.enqueue(1.5, "finished")
        after = nap.enqueue(0, "not started")
        wait_for(lambda: status_of(result) == "RUNNING", 30, "the task started")
        # honcho signals the process group and the restart wrapper forwards the signal:
        # the worker gets it twice, which asks the same thing.
        worker.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        # The 1.5 s task, then the exit (a loaded test machine is slow to start and end).
        assert _exits_within(worker, 15) < 8
        assert worker.returncode == 0
    finally:
        stop(worker)
    task = DBTaskResult.objects.get(pk=result.id)
    assert (task.status, task.return_value) == ("SUCCESSFUL", "finished")
    # The task queued behind it was not taken: it is still ready for the next worker.
    assert status_of(after) == "READY"


def test_signals_landing_inside_writes_to_stderr_stop_the_worker_cleanly(tmp_path):
    log = tmp_path / "worker.log"
    worker = start_worker(log)
    try:
        result = chatter.enqueue(2.0)
        wait_for(lambda: status_of(result) == "RUNNING", 30, "the task started")
        time.sleep(0.3)
        for _ in range(5):  # several signals, each very likely inside a write
            worker.send_signal(signal.SIGTERM)
            time.sleep(0.05)
        assert _exits_within(worker, 15) < 8
        assert worker.returncode == 0
    finally:
        stop(worker)
    output = log.read_text()
    assert "chatter line" in output
    assert "reentrant call" not in output
    assert "Traceback" not in output
    task = DBTaskResult.objects.get(pk=result.id)
    assert task.status == "SUCCESSFUL"
    assert task.return_value > 1000


def test_a_task_that_outlives_the_stop_grace_is_put_back_in_the_queue(tmp_path):
    worker = start_worker(tmp_path / "worker.log")  # --stop-grace 3 (the default)
    try:
        result = nap.enqueue(60, "never")
        wait_for(lambda: status_of(result) == "RUNNING", 30, "the task started")
        worker.send_signal(signal.SIGTERM)
        # The 3 s grace, then the exit (a loaded test machine is slow to end).
        assert 2.5 < _exits_within(worker, 20) < 9
        assert worker.returncode == 0
    finally:
        stop(worker)
    task = DBTaskResult.objects.get(pk=result.id)
    assert (task.status, task.started_at, task.exception_class_path) == ("READY", None, "")
    assert "released: it will run again" in (tmp_path / "worker.log").read_text()
