"""The only writers of the register: requesting, rendering, retrying, sweeping, verifying."""

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from workflows.outbox import outbox_add

from . import rendering
from .codes import code_new, code_normalise
from .constants import (
    ERROR_NOT_RETRYABLE,
    ORPHAN_GRACE_SECONDS,
    RENDER_LEASE_SECONDS,
    RENDER_TOPIC,
    STORAGE_DIR,
    DocumentStatus,
)
from .models import Document
from .registry import get_document_kind

logger = logging.getLogger(__name__)

_VERSION_ATTEMPTS = 5


class DocumentError(Exception):
    """A refused document action; its message is translated and shown to the user."""


@transaction.atomic
def document_request(
    *, kind: str, source: Any, actor: Any = None, key: str | None = None, public: bool = False
) -> Document:
    """Allocate the next version of ``kind`` for ``source`` and queue its rendering.

    Runs in the caller's transaction: the row and its outbox job commit (or vanish) with the
    caller's change. The same ``key`` asked twice returns the first request's row.
    """
    spec = get_document_kind(kind)
    source_type = ContentType.objects.get_for_model(type(source))
    key = key or f"{kind}:{source_type.pk}:{source.pk}:{secrets.token_hex(8)}"
    existing = Document.objects.filter(job_key=key).first()
    if existing is not None:
        return existing
    for attempt in range(_VERSION_ATTEMPTS):
        previous = Document.objects.of_source(source, kind).order_by("-version").first()
        try:
            # A savepoint: a racing request that took this version makes us read again
            # (on PostgreSQL the insert waits for that transaction and then conflicts).
            with transaction.atomic():
                document = Document.objects.create(
                    kind=kind,
                    source_type=source_type,
                    source_id=source.pk,
                    version=previous.version + 1 if previous else 1,
                    supersedes=previous,
                    job_key=key,
                    verification_code=code_new(),
                    template_name=spec.template,
                    is_public=public,
                    requested_by=actor if getattr(actor, "pk", None) else None,
                )
            break
        except IntegrityError:
            existing = Document.objects.filter(job_key=key).first()
            if existing is not None:
                return existing
            if attempt == _VERSION_ATTEMPTS - 1:
                raise
    _enqueue_render(document=document, key=f"render:{key}")
    return document


def _enqueue_render(*, document: Document, key: str) -> None:
    """Add the render job to the outbox in the caller's transaction (idempotent on key); its
    handler is ``documents.jobs.handle_render``."""
    outbox_add(topic=RENDER_TOPIC, key=key, payload={"document_id": document.pk})


@transaction.atomic
def document_retry(*, document: Document, actor: Any) -> Document:
    """Queue a failed document again; it keeps its version and code."""
    updated = Document.objects.filter(pk=document.pk, status=DocumentStatus.FAILED).update(
        status=DocumentStatus.PENDING, lease_until=None, lease_token=""
    )
    if not updated:
        raise DocumentError(ERROR_NOT_RETRYABLE)
    document.refresh_from_db()
    _enqueue_render(document=document, key=f"render:{document.job_key}:retry:{document.attempts}")
    logger.info("Document %s queued again (attempt %s)", document.pk, document.attempts + 1)
    return document


def build_document_html(document: Document, *, issued_at: datetime.datetime) -> str:
    """The HTML of a document, its context rebuilt from the source by the kind's builder."""
    spec = get_document_kind(document.kind)
    source = document.source
    if source is None:
        raise LookupError(f"The source of document {document.pk} no longer exists.")
    context = dict(spec.build_context(source))
    context.update(
        document=document,
        reference=context.get("reference") or spec.reference(source),
        issued_on=timezone.localtime(issued_at).date(),
        verify_url=rendering.verify_url(document.code_display),
        qr_image=rendering.qr_data_uri(rendering.verify_url(document.code_display)),
        letterhead=letterhead(),
    )
    context.setdefault("title", f"{spec.label} {document.number}")
    return rendering.render_html(document.template_name, context)


DEFAULT_PROGRAMME = "Regionalny program rozwoju ekonomii społecznej"
DEFAULT_ISSUER = "Regionalny Ośrodek Polityki Społecznej"


def letterhead() -> dict:
    """The programme's letterhead; a region names itself in optional settings."""
    return {
        "programme": getattr(settings, "ESFLOW_DOCUMENT_PROGRAMME", DEFAULT_PROGRAMME),
        "body": getattr(settings, "ESFLOW_DOCUMENT_ISSUER", DEFAULT_ISSUER),
    }


def _claim(document_id: int) -> str | None:
    """Take the job with a lease; None when it is done or someone else holds it."""
    token = secrets.token_hex(8)
    now = timezone.now()
    claimed = (
        Document.objects.stale_jobs(now)
        .filter(pk=document_id)
        .update(
            lease_until=now + datetime.timedelta(seconds=RENDER_LEASE_SECONDS),
            lease_token=token,
            attempts=F("attempts") + 1,
        )
    )
    return token if claimed else None


