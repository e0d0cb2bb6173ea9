"""``manage.py worker``: django-tasks-db's ``db_worker``, safe to stop and kept through a
database restart. The Procfile runs this, never ``db_worker`` directly.

Why a command of ours (the library itself is not patched: this subclasses its ``Worker``
and reuses its options):

- ``db_worker``'s signal handler logs and calls ``sys.exit``. Python runs a signal handler
  in the main thread wherever it is, which may be inside a write to the same stream (a
  write blocked on a full pipe runs the pending handlers before it retries): the handler's
  write then fails with ``RuntimeError:
  reentrant call inside <_io.BufferedWriter name='<stderr>'>``, that exception leaves the
  handler before it has cleared ``running``, lands in the running task (which is marked
  failed) and the worker goes on. A ``sys.exit`` landing between a claim's commit and the
  task's start leaves the task ``RUNNING`` for ever, and a second signal marks the task in
  hand failed. Here the handler only sets a flag (and a timer): the worker exits at once
  when idle, and after the task in hand otherwise; a task still running ``--stop-grace``
  seconds (3) after the signal is cut off and put back in the queue (READY), so a stop
  takes seconds at most.
- Any database error other than "locked" ends ``db_worker``. Here an ``OperationalError`` or
  ``InterfaceError`` closes the connections, waits (1 s, doubling up to 30 s) and starts
  over; a task the error interrupted is released (status back to ``READY``) once the
  database answers again, so it runs again (our tasks run outbox rows, each claimed, so a
  second run does nothing twice).
"""

import logging
import signal

from django.core.management.base import CommandError
from django.db.models import Q
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from workflows.management.stopping import (
    STOP_SIGNALS,
    TRANSIENT_DB_ERRORS,
    Backoff,
    close_connections,
    describe,
    wait_unless_stopped,
)

logger = logging.getLogger("workflows.worker")


class StopGraceExpired(BaseException):
    """Raised into a task still running ``stop_grace`` seconds after the stop request: the
    task is put back in the queue (READY), not recorded as failed."""


CUT_OFF_PATH = f"{__name__}.StopGraceExpired"


class SafeWorker(Worker):
    """The library's worker loop with a flag-only signal handler and reconnection."""

    stop_signal: int | None = None
    #: Seconds a task may go on after a stop request before it is cut off and released.
    stop_grace: float = 3.0
    _interrupted_task_id = None
    _grace_expired = False

    def configure_signals(self) -> None:
        for signum in STOP_SIGNALS:
            signal.signal(signum, self.request_stop)
        signal.signal(signal.SIGALRM, self.cut_off_task)

    def request_stop(self, signum, frame) -> None:
        # Assignments and a timer only: no I/O, no exception (see the module docstring). A
        # repeated signal (honcho signals the whole process group, the restart wrapper
        # forwards it too) asks the same thing again.
        self.running = False
        if self.stop_signal is None:
            self.stop_signal = signum
            if self.running_task and self.stop_grace > 0:
                signal.setitimer(signal.ITIMER_REAL, self.stop_grace)

    def cut_off_task(self, signum, frame) -> None:
        # The one handler that raises, and only into a task that outlived the grace: its
        # transaction rolls back, and run_task puts it back in the queue.
        if self.running_task:
            self._grace_expired = True
            raise StopGraceExpired

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self._interrupted_task_id = db_task_result.pk
        try:
            super().run_task(db_task_result)
        except StopGraceExpired:
            pass  # it landed after the task, in the library's bookkeeping: released below
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if self._grace_expired:
            # Cut off: the connection may have been mid-query. Release on a fresh one.
            close_connections()
            self.release_interrupted_task()
        # Finished (successful or failed, as the library records it): nothing to release.
        self._interrupted_task_id = None

    def release_interrupted_task(self) -> None:
        """Put back a task cut off by a database error (it stayed RUNNING) or by the end of
        the stop grace (the library recorded StopGraceExpired as its failure)."""
        if self._interrupted_task_id is None:
            return
        cut_off = Q(status=TaskResultStatus.RUNNING) | Q(
            status=TaskResultStatus.FAILED, exception_class_path=CUT_OFF_PATH
        )
        released = DBTaskResult.objects.filter(cut_off, pk=self._interrupted_task_id).update(
            status=TaskResultStatus.READY,
            started_at=None,
            finished_at=None,
            exception_class_path="",
            traceback="",
            return_value=None,
        )
        if released:
            logger.warning("Task id=%s released: it will run again.", self._interrupted_task_id)
        self._interrupted_task_id = None

    def run(self) -> None:
        backoff = Backoff()
        while self.running:
            try:
                self.release_interrupted_task()
                super().run()
                break  # stopped, or --batch / --max-tasks reached
            except TRANSIENT_DB_ERRORS as exc:
                delay = backoff.next_delay()
                # The task in hand, if any, is left for release_interrupted_task.
                self.running_task = False
                close_connections()
                logger.warning(
                    "Database unavailable (%s); retrying in %.0f s.", describe(exc), delay
                )
                wait_unless_stopped(delay, lambda: self.running)
        if self.stop_signal is not None:
            logger.info(
                "Received %s: stopped%s.",
                signal.Signals(self.stop_signal).name,
                f" (a task outlived the {self.stop_grace:g} s grace and was put back)"
                if self._grace_expired
                else "",
            )
        # A release still owed (stopped while the database was away) is tried once more.
        try:
            self.release_interrupted_task()
        except TRANSIENT_DB_ERRORS:
            logger.warning(
                "Task id=%s stays RUNNING: the database is away; the outbox rows it was "
                "running are taken over by tick once their lease expires.",
                self._interrupted_task_id,
            )


class Command(DBWorkerCommand):
    help = (
        "Run the background task worker (django-tasks-db), stopping cleanly on SIGTERM or "
        "Ctrl+C and riding out database restarts."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--stop-grace",
            type=float,
            default=SafeWorker.stop_grace,
            help="Seconds a running task may go on after SIGTERM or Ctrl+C before it is cut off "
            "and put back in the queue (default: %(default)s; honcho kills after 5).",
        )
        # Autoreload restarts the worker under a task; a supervisor restarts this one.
        parser.set_defaults(reload=False)

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        stop_grace,
        **options,
    ) -> None:
        if reload:
            raise CommandError("worker does not reload; use db_worker --reload for that.")
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = SafeWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded_queue_names,
        )
        worker.stop_grace = stop_grace
        worker.configure_signals()
        worker.run()
