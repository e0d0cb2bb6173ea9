"""Rendering jobs travel through the engine's outbox (workflows.outbox).

The outbox runs a handler inside its own transaction (so the handler's writes and the
row's "done" mark commit together). Rendering must not hold a transaction — on SQLite that
would be the write lock for the length of a render — so the handler only schedules the
render for just after that commit, in the same worker. The render keeps its own job state
on the register row (a lease, attempts, the last error): if the worker dies after the outbox
row is marked done, the row is still pending and ``tick`` (documents.render_stale) renders it.
"""

from typing import Any

from django.db import transaction

from .services import document_render


def handle_render(row: Any) -> None:
    """Outbox handler: render the document named in the row's payload, after the commit."""
    document_id = int(row.payload["document_id"])
    # Runs at once when no transaction is open.
    transaction.on_commit(lambda: document_render(document_id=document_id))
