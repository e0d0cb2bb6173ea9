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
from django.db.models import F, Q
from django.utils import timezone

from workflows.outbox import outbox_add

from . import rendering
from .codes import code_new, code_normalise
from .constants import (
    ERROR_NOT_CURRENT,
    ERROR_NOT_ISSUED,
    ERROR_NOT_RETRYABLE,
    ERROR_REVOKED,
    ERROR_SOURCE_GONE,
    ORPHAN_GRACE_SECONDS,
    RENDER_LEASE_SECONDS,
    RENDER_TOPIC,
    STORAGE_DIR,
    DocumentEventAction,
    DocumentStatus,
)
from .models import Document, DocumentEvent
from .registry import UnknownDocumentKind, get_document_kind
from .signals import document_event_recorded

logger = logging.getLogger(__name__)

_VERSION_ATTEMPTS = 5


class DocumentError(Exception):
    """A refused document action; its message is translated and shown to the user."""


@transaction.atomic
def document_request(
    *,
    kind: str,
    source: Any,
    actor: Any = None,
    key: str | None = None,
    public: bool = False,
    correction_reason: str = "",
) -> Document:
    """Allocate the next version of ``kind`` for ``source`` and queue its rendering.

    Runs in the caller's transaction: the row and its outbox job commit (or vanish) with the
    caller's change. The same ``key`` asked twice returns the first request's row.
    ``correction_reason`` is given by ``document_correct`` only (the new version says why
    it replaces the previous one).
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
                    correction_reason=correction_reason,
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
    context = build_document_context(document, issued_at=issued_at)
    return rendering.render_html(document.template_name, context)


def build_document_context(document: Document, *, issued_at: datetime.datetime) -> dict:
    """The template context of a document: the kind's own, plus what every document prints
    (register number, verification code, letterhead, and for a corrected version what it
    replaces and why)."""
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
        correction=_correction_of(document),
    )
    context.setdefault("title", f"{spec.label} {document.number}")
    context.setdefault("issuer", context["letterhead"]["body"])
    return context


def _correction_of(document: Document) -> dict | None:
    """What a corrected version prints about the version it replaces."""
    if not document.correction_reason or document.supersedes_id is None:
        return None
    replaced = document.supersedes
    return {
        "number": replaced.number,
        "version": replaced.version,
        "issued_at": replaced.issued_at,
        "reason": document.correction_reason,
    }


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
        context = build_document_context(document, issued_at=issued_at)
        html = rendering.render_html(document.template_name, context)
        pdf = rendering.render_pdf(html)
        if get_document_kind(document.kind).sealed:
            # pyHanko is loaded only where a sealed kind is rendered (the workers).
            from .signatures import seal_pdf

            pdf = rendering.RenderedPdf(content=seal_pdf(pdf.content), pages=pdf.pages)
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
            title=str(context["title"])[:300],
            reference=str(context.get("reference") or "")[:100],
            issuer=str(context.get("issuer") or "")[:300],
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
    """What the public verification page says about a document: the document itself, the
    newest ready version of the same source and kind when this one is not it, and whether
    it was revoked (``document.revoked_at`` and ``document.revocation_reason``)."""

    document: Document
    newer: Document | None

    @property
    def revoked(self) -> bool:
        return self.document.is_revoked

    @property
    def issuer(self) -> str:
        """The body that issued it, as printed (documents issued before the register kept
        it: the letterhead's body)."""
        return self.document.issuer or letterhead()["body"]

    @property
    def title(self) -> str:
        return self.document.title or str(self.document.kind_label).capitalize()

    @property
    def reference(self) -> str:
        """The case number as printed; for documents issued before the register kept it,
        the kind's reference of the source (what the footer printed)."""
        if self.document.reference:
            return self.document.reference
        source = self.document.source
        if source is None:
            return ""
        try:
            return str(get_document_kind(self.document.kind).reference(source) or "")
        except UnknownDocumentKind:
            return ""


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


# Corrections and revocations ------------------------------------------------------------------


def _locked_issued(document: Document) -> Document:
    """The document's row, locked for the rest of the transaction, if it was issued."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.status != DocumentStatus.READY:
        raise DocumentError(ERROR_NOT_ISSUED)
    return locked


@transaction.atomic
def document_correct(*, document: Document, actor: Any, reason: str, token: str) -> Document:
    """Issue a corrected version of ``document``: the next version of the same source and
    kind, rendered again through the render job (new number, hash and code), which says it
    replaces ``document`` and why. The old version stays stored and verifiable; verification
    of it points to the new one. Recorded as a ``corrected`` event of ``document``.

    ``token`` comes from the form: the same form submitted twice returns the first
    correction. Only the current version (issued, not revoked, none newer, not even one
    being prepared) can be corrected; the row lock makes two different corrections queue,
    and the second is refused.
    """
    key = f"correction:{document.pk}:{token}"
    existing = Document.objects.filter(job_key=key).first()
    if existing is not None:
        return existing
    locked = _locked_issued(document)
    if locked.is_revoked:
        raise DocumentError(ERROR_REVOKED)
    newer = Document.objects.filter(
        source_type_id=locked.source_type_id,
        source_id=locked.source_id,
        kind=locked.kind,
        version__gt=locked.version,
    )
    if newer.exists():
        raise DocumentError(ERROR_NOT_CURRENT)
    source = locked.source
    if source is None:
        raise DocumentError(ERROR_SOURCE_GONE)
    corrected = document_request(
        kind=locked.kind,
        source=source,
        actor=actor,
        key=key,
        public=locked.is_public,
        correction_reason=reason,
    )
    event = DocumentEvent.objects.create(
        document=locked,
        action=DocumentEventAction.CORRECTED,
        actor=actor,
        reason=reason,
        new_document=corrected,
        key=key,
    )
    document_event_recorded.send(sender=DocumentEvent, event=event, source=source)
    logger.info("Document %s corrected by document %s", locked.pk, corrected.pk)
    return corrected


@transaction.atomic
def document_revoke(*, document: Document, actor: Any, reason: str) -> tuple[Document, bool]:
    """Revoke an issued document: it stays stored and verifiable, and verification says it
    was revoked, when and why. Recorded as a ``revoked`` event. Returns the document and
    whether this call revoked it (False: it already was, e.g. the form was sent twice)."""
    locked = _locked_issued(document)
    if locked.is_revoked:
        return locked, False
    now = timezone.now()
    Document.objects.filter(pk=locked.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=actor, revocation_reason=reason
    )
    event = DocumentEvent.objects.create(
        document=locked,
        action=DocumentEventAction.REVOKED,
        actor=actor,
        reason=reason,
        key=f"revocation:{locked.pk}",
    )
    document_event_recorded.send(sender=DocumentEvent, event=event, source=locked.source)
    locked.refresh_from_db()
    logger.info("Document %s revoked", locked.pk)
    return locked, True


@dataclass(frozen=True)
class RegisterEntry:
    """One version of a document as the register lists it, with its standing."""

    document: Document
    #: The next issued version, when there is one (this one is then superseded).
    superseded_by: Document | None

    @property
    def is_current(self) -> bool:
        return self.document.is_ready and not self.document.is_revoked and not self.superseded_by


def register_entries(documents) -> list[RegisterEntry]:
    """Every document of ``documents`` with its standing (current, superseded by which
    version, revoked), read with one query for all their versions."""
    documents = list(documents)
    if not documents:
        return []
    groups = {(d.source_type_id, d.source_id, d.kind) for d in documents}
    query = Q()
    for type_id, source_id, kind in groups:
        query |= Q(source_type_id=type_id, source_id=source_id, kind=kind)
    issued: dict[tuple, list[Document]] = {}
    for d in Document.objects.ready().filter(query).order_by("version"):
        issued.setdefault((d.source_type_id, d.source_id, d.kind), []).append(d)
    entries = []
    for d in documents:
        later = [
            v
            for v in issued.get((d.source_type_id, d.source_id, d.kind), [])
            if v.version > d.version
        ]
        entries.append(RegisterEntry(document=d, superseded_by=later[0] if later else None))
    return entries


def document_versions(document: Document) -> list[RegisterEntry]:
    """Every version of ``document``'s source and kind, newest first, with its standing."""
    versions = Document.objects.filter(
        source_type_id=document.source_type_id, source_id=document.source_id, kind=document.kind
    ).order_by("-version")
    return register_entries(versions)
