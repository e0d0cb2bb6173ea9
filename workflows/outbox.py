"""The job outbox: side effects written in the same transaction as the change that causes them.

Contract used by other apps::

    outbox_add(topic="documents.render", key="opinion:42:v3", payload={...})  # inside atomic()
    outbox_add_new([(topic, key, payload), ...])   # many new keys in one INSERT (the engine)
    register_handler("documents.render", handle_render)                       # in ready()
    outbox_run(row_id)                                              # worker / relay / tick

A row is claimed with a conditional UPDATE (pending → running with a lease); the handler and
the "done" mark commit in one transaction, and "done" is written only while the claim still
holds, so a job's database effects commit once even if a worker dies or two workers race.
"""

import datetime
import logging
import secrets
from collections.abc import Callable

from django.db import connection, router, transaction
from django.db.models import Q
from django.utils import timezone

from .constants import OutboxStatus
from .models import OutboxRow

logger = logging.getLogger(__name__)

#: How long a claim holds before another worker may take the row over.
LEASE = datetime.timedelta(minutes=5)
#: After this many failed attempts the row stays ``failed`` for a human to look at.
MAX_ATTEMPTS = 5

ERROR_NOT_IN_TRANSACTION = "outbox_add must be called inside a transaction (atomic block)."
ERROR_NO_HANDLER = "No outbox handler is registered for topic %r."
ERROR_LEASE_LOST = "The lease on outbox row %s was lost before the job finished."

Handler = Callable[[OutboxRow], None]
_handlers: dict[str, Handler] = {}


class LeaseLost(Exception):
    """Another worker took the row over; this worker's work is rolled back."""


def register_handler(topic: str, handler: Handler) -> None:
    """Register the function that performs the jobs of a topic (call it in AppConfig.ready)."""
    _handlers[topic] = handler


def registered_handlers() -> dict[str, Handler]:
    return dict(_handlers)


def outbox_add(*, topic: str, key: str, payload: dict) -> OutboxRow:
    """Add a job in the current transaction; a second add with the same key returns the first."""
    if not connection.in_atomic_block:
        raise RuntimeError(ERROR_NOT_IN_TRANSACTION)
    row, created = OutboxRow.objects.get_or_create(
        key=key,
        defaults={"topic": topic, "payload": payload, "available_at": timezone.now()},
    )
    if created:
        row_id = row.pk
        transaction.on_commit(lambda: _hand_off(row_id))
    return row


def outbox_add_new(jobs: list[tuple[str, str, dict]]) -> list[OutboxRow]:
    """Add jobs whose keys are new, in one INSERT, for the relay (``hand_off_new``).

    For keys that name something created in this very transaction (the transition service's
    keys contain its new event's id), so no row can hold them yet: a key given twice in
    ``jobs`` is added once (the first wins), and a key that already exists is an error
    (IntegrityError), not a silent duplicate. Inside a transaction only, like ``outbox_add``.
    """
    if not connection.in_atomic_block:
        raise RuntimeError(ERROR_NOT_IN_TRANSACTION)
    if not jobs:
        return []
    now = timezone.now()
    unique: dict[str, OutboxRow] = {}
    for topic, key, payload in jobs:
        if key not in unique:
            unique[key] = OutboxRow(topic=topic, key=key, payload=payload, available_at=now)
    rows = OutboxRow.objects.bulk_create(unique.values())
    hand_off_new([row.pk for row in rows])
    return rows


def hand_off_new(row_ids: list[int]) -> None:
    """See that rows added in this transaction (a transition's side effects) get run.

    With the database task backend on this same database the relay runs them: ``manage.py
    relay`` polls the outbox every second and runs what is runnable, so the transition writes
    no task row of its own (a statement fewer in every transition: the transition figure
    of ``bench/README.md``); ``tick`` is the fallback, as for every row. Any other backend
    (the immediate one of tests and demos without a worker) is handed the rows after the
    commit, in one task.
    """
    if not relayed():
        transaction.on_commit(lambda: _hand_off_batch(row_ids))


