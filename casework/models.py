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

from .constants import AttachmentVisibility, CaseKind, Channel
from .intake.constants import Topic
from .querysets import (
    AttachmentQuerySet,
    CaseCommentQuerySet,
    CaseQuerySet,
    NotificationQuerySet,
    OpinionVersionQuerySet,
)
from .uploads import FileKind


class Case(StatusMixin, DeadlineMixin, models.Model):
    """What every case has, whatever its kind; each kind adds a one-to-one detail table."""

    kind = models.CharField(_("kind"), max_length=32, choices=CaseKind.choices, editable=False)
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
        from .notifications import notification_subject

        return notification_subject(self.verb, self.case)


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


class AdvisoryRequest(models.Model):
    """The advisory detail of a case: its topic, the intake answers and the opinion's draft.

    The opinion is drafted here (``opinion_*`` fields, edited in review); sending it for
    approval freezes it as an ``OpinionVersion``, which is what the committee decides on
    (``current_version``).
    """

    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="advisory",
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    intake = models.JSONField(_("intake answers"), default=dict, blank=True)
    consent_to_publish = models.BooleanField(
        _("consent to a public anonymised version"),
        default=False,
        help_text=_(
            "The requester agrees that an anonymised version of the opinion may be published."
        ),
    )
    opinion_text = models.TextField(_("opinion"), blank=True)
    opinion_recommendations = models.TextField(_("recommendations"), blank=True)
    opinion_legal_references = models.TextField(_("legal references"), blank=True)
    opinion_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors of the opinion"),
        blank=True,
        related_name="+",
    )
    current_version = models.ForeignKey(
        "OpinionVersion",
        verbose_name=_("version sent for approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("advisory request")
        verbose_name_plural = _("advisory requests")

    def __str__(self):
        return str(self.case)


class OpinionVersion(models.Model):
    """An opinion frozen when it was sent for approval; the committee decides on exactly this."""

    advisory = models.ForeignKey(
        AdvisoryRequest,
        verbose_name=_("advisory request"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("opinion"))
    recommendations = models.TextField(_("recommendations"), blank=True)
    legal_references = models.TextField(_("legal references"), blank=True)
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

    objects = OpinionVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion version")
        verbose_name_plural = _("opinion versions")
        ordering = ["advisory", "number"]
        constraints = [
            models.UniqueConstraint(fields=["advisory", "number"], name="opinion_version_unique")
        ]

    def __str__(self):
        return f"{self.advisory_id} v{self.number}"


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


from .models_queues import SavedFilter  # noqa: E402, F401 (queues: saved filters)
