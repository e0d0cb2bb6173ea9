from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import CODE_GROUP, REASON_MAX_LENGTH, DocumentEventAction, DocumentStatus
from .querysets import DocumentQuerySet, NoticeQuerySet
from .registry import download_name, kind_label


class Document(models.Model):
    """One issue of a document: a row of the register, never overwritten once ready.

    The row is created with its version when the job is requested (so versions follow the
    order of requests) and becomes *ready* only when its file is on disk, complete and hashed.
    """

    kind = models.CharField(_("kind"), max_length=64)
    source_type = models.ForeignKey(
        ContentType, verbose_name=_("source type"), on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(_("source id"))
    source = GenericForeignKey("source_type", "source_id")
    version = models.PositiveIntegerField(_("version"))
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DocumentStatus.choices,
        default=DocumentStatus.PENDING,
        editable=False,
    )
    job_key = models.CharField(_("job key"), max_length=200, unique=True, editable=False)
    verification_code = models.CharField(
        _("verification code"), max_length=16, unique=True, editable=False
    )
    template_name = models.CharField(_("template"), max_length=200)
    template_version = models.CharField(_("template version"), max_length=64, blank=True)
    file = models.FileField(_("file"), max_length=200, blank=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    # The job's state: a worker claims the row with a lease; attempts and the last error are
    # kept for staff (the error is technical text, never shown to the public).
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    error = models.TextField(_("last error"), blank=True, editable=False)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True, editable=False)
    # What the document says about itself, written once when it becomes ready (from the
    # context it was rendered with), so that verification shows what the paper shows.
    title = models.CharField(_("title"), max_length=300, blank=True, editable=False)
    reference = models.CharField(_("case number"), max_length=100, blank=True, editable=False)
    issuer = models.CharField(_("issuer"), max_length=300, blank=True, editable=False)
    #: Why this version was issued as a correction of ``supersedes`` (empty for a new issue).
    correction_reason = models.TextField(
        _("reason for the correction"), max_length=REASON_MAX_LENGTH, blank=True, editable=False
    )
    # A revocation is written once (documents.services.document_revoke); its event is the
    # record, these fields let lists and verification show it without reading the history.
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    revocation_reason = models.TextField(
        _("reason for the revocation"), max_length=REASON_MAX_LENGTH, blank=True, editable=False
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind", "version"],
                name="document_version_unique_per_source_and_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.READY)
                | (~Q(file="") & ~Q(sha256="") & Q(size__isnull=False)),
                name="document_ready_has_file_and_hash",
            ),
        ]
        indexes = [models.Index(fields=["status", "lease_until"])]

    def __str__(self):
        return f"{self.number} v{self.version}"

    @property
    def number(self) -> str:
        """The register number printed on the document, e.g. ``DOK/2026/000042``."""
        year = timezone.localtime(self.requested_at).year
        return f"DOK/{year}/{self.pk or 0:06d}"

    @property
    def kind_label(self):
        return kind_label(self.kind)

    @property
    def code_display(self) -> str:
        code = self.verification_code
        return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))

    @property
    def is_ready(self) -> bool:
        return self.status == DocumentStatus.READY

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def download_name(self) -> str:
        return download_name(self)


class DocumentEvent(models.Model):
    """One line of an issued document's append-only history: a correction or a revocation,
    who did it, when and why (PostgreSQL refuses UPDATE, DELETE and TRUNCATE on it).

    ``key`` makes the act idempotent: a form submitted twice finds its first event.
    """

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=DocumentEventAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), max_length=REASON_MAX_LENGTH)
    #: The corrected version a correction issued.
    new_document = models.ForeignKey(
        Document,
        verbose_name=_("corrected version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.document}: {self.action}"


class Notice(models.Model):
    """A notice (komunikat) with a table: the generic document kind of this app.

    It gives the rendering pipeline a source that belongs to no case type; tests and the
    benchmark use it, and staff may issue notices as documents.
    """

    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    body = models.TextField(_("text"), blank=True)
    rows = models.JSONField(_("table rows"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
