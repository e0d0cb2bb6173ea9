from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from directory.models import Organisation
from workflows.models import (
    AbstractDeadlineExtension,
    AbstractEvent,
    AbstractPause,
    DeadlineMixin,
    StatusMixin,
)
from workflows.registry import flow_class, registered_flows

from .constants import AttachmentVisibility, Channel
from .notification_subjects import notification_details, notification_subject
from .querysets import (
    AttachmentQuerySet,
    CaseCommentQuerySet,
    CaseQuerySet,
    FrozenVersionQuerySet,
    NotificationQuerySet,
)
from .queues.models import SavedFilter
from .uploads import FileKind

__all__ = ["SavedFilter"]  # defined with the queues, a model of this app


class Case(StatusMixin, DeadlineMixin, models.Model):
    """What every case has, whatever its kind; each kind adds a one-to-one detail table."""

    kind = models.CharField(_("kind"), max_length=32, editable=False)
    number_year = models.PositiveIntegerField(_("number year"), null=True, editable=False)
    number_seq = models.PositiveIntegerField(_("number sequence"), null=True, editable=False)
    number = models.CharField(_("number"), max_length=64, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    requesting_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("requesting organisation"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="cases_filed",
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    date_received = models.DateField(
        _("date received"),
        null=True,
        blank=True,
        help_text=_("The day the request reached the office; the clock starts from it."),
    )
    is_complex = models.BooleanField(
        _("complex case"), default=False, help_text=_("A complex case has a longer deadline.")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_assigned",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number_year", "number_seq"], name="case_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "status"]),
            # The queues (casework.queues): the default order (due date, then newest) read
            # straight off an index, so a page stops after its 25 rows at any number of cases;
            # "mine" and "unassigned" find their cases by assignee and status.
            # (PostgreSQL's ascending order puts NULLs last, as the queue does.)
            models.Index(fields=["due_date", "-id"], name="case_queue_due_idx"),
            models.Index(fields=["assignee", "status"], name="case_assignee_status_idx"),
        ]

    def __str__(self):
        return f"{self.number or _('draft')}: {self.title}"

    @property
    def kind_label(self) -> str:
        from .registry import kind_label

        return kind_label(self.kind)

    @property
    def status_label(self) -> str:
        flow = registered_flows().get(self.kind)
        return flow.status_label(self.status) if flow else self.status

    def get_flow(self, *, actor=None, data=None):
        """The flow of this case's kind wrapped around it."""
        return flow_class(self.kind)(self, actor=actor, data=data)


class CaseEvent(AbstractEvent):
    """The append-only audit log of cases (PostgreSQL refuses UPDATE and DELETE on it)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        related_name="case_events",
    )

    class Meta(AbstractEvent.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")


class CasePause(AbstractPause):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="pauses"
    )

    class Meta(AbstractPause.Meta):
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")


class CaseDeadlineExtension(AbstractDeadlineExtension):
    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="extensions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extended by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta(AbstractDeadlineExtension.Meta):
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")


class CaseComment(models.Model):
    """A note on a case: internal ones only staff see, external ones the requester sees too."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="case_comments",
    )
    body = models.TextField(_("comment"))
    is_internal = models.BooleanField(_("internal"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CaseCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.case_id}: {self.body[:40]}"


class Notification(models.Model):
    """A message to one user about a case, shown in the app and sent by e-mail once."""

    key = models.CharField(_("key"), max_length=255, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    verb = models.CharField(_("what happened"), max_length=64)
    #: The question, answer or reason the transition wrote, quoted in the notification.
    comment = models.ForeignKey(
        CaseComment,
        verbose_name=_("comment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.recipient_id}: {self.verb}"

    @property
    def subject(self) -> str:
        return notification_subject(self.verb, self.case)

    @property
    def details(self) -> list[tuple[str, str]]:
        return notification_details(self)


class CaseUserObjectPermission(UserObjectPermissionBase):
    """A per-case grant to a named user (an expert, a substitute) — direct foreign key."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("case grant to a user")
        verbose_name_plural = _("case grants to users")


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("case grant to a group")
        verbose_name_plural = _("case grants to groups")


class Attachment(models.Model):
    """A file on a case, checked by content, stored under a random name."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="attachments"
    )
    storage_name = models.CharField(_("storage name"), max_length=100, unique=True)
    original_name = models.CharField(_("file name"), max_length=150)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("content type"), max_length=100)
    kind = models.CharField(_("file kind"), max_length=8, choices=FileKind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=AttachmentVisibility.choices,
        default=AttachmentVisibility.EXTERNAL,
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    @property
    def is_internal(self) -> bool:
        return self.visibility == AttachmentVisibility.INTERNAL


class CaseParty(models.Model):
    """An organisation that is a party to a case besides the requesting one (e.g. the
    partners of an agreement). Its current members relate to the case as "party"
    (``casework.permissions.PARTY``)."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="case_parties",
    )
    is_leader = models.BooleanField(_("leader"), default=False)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "-is_leader", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="case_party_unique")
        ]

    def __str__(self):
        return f"{self.case_id}: {self.organisation_id}"


class FrozenVersion(models.Model):
    """What a kind sends for approval, frozen: numbered, hashed and never edited again.

    A concrete version (an advice's text, an agreement's text, a practice) names the
    fields that make up its content in ``content_fields`` and its owner in ``owner_field``: a
    foreign key to the kind's detail table, whose primary key is the case (so
    ``<owner_field>_id`` is the case id). The fingerprint is the SHA-256 of ``canonical()``:
    the content as sorted-key JSON of NFC-normalised, trimmed text with ``\n`` line ends, so
    the same words always give the same hash, whatever browser or database they came through.

    The approval record says who approved, when, and under which committee membership, or
    (a kind in resolution mode) the number of the committee's resolution that approved it
    (the committee app links the resolution to the case; casework keeps its number only,
    as it may not import the committee).
    """

    #: The content fields, hashed in this order-independent canonical form.
    content_fields: tuple[str, ...] = ()
    #: The foreign key to the kind's detail row (whose pk is the case id).
    owner_field: str = ""

    number = models.PositiveIntegerField(_("version"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    drafters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("drafters"), related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_under = models.ForeignKey(
        "directory.Membership",
        verbose_name=_("committee membership of the approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by_resolution = models.CharField(
        _("approved by resolution no."), max_length=60, blank=True
    )

    objects = FrozenVersionQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def case_id(self) -> int:
        return getattr(self, f"{self.owner_field}_id")

    def content(self) -> dict[str, str]:
        return {name: getattr(self, name) or "" for name in self.content_fields}

    @classmethod
    def canonical_of(cls, content: dict[str, str]) -> bytes:
        """The canonical serialisation the fingerprint is taken of (sorted keys, UTF-8, NFC)."""
        import json
        import unicodedata

        def norm(value: str) -> str:
            return unicodedata.normalize("NFC", value.replace("\r\n", "\n")).strip()

        return json.dumps(
            {name: norm(str(value)) for name, value in content.items()},
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode("utf-8")

    @staticmethod
    def rows_text(rows) -> str:
        """Rows of a JSON field (a version's scores, its parties) as ``canonical_of`` takes
        them: every value as text, each row's keys sorted. A kind whose version holds such a
        field puts it through here in its own ``canonical_of``."""
        import json

        return json.dumps(
            [{k: str(v) for k, v in row.items()} for row in rows or []],
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def fingerprint_of(cls, content: dict[str, str]) -> str:
        import hashlib

        return hashlib.sha256(cls.canonical_of(content)).hexdigest()

    def canonical(self) -> bytes:
        return self.canonical_of(self.content())

    def fingerprint_matches(self) -> bool:
        """Is the stored hash still the hash of the stored content?"""
        return self.sha256 == self.fingerprint_of(self.content())

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class ConflictDeclaration(models.Model):
    """A committee member's declaration of a conflict of interest on one case, with the
    reason: from then on the member is recused from deciding it
    (``casework.permissions.RECUSED``). Declared once and kept (on PostgreSQL the table is
    append-only, like the case events); the case event of the declaration points here, so
    the audit log holds the reason's id, not its free text."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="conflict_declarations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="conflict_declarations",
    )
    reason = models.TextField(_("reason"))
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        ordering = ["declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "member"], name="conflict_declaration_case_member_unique"
            )
        ]

    def __str__(self):
        return f"{self.case_id}: {self.member_id}"


class DeclaredLinkQuerySet(models.QuerySet):
    def current(self) -> "DeclaredLinkQuerySet":
        return self.filter(ended_at__isnull=True)


class DeclaredLink(models.Model):
    """An organisation a committee member declares they are linked with (a relative on its
    board, a past job, a contract) although they are not its member: the member is recused
    from every case it requests or is a party to while the link is declared. Ending a link
    keeps the row (``ended_at``), so what was declared when stays known."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("committee member"),
        on_delete=models.PROTECT,
        related_name="declared_links",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="declared_links",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = DeclaredLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("declared link with an organisation")
        verbose_name_plural = _("declared links with organisations")
        ordering = ["-declared_at", "-pk"]
        constraints = [
            # One current link per member and organisation; ended ones stay as history.
            models.UniqueConstraint(
                fields=["member", "organisation"],
                condition=models.Q(ended_at__isnull=True),
                name="declared_link_current_unique",
            )
        ]
        indexes = [models.Index(fields=["member", "ended_at"], name="declared_link_member_idx")]

    def __str__(self):
        return f"{self.member_id} → {self.organisation_id}"
