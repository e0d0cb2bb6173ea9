"""Must-hold 1 of issue 14: PostgreSQL restarts under a running worker and ``tick --loop``;
both carry on — the work queued after the restart is done and both processes are alive.

The restart is real (``pg_ctlcluster <version> main restart``) when the cluster is local, we
are root, and no other database on the server has clients (CI runs the tests one at a time;
a restart would break a parallel run's tests). Otherwise — or with
``ESFLOW_TEST_DB_RESTART=outage`` — the test database alone goes away for a few seconds:
new connections are refused (``ALLOW_CONNECTIONS false``) and every open one is cut
(``pg_terminate_backend``), which the two processes meet just as they meet a restart.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection, transaction
from django.utils import timezone

from workflows.constants import OutboxStatus
from workflows.flows import NOTIFY_TOPIC
from workflows.models import OutboxRow

from .helpers import start, start_worker, status_of, stop, wait_for
from .tasks import nap

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.pg_only]

OUTAGE_SECONDS = 4


def _maintenance_connection() -> psycopg.Connection:
    """A connection to the server's ``postgres`` database, outside the test database."""
    params = connection.settings_dict
    return psycopg.connect(
        dbname="postgres",
        user=params["USER"],
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        autocommit=True,
    )


def _cluster() -> list[str] | None:
    """``pg_ctlcluster`` arguments, if a real restart of the local cluster is ours to do."""
    etc = Path("/etc/postgresql")
    if os.environ.get("ESFLOW_TEST_DB_RESTART") == "outage" or not shutil.which("pg_ctlcluster"):
        return None
    if os.geteuid() != 0 or connection.settings_dict["HOST"] not in ("127.0.0.1", "localhost"):
        return None
    versions = sorted(etc.iterdir()) if etc.is_dir() else []
    if len(versions) != 1 or not (versions[0] / "main").is_dir():
        return None
    with _maintenance_connection() as conn:
        others = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
            "AND datname <> %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        ).fetchone()[0]
    if others:
        return None
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0].name, "main"]


def _restart_database() -> str:
    cluster = _cluster()
    name = connection.settings_dict["NAME"]
    connection.close()
    if cluster:
        subprocess.run([*cluster, "restart", "--mode", "fast"], check=True, timeout=120)
        how = "restart"
    else:
        with _maintenance_connection() as conn:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            try:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    [name],
                )
                time.sleep(OUTAGE_SECONDS)
            finally:
                conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        how = "outage"

    def answers():
        try:
            connection.ensure_connection()
            return True
        except Exception:
            connection.close()
            return False

    wait_for(answers, 60, "the database answers again")
    return how


def _tick_job(label: str, user) -> int:
    """An outbox row with no task behind it: only ``tick`` runs it."""
    with transaction.atomic():
        return OutboxRow.objects.create(
            topic=NOTIFY_TOPIC,
            key=f"restart-test:{label}",
            payload={"recipient_id": user.pk, "verb": "submitted", "case_id": None},
            available_at=timezone.now(),
        ).pk


def _done(row_id: int) -> bool:
    return OutboxRow.objects.get(pk=row_id).status == OutboxStatus.DONE


def test_worker_and_tick_carry_on_through_a_database_restart(tmp_path, municipality_user):
    worker_log, tick_log = tmp_path / "worker.log", tmp_path / "tick.log"
    worker = start_worker(worker_log)
    tick = start(["tick", "--loop", "1"], tick_log)
    try:
        task_before = nap.enqueue(0, "before")
        row_before = _tick_job("before", municipality_user)
        wait_for(lambda: status_of(task_before) == "SUCCESSFUL", 60, "the worker ran a task")
        wait_for(lambda: _done(row_before), 60, "tick ran an outbox row")

        how = _restart_database()

        task_after = nap.enqueue(0, "after")
        row_after = _tick_job("after", municipality_user)
        # Their backoff is at most 30 s; on a restart they met errors at 1, 2, 4 … s.
        wait_for(lambda: status_of(task_after) == "SUCCESSFUL", 90, "the worker went on")
        wait_for(lambda: _done(row_after), 90, "tick went on")
        assert worker.poll() is None, worker_log.read_text()
        assert tick.poll() is None, tick_log.read_text()
    finally:
        stop(worker)
        stop(tick)
    for log in (worker_log, tick_log):
        text = log.read_text()
        # Each met the outage (and rode it out, not merely missed it between two polls).
        assert "Database unavailable" in text, (how, text)
        assert "Traceback" not in text, text
