"""One time zone in every log line, with its offset; `make run`'s log file takes the task
lines and leaves warnings (and the web server's requests) on the console."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# What a process with the project's settings logs, from a fresh interpreter: the settings
# decide the handlers when Django starts.
LOG_SOME_LINES = """
import logging, django
django.setup()
logging.getLogger("django_tasks").info("Task id=1 state=RUNNING")
logging.getLogger("workflows.worker").warning("Database unavailable")
logging.getLogger("django.server").info('"GET / HTTP/1.1" 200 1', extra={"status_code": 200})
"""
STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d([+-]\d{4})"


def _run(tmp_path: Path, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", LOG_SOME_LINES],
        cwd=Path(settings.BASE_DIR),
        env={
            **{k: v for k, v in os.environ.items() if k != "ESFLOW_LOG_FILE"},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ESFLOW_VAR_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr


def _offsets(text: str) -> set[str]:
    return set(re.findall(rf"^{STAMP} ", text, flags=re.MULTILINE))


def test_every_line_has_the_time_with_the_offset_of_the_settings_time_zone(tmp_path):
    # The environment says UTC, as honcho's did: Django's TIME_ZONE wins in its processes.
    console = _run(tmp_path, TZ="UTC")
    lines = console.strip().splitlines()
    assert len(lines) == 3
    for line in lines:
        assert re.match(STAMP + " ", line), line
    # Europe/Warsaw is UTC+1 in winter and UTC+2 in summer: never +0000.
    assert len(_offsets(console)) == 1
    assert _offsets(console) <= {"+0100", "+0200"}


def test_the_log_file_takes_the_task_lines_and_the_console_keeps_warnings(tmp_path):
    log_file = tmp_path / "log" / "esflow.log"
    console = _run(tmp_path, TZ="UTC", ESFLOW_LOG_FILE=str(log_file))
    logged = log_file.read_text()
    assert "Task id=1 state=RUNNING" in logged
    assert "Database unavailable" in logged
    assert "Task id=1" not in console
    assert "WARNING workflows.worker" in console
    assert '"GET / HTTP/1.1" 200 1' in console
    assert _offsets(logged) == _offsets(console)


def test_make_run_gives_honcho_and_the_wrapper_the_time_zone_of_the_settings():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert f"run: export TZ = {settings.TIME_ZONE}\n" in makefile
    procfile = (Path(settings.BASE_DIR) / "Procfile").read_text()
    commands = [line for line in procfile.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 4  # web, worker, tick, relay
    for line in commands:
        assert " scripts/respawn.py " in line, line
