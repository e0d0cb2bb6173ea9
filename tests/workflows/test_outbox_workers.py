"""On PostgreSQL: concurrent workers and ticks never run a job twice; a killed worker's job
is completed by the next tick."""

import datetime
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from workflows import outbox
from workflows.constants import OutboxStatus
from workflows.models import OutboxRow
from workflows.outbox import outbox_add, outbox_rehand, outbox_run, register_handler

from .test_concurrency import THREADS, run_in_threads

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

runs: Counter = Counter()
runs_lock = threading.Lock()


def _count(row):
    with runs_lock:
        runs[row.pk] += 1


@pytest.fixture(autouse=True)
def _handler():
    runs.clear()
    register_handler("test.count", _count)
    yield
    outbox._handlers.pop("test.count", None)


def _rows(n):
    with transaction.atomic():
        return [outbox_add(topic="test.count", key=f"job{i}", payload={}).pk for i in range(n)]


def test_many_workers_and_ticks_at_once_run_each_job_exactly_once():
    ids = _rows(40)
    barrier = threading.Barrier(THREADS)

    def work(i):
        barrier.wait()
        if i % 2:
            call_command("tick", stdout=io.StringIO())
        else:
            for row_id in ids if i % 4 else reversed(ids):
                outbox_run(row_id)

    run_in_threads(work)
    outbox_rehand()
    assert runs == Counter(dict.fromkeys(ids, 1))
    assert set(OutboxRow.objects.values_list("status", flat=True)) == {OutboxStatus.DONE}


WORKER_SCRIPT = """
import sys, time, django
django.setup()
from workflows.outbox import outbox_run, register_handler
from casework.models import Notification

def slow(row):
    Notification.objects.create(key="killed-worker-effect", recipient_id=int(sys.argv[2]),
                                verb="x")
    time.sleep(600)

register_handler("test.count", slow)
outbox_run(int(sys.argv[1]))
"""


def test_a_killed_worker_leaves_the_job_to_the_next_tick(municipality_user):
    from casework.models import Notification

    (row_id,) = _rows(1)
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER_SCRIPT, str(row_id), str(municipality_user.pk)],
        cwd=Path(settings.BASE_DIR),
        env=env,
    )
    try:
        for _ in range(600):  # the worker claims the row, then hangs inside its job
            if OutboxRow.objects.get(pk=row_id).status == OutboxStatus.RUNNING:
                break
            time.sleep(0.05)
        assert OutboxRow.objects.get(pk=row_id).status == OutboxStatus.RUNNING
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()

    # While the dead worker's lease holds, tick leaves the row alone …
    call_command("tick", stdout=io.StringIO())
    assert runs[row_id] == 0
    # … once it has expired the row counts as pending again and the next tick does it.
    OutboxRow.objects.filter(pk=row_id).update(
        lease_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    row = OutboxRow.objects.get(pk=row_id)
    assert (row.status, runs[row_id]) == (OutboxStatus.DONE, 1)
    # The killed worker's half-done work never committed.
    assert not Notification.objects.filter(key="killed-worker-effect").exists()
