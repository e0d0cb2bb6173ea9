"""scripts/respawn.py, which every Procfile line runs through: a command that exits is started
again (honcho alone stops all on one exit); a signal stops the command and the wrapper."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

RESPAWN = Path(settings.BASE_DIR) / "scripts" / "respawn.py"


def _respawn(code: str, tmp_path: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(RESPAWN), sys.executable, "-c", code],
        env={**os.environ, "RESPAWN_FIRST_DELAY": "0.1", **env},
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_command_that_exits_is_started_again_until_the_wrapper_is_stopped(tmp_path):
    wrapper = _respawn("open('runs', 'a').write('x'); raise SystemExit(3)", tmp_path)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(_read(tmp_path / "runs")) < 3:
            time.sleep(0.05)
        assert len(_read(tmp_path / "runs")) >= 3
        wrapper.send_signal(signal.SIGTERM)
        _, stderr = wrapper.communicate(timeout=10)
    finally:
        wrapper.kill()
    assert wrapper.returncode == 0
    assert "exited with 3" in stderr
    assert "starting it again in 0.1 s" in stderr
    assert "starting it again in 0.2 s" in stderr  # the pause doubles
    runs = len(_read(tmp_path / "runs"))
    time.sleep(0.5)
    assert len(_read(tmp_path / "runs")) == runs  # stopped for good


STAYS_UP = """
import signal, sys, time
def stop(signum, frame):
    open('stopped', 'a').write(signal.Signals(signum).name + '\\n')
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
open('started', 'a').write('x')
time.sleep(600)
"""


def test_a_signal_is_passed_on_as_sigterm_and_nothing_is_restarted(tmp_path):
    wrapper = _respawn(STAYS_UP, tmp_path)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and _read(tmp_path / "started") != "x":
            time.sleep(0.05)
        wrapper.send_signal(signal.SIGINT)  # Ctrl+C
        wrapper.communicate(timeout=10)
    finally:
        wrapper.kill()
    assert wrapper.returncode == 0
    assert _read(tmp_path / "stopped") == "SIGTERM\n"
    assert _read(tmp_path / "started") == "x"


def test_a_command_that_ignores_sigterm_is_killed_after_the_grace_period(tmp_path):
    code = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    code += "open('started', 'w').close(); time.sleep(600)"
    wrapper = _respawn(code, tmp_path, RESPAWN_GRACE="1")
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (tmp_path / "started").exists():
            time.sleep(0.05)
        started = time.monotonic()
        wrapper.send_signal(signal.SIGTERM)
        _, stderr = wrapper.communicate(timeout=10)
    finally:
        wrapper.kill()
    assert time.monotonic() - started < 6
    assert wrapper.returncode == 0
    assert "still running 1 s after SIGTERM; killing it" in stderr


def _read(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def test_under_honcho_one_process_exiting_leaves_the_others_running(tmp_path):
    """As `make run` starts the Procfile: honcho alone stops all on one exit; wrapped, the
    process that exits is started again, and Ctrl+C still stops everything."""
    python, respawn = sys.executable, str(RESPAWN)
    (tmp_path / "Procfile").write_text(
        f"crashes: exec {python} {respawn} {python} -c \"open('crashes', 'a').write('x')\"\n"
        f"stays: exec {python} {respawn} {python} -c "
        "\"import time; open('stays', 'a').write('x'); time.sleep(600)\"\n"
    )
    honcho = subprocess.Popen(
        [str(Path(sys.executable).parent / "honcho"), "-f", "Procfile", "start"],
        cwd=tmp_path,
        env={**os.environ, "RESPAWN_FIRST_DELAY": "0.1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            len(_read(tmp_path / "crashes")) < 3 or not _read(tmp_path / "stays")
        ):
            time.sleep(0.1)
        assert len(_read(tmp_path / "crashes")) >= 3
        assert honcho.poll() is None
        assert _read(tmp_path / "stays") == "x"  # started once, never stopped
        honcho.send_signal(signal.SIGINT)
        started = time.monotonic()
        output, _ = honcho.communicate(timeout=20)
    finally:
        honcho.kill()
    assert time.monotonic() - started < 8
    assert "exited with 0" in output
    assert "SIGINT received" in output
