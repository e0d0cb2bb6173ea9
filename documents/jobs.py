"""Rendering jobs travel through the engine's outbox (workflows.outbox)."""

from typing import Any

from .constants import RENDER_TOPIC


def enqueue_render(*, document: Any, key: str) -> None:
    """Add the render job to the outbox in the caller's transaction (idempotent on key)."""
    try:
        from workflows.outbox import outbox_add
    except ImportError:  # the engine's outbox is not merged yet: `tick` renders pending rows
        return
    outbox_add(topic=RENDER_TOPIC, key=key, payload={"document_id": document.pk})


def handle_render(row: Any) -> None:
    """Outbox handler: render the document named in the row's payload."""
    from .services import document_render

    document_render(document_id=int(row.payload["document_id"]))