def relayed() -> bool:
    """True when rows added by ``outbox_add_new`` wait for ``manage.py relay``: the task
    backend is the database one, on the database the rows are written to (a deployment
    that runs the worker runs the relay beside it: the Procfile, the README)."""
    from .tasks import outbox_batch_task

    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is a dependency
        return False
    return isinstance(outbox_batch_task.get_backend(), DatabaseBackend) and router.db_for_write(
        DBTaskResult
    ) == router.db_for_write(OutboxRow)


def _hand_off_batch(row_ids: list[int]) -> None:
    from .tasks import outbox_batch_task

    try:
        outbox_batch_task.enqueue(row_ids)
    except Exception:
        logger.exception("Could not enqueue outbox rows %s; tick will retry them.", row_ids)


def _hand_off(row_id: int) -> None:
    """Give the row to a background task; if that fails, ``tick`` picks the row up later."""
    from .tasks import outbox_task

    try:
        outbox_task.enqueue(row_id)
    except Exception:
        logger.exception("Could not enqueue outbox row %s; tick will retry it.", row_id)


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def outbox_claim(row_id: int, *, now: datetime.datetime | None = None) -> str | None:
    """Claim a runnable row for this worker; return the lease token, or None if not runnable."""
    now = now or timezone.now()
    token = secrets.token_hex(16)
    claimed = (
        OutboxRow.objects.filter(pk=row_id)
        .filter(
            Q(status=OutboxStatus.PENDING, available_at__lte=now)
            | Q(status=OutboxStatus.RUNNING, lease_expires_at__lt=now)
        )
        .update(
            status=OutboxStatus.RUNNING,
            lease_expires_at=now + LEASE,
            lease_token=token,
            updated_at=now,
        )
    )
    return token if claimed else None


def outbox_heartbeat(row: OutboxRow) -> None:
    """Extend the lease of a long job; raise ``LeaseLost`` if another worker took it over."""
    now = timezone.now()
    updated = OutboxRow.objects.filter(
        pk=row.pk, status=OutboxStatus.RUNNING, lease_token=row.lease_token
    ).update(lease_expires_at=now + LEASE, updated_at=now)
    if not updated:
        raise LeaseLost(ERROR_LEASE_LOST % row.pk)


def outbox_run(row_id: int) -> bool:
    """Claim the row, run its handler, mark it done (or failed). True if this call did the job."""
    token = outbox_claim(row_id)
    if token is None:
        return False
    row = OutboxRow.objects.get(pk=row_id)
    try:
        with transaction.atomic():
            handler = _handlers.get(row.topic)
            if handler is None:
                raise LookupError(ERROR_NO_HANDLER % row.topic)
            handler(row)
            now = timezone.now()
            done = OutboxRow.objects.filter(
                pk=row.pk, status=OutboxStatus.RUNNING, lease_token=token
            ).update(
                status=OutboxStatus.DONE,
                done_at=now,
                lease_expires_at=None,
                lease_token="",
                attempts=row.attempts + 1,
                updated_at=now,
                last_error="",
            )
            if not done:
                raise LeaseLost(ERROR_LEASE_LOST % row.pk)
    except LeaseLost:
        logger.warning("Outbox row %s was taken over by another worker.", row_id)
        return False
    except Exception as exc:
        attempts = row.attempts + 1
        now = timezone.now()
        OutboxRow.objects.filter(pk=row.pk, lease_token=token).update(
            status=OutboxStatus.FAILED if attempts >= MAX_ATTEMPTS else OutboxStatus.PENDING,
            attempts=attempts,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            available_at=now + _backoff(attempts),
            lease_expires_at=None,
            lease_token="",
            updated_at=now,
        )
        logger.warning("Outbox row %s failed (attempt %s).", row_id, attempts)
        return False
    return True


def outbox_rehand(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Run up to ``limit`` rows that are pending or whose worker died, oldest first; return
    how many were completed.

    ``manage.py relay`` calls this every second (the rows transitions add are run so), and
    ``tick`` on each tick, so a job whose hand-off was lost or whose worker was killed is
    done on the next one. Running it twice, or beside workers, is harmless: each row is
    claimed.
    """
    ids = list(
        OutboxRow.objects.runnable(now)
        .order_by("available_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for row_id in ids if outbox_run(row_id))
