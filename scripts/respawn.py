#!/usr/bin/env python3
"""Run a command, and start it again whenever it exits, until SIGTERM, SIGINT or SIGHUP.

    scripts/respawn.py COMMAND [ARG ...]

Each line of the Procfile runs through this, because honcho stops every process as soon as
one exits: wrapped, a process that exits (a crash, a database that stayed away longer than
its own retries) is started again after a pause — 1 s, doubling up to 30 s, back to 1 s once
it has run for a minute — and the others carry on. Only a signal ends it: the signal is
passed on to the command as one SIGTERM (the stop signal of every command in the Procfile),
the command gets GRACE seconds to finish (the task worker finishes its task), then SIGKILL.
honcho signals the whole process group, so the command may receive the signal twice; the
commands take a second request to stop as the first.

Standard library only, so that it runs with any Python 3 (no virtual environment needed).
Its own lines carry the time with the UTC offset, in the time zone of the environment (``TZ``,
set by ``make run`` to the TIME_ZONE of config/settings.py, which Django sets in its own
processes too).
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

GRACE = float(os.environ.get("RESPAWN_GRACE", "10"))
FIRST_DELAY = float(os.environ.get("RESPAWN_FIRST_DELAY", "1"))
MAX_DELAY = 30.0
#: A run this long counts as healthy: the next pause starts from FIRST_DELAY again.
HEALTHY_AFTER = 60.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def say(message: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M:%S%z")
    print(f"{stamp} respawn: {message}", file=sys.stderr, flush=True)


def main(command: list[str]) -> int:
    state = {"stop": None, "child": None}

    def request_stop(signum, frame):
        # A flag and a kill(2) only: no output from a signal handler (see
        # workflows/management/stopping.py for why).
        if state["stop"] is None:
            state["stop"], state["stop_at"] = signum, time.monotonic()
        child = state["child"]
        if child is not None and child.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGTERM)

    for signum in STOP_SIGNALS:
        signal.signal(signum, request_stop)

    delay = FIRST_DELAY
    label = " ".join(command)
    while state["stop"] is None:
        started = time.monotonic()
        try:
            state["child"] = subprocess.Popen(command)  # noqa: S603 - the Procfile's own command
        except OSError as exc:
            say(f"cannot start {label}: {exc}")
            return 127
        if state["stop"] is not None:  # the signal came while the command was starting
            request_stop(state["stop"], None)
        returncode = wait(state, label)
        if state["stop"] is not None:
            break
        ran = time.monotonic() - started
        if ran >= HEALTHY_AFTER:
            delay = FIRST_DELAY
        say(f"{label} exited with {returncode} after {ran:.0f} s; starting it again in {delay:g} s")
        deadline = time.monotonic() + delay
        while state["stop"] is None and time.monotonic() < deadline:
            time.sleep(0.1)
        delay = min(delay * 2, MAX_DELAY)

    return 0


def wait(state: dict, label: str) -> int:
    """Wait for the command; once a stop is requested, at most GRACE seconds, then kill it."""
    child = state["child"]
    while True:
        try:
            return child.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if state["stop"] is not None and time.monotonic() - state["stop_at"] > GRACE:
                say(f"{label} still running {GRACE:g} s after SIGTERM; killing it")
                child.kill()
                return child.wait()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
