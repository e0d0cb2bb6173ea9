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

from .constants import CaseKind, Channel
from .querysets import CaseCommentQuerySet, CaseQuerySet, NotificationQuerySet


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
        indexes = [models.Index(fields=["kind", "status"])]

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


from .models_queues import SavedFilter  # noqa: E402, F401 (queues: saved filters)