def document_render(*, document_id: int) -> Document | None:
    """Render a pending document (the worker's job); idempotent and safe to run twice.

    Rendering happens outside any transaction. The file is written under a random name
    first; the row becomes ready (pointing at it, with its hash) only afterwards, in one
    conditional update. A worker killed in between leaves a pending row and an orphan file:
    ``tick`` renders the row again once the lease runs out and sweeps the orphan.
    """
    token = _claim(document_id)
    if token is None:
        return None
    document = Document.objects.get(pk=document_id)
    issued_at = timezone.now()
    try:
        html = build_document_html(document, issued_at=issued_at)
        pdf = rendering.render_pdf(html)
        version = rendering.template_version(document.template_name)
    except Exception as exc:
        logger.exception("Rendering document %s failed", document_id)
        Document.objects.filter(
            pk=document_id, status=DocumentStatus.PENDING, lease_token=token
        ).update(
            status=DocumentStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            failed_at=timezone.now(),
            lease_until=None,
            lease_token="",
        )
        document.refresh_from_db()
        return document
    name = default_storage.save(
        f"{STORAGE_DIR}/{secrets.token_urlsafe(24)}.pdf", ContentFile(pdf.content)
    )
    with transaction.atomic():
        updated = Document.objects.filter(
            pk=document_id, status=DocumentStatus.PENDING, lease_token=token
        ).update(
            status=DocumentStatus.READY,
            file=name,
            sha256=pdf.sha256,
            size=len(pdf.content),
            pages=pdf.pages,
            template_version=version,
            issued_at=issued_at,
            lease_until=None,
            lease_token="",
            error="",
        )
    if not updated:
        # Our lease ran out and another worker finished first: our file is nobody's.
        default_storage.delete(name)
        return None
    document.refresh_from_db()
    return document


def documents_render_stale(*, limit: int = 20) -> int:
    """Render pending documents nobody is working on (tick): lost jobs, dead workers."""
    ids = list(
        Document.objects.stale_jobs(timezone.now())
        .order_by("requested_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if document_render(document_id=pk) is not None)


def documents_sweep_orphans(*, grace_seconds: int = ORPHAN_GRACE_SECONDS) -> int:
    """Delete files in the documents folder that no row points at and that are older than the
    grace period (younger ones may belong to a render about to commit)."""
    try:
        _dirs, files = default_storage.listdir(STORAGE_DIR)
    except FileNotFoundError:
        return 0
    known = set(
        Document.objects.exclude(file="")
        .filter(file__startswith=f"{STORAGE_DIR}/")
        .values_list("file", flat=True)
    )
    cutoff = timezone.now() - datetime.timedelta(seconds=grace_seconds)
    removed = 0
    for filename in files:
        name = f"{STORAGE_DIR}/{filename}"
        if name in known:
            continue
        # Re-check the row: a render may have committed since the listing.
        if (
            default_storage.get_modified_time(name) < cutoff
            and not Document.objects.filter(file=name).exists()
        ):
            default_storage.delete(name)
            removed += 1
    return removed


@dataclass(frozen=True)
class FileCheck:
    document: Document
    problem: str  # "missing" or "mismatch"


def documents_check_files() -> tuple[int, list[FileCheck]]:
    """Hash every stored file again and compare with the register."""
    checked, problems = 0, []
    for document in Document.objects.ready().order_by("pk").iterator():
        checked += 1
        if not default_storage.exists(document.file.name):
            problems.append(FileCheck(document, "missing"))
            continue
        with default_storage.open(document.file.name, "rb") as f:
            digest = sha256_of(f)
        if digest != document.sha256:
            problems.append(FileCheck(document, "mismatch"))
    return checked, problems


def sha256_of(stream: BinaryIO) -> str:
    h = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class Verification:
    document: Document
    newer: Document | None


def _verification(document: Document | None) -> Verification | None:
    if document is None:
        return None
    newer = Document.objects.newer_than(document).order_by("-version").first()
    return Verification(document=document, newer=newer)


def document_verify_code(*, code: str) -> Verification | None:
    """The ready document a code belongs to (None for an unknown or malformed code)."""
    normalised = code_normalise(code)
    if normalised is None:
        return None
    return _verification(Document.objects.ready().filter(verification_code=normalised).first())


def document_verify_file(*, stream: BinaryIO) -> Verification | None:
    """The ready document whose file has exactly these bytes (SHA-256), if any."""
    digest = sha256_of(stream)
    return _verification(Document.objects.ready().filter(sha256=digest).order_by("pk").first())
