"""What the long-running commands (``worker``, ``tick --loop``) share: a stop request that a
signal handler may set safely, an interruptible wait, and the backoff after a database error.

A Python signal handler runs between two bytecodes of the main thread, possibly in the middle
of a write to stderr or of a database call; so the handlers here only assign a flag (no I/O,
no exception), and the loops look at it where stopping is safe.
"""

import signal
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections

#: Errors a database restart or a dropped connection raise; the loops wait and retry on them.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGQUIT") if hasattr(signal, name)
)


def wait_unless_stopped(seconds: float, still_running: Callable[[], bool]) -> None:
    """Sleep in short steps, so that a stop request ends the wait within a fifth of a second."""
    deadline = time.monotonic() + seconds
    while still_running():
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(0.2, left))


class Backoff:
    """1 s, 2 s, 4 s … up to ``maximum``; an error long after the previous one starts over."""

    def __init__(self, first: float = 1.0, maximum: float = 30.0, reset_after: float = 60.0):
        self.first, self.maximum, self.reset_after = first, maximum, reset_after
        self.delay = first
        self._last_error_at: float | None = None

    def next_delay(self) -> float:
        now = time.monotonic()
        if self._last_error_at is not None and now - self._last_error_at > self.reset_after:
            self.delay = self.first
        self._last_error_at = now
        delay, self.delay = self.delay, min(self.delay * 2, self.maximum)
        return delay


def describe(exc: BaseException) -> str:
    """The error's class and the first line of its message, for a one-line log entry."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def close_connections() -> None:
    """Drop every database connection (the next query opens a new one); a broken one may
    fail to close, which is what it is being dropped for."""
    for conn in connections.all(initialized_only=True):
        try:
            conn.close()
        except TRANSIENT_DB_ERRORS:
            conn.connection = None
