"""Tasks that only the process tests enqueue; the worker they start imports them by path."""

import logging
import time

from django_tasks import task

logger = logging.getLogger("tests.processes")


@task()
def nap(seconds: float, label: str) -> str:
    """Hold the worker for ``seconds``: a task that is running when the signal comes."""
    time.sleep(seconds)
    return label


@task()
def chatter(seconds: float) -> int:
    """Write log lines to stderr without a pause for ``seconds``: a signal then lands, with
    high likelihood, inside a write to stderr (the reentrancy of issue 14)."""
    deadline = time.monotonic() + seconds
    lines = 0
    while time.monotonic() < deadline:
        logger.warning("chatter line %s %s", lines, "x" * 120)
        lines += 1
    return lines


#: How many more times ``flaky`` fails as if the database had gone away (set by the test).
outages = {"left": 0}


@task()
def flaky(label: str) -> str:
    """Fail with a database error while ``outages`` says so, then succeed."""
    from django.db import OperationalError

    if outages["left"] > 0:
        outages["left"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    return label
