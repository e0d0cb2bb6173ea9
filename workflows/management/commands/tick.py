import logging
import signal

from django.core.management.base import BaseCommand

from workflows.management.stopping import (
    STOP_SIGNALS,
    TRANSIENT_DB_ERRORS,
    Backoff,
    close_connections,
    describe,
    wait_unless_stopped,
)
from workflows.outbox import outbox_rehand
from workflows.scheduling import registered_checks

logger = logging.getLogger("workflows.tick")


class Command(BaseCommand):
    help = (
        "Re-hand outbox rows that are pending or whose worker died, then run the scheduled "
        "checks once (cron), or every N seconds with --loop N. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, loop=0, **options):
        if not loop:
            for name, result in self.run_once():
                self.stdout.write(f"{name}: {result}")
            return
        self.loop_forever(loop)

    def run_once(self, *, still_running=lambda: True) -> list[tuple[str, object]]:
        """Run the checks, then the outbox; return (name, result) for each step run."""
        results = []
        # Checks first: the outbox rows they add are then run in the same tick.
        for name, check in registered_checks().items():
            if not still_running():
                return results
            results.append((name, check()))
        if still_running():
            results.append(("outbox", outbox_rehand()))
        return results

    def loop_forever(self, seconds: int) -> None:
        """Tick every ``seconds`` until SIGTERM or Ctrl+C; never exit on an error.

        Every step is idempotent and each outbox row commits on its own, so a tick cut short
        (by a stop request or a database restart) leaves nothing half-done: the next one
        repeats what is left. A database error closes the connections and waits (1 s,
        doubling up to 30 s) before the next try; any other error is logged and the loop
        goes on at its usual pace (a supervisor restarting the process would not cure a
        failing check either).
        """
        stop = {"signal": None}

        def request_stop(signum, frame):
            stop["signal"] = signum  # a flag only: see workflows.management.stopping

        for signum in STOP_SIGNALS:
            signal.signal(signum, request_stop)

        def running():
            return stop["signal"] is None

        backoff = Backoff()
        while running():
            try:
                results = self.run_once(still_running=running)
            except TRANSIENT_DB_ERRORS as exc:
                close_connections()
                delay = backoff.next_delay()
                logger.warning(
                    "Database unavailable (%s); retrying in %.0f s.", describe(exc), delay
                )
                wait_unless_stopped(delay, running)
                continue
            except Exception:
                logger.exception("tick failed; the next tick runs in %s s.", seconds)
            else:
                # One line per tick, in the log (not the terminal, under `make run`).
                logger.info("tick: %s", ", ".join(f"{name}={result}" for name, result in results))
            wait_unless_stopped(seconds, running)
        logger.info("Received %s: tick stopped.", signal.Signals(stop["signal"]).name)
