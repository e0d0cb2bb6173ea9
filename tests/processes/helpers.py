"""Starting ``manage.py worker`` and ``manage.py tick --loop`` as real processes on the test
database (its data must be committed: the tests using these are transactional)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult


def database_url() -> str:
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{params['NAME']}"
    return "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**params)


def start(args: list[str], log: Path, **extra_env: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "ESFLOW_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": "dummy://",
        "PYTHONUNBUFFERED": "1",
        **extra_env,
    }
    env.pop("ESFLOW_LOG_FILE", None)
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=Path(settings.BASE_DIR),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def start_worker(log: Path) -> subprocess.Popen:
    return start(
        [os.environ.get("ESFLOW_TEST_WORKER", "worker"), "--no-startup-delay", "--interval", "0.2"],
        log,
    )


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"Not within {timeout} s: {what}")


def status_of(result) -> str:
    return DBTaskResult.objects.get(pk=result.id).status


def stop(process: subprocess.Popen) -> None:
    """Leave no process behind, whatever the test did."""
    if process.poll() is None:
        process.kill()
        process.wait()
