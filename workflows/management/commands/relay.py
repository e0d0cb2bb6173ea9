"""``manage.py relay``: run the outbox rows that transitions add, within about a second.

A transition writes its side effects (notifications, recusal records) as outbox rows in its
own statement and, with the database task backend, no task row: this loop finds them
(``outbox_rehand``, every ``--interval`` seconds, at once again while it finds a full batch)
and runs them, each claimed, so running it beside the worker and ``tick`` does nothing twice.
Why a loop of ours and not one task row per transition: that row was a measurable share of
every transition's cost (bench/README.md, the transition figure); here one indexed query a
second serves every transition. It runs any runnable row (a document job too, if it gets
there before the worker): each is claimed, and a row whose hand-off was lost is run sooner.

It stops like ``worker`` and ``tick --loop`` (a flag set by the signal, checked between
rows) and rides out a database restart (wait 1 s, doubling up to 30 s, then reconnect).
"""

import logging
import signal

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from workflows.management.stopping import (
    STOP_SIGNALS,
    TRANSIENT_DB_ERRORS,
    Backoff,
    close_connections,
    describe,
    wait_unless_stopped,
)
from workflows.outbox import outbox_rehand

logger = logging.getLogger("workflows.relay")

#: Rows run per round; a full round starts the next one at once.
BATCH = 100


class Command(BaseCommand):
    help = (
        "Run the outbox rows that transitions add (notifications and the like) within about "
        "a second; stops cleanly on SIGTERM or Ctrl+C and rides out database restarts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between two looks at the outbox when it was empty (default 1).",
        )
        parser.add_argument(
            "--once", action="store_true", help="Run what is runnable now, then exit."
        )

    def handle(self, *args, interval: float = 1.0, once: bool = False, **options) -> None:
        if once:
            ran = outbox_rehand(limit=BATCH)
            self.stdout.write(f"relay: {ran} row(s) run")
            return
        stop = {"signal": None}

        def request_stop(signum, frame):
            stop["signal"] = signum  # a flag only: see workflows.management.stopping

        for signum in STOP_SIGNALS:
            signal.signal(signum, request_stop)

        def running() -> bool:
            return stop["signal"] is None

        logger.info("relay: started (every %g s)", interval)
        backoff = Backoff()
        while running():
            try:
                close_old_connections()  # CONN_MAX_AGE and broken connections, as a worker
                ran = outbox_rehand(limit=BATCH)
            except TRANSIENT_DB_ERRORS as exc:
                close_connections()
                delay = backoff.next_delay()
                logger.warning(
                    "Database unavailable (%s); retrying in %.0f s.", describe(exc), delay
                )
                wait_unless_stopped(delay, running)
                continue
            except Exception:
                logger.exception("relay: a round failed; the next one runs in %g s.", interval)
                ran = 0
            if ran:
                logger.info("relay: %s row(s) run", ran)
            if ran < BATCH:
                wait_unless_stopped(interval, running)
        logger.info("Received %s: relay stopped.", signal.Signals(stop["signal"]).name)
