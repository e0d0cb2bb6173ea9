"""The engine's tables and the abstract parts a case model is built from.

The engine knows no case type: a concrete case model mixes in ``StatusMixin`` and
``DeadlineMixin`` and subclasses ``AbstractEvent`` / ``AbstractPause`` with real foreign keys.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import DeadlineUnit, OutboxStatus
from .querysets import DeadlineQuerySet, OutboxQuerySet


class OutboxRow(models.Model):
    """A side effect of a committed transaction, handed to a background task exactly once."""

    topic = models.CharField(_("topic"), max_length=100)
    key = models.CharField(_("key"), max_length=255, unique=True)
    payload = models.JSONField(_("payload"), default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    available_at = models.DateTimeField(_("available at"))
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    lease_token = models.CharField(_("lease token"), max_length=32, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox row")
        verbose_name_plural = _("outbox rows")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "available_at"])]

    def __str__(self):
        return f"{self.topic} {self.key} ({self.status})"


class NumberCounter(models.Model):
    """The last sequence number given out for a case kind in a year."""

    kind = models.CharField(_("case kind"), max_length=32)
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="numbercounter_kind_year_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.year}: {self.last}"


class StatusMixin(models.Model):
    """The state of a case. Written only by ``workflows.services.transition_apply``."""

    status = models.CharField(_("status"), max_length=32, editable=False, db_index=True)
    resume_status = models.CharField(
        _("state to resume"),
        max_length=32,
        editable=False,
        blank=True,
        help_text=_("Where a paused case returns when the pause ends."),
    )

    class Meta:
        abstract = True


class DeadlineMixin(models.Model):
    """The clock of a case: its policy is copied here when the clock starts."""

    deadline_days = models.PositiveIntegerField(_("deadline (days)"), null=True, blank=True)
    deadline_unit = models.CharField(
        _("deadline unit"), max_length=16, choices=DeadlineUnit.choices, blank=True
    )
    clock_started_on = models.DateField(_("clock started on"), null=True, blank=True)
    extension_days = models.PositiveIntegerField(_("extension (days)"), default=0)
    due_date = models.DateField(
        _("due date"), null=True, blank=True, db_index=True, help_text=_("Empty while paused.")
    )
    #: The due date last given to the requester; unlike ``due_date`` it is kept when the clock
    #: pauses or stops, so a closed case still shows what was promised beside what was done.
    promised_date = models.DateField(
        _("promised date"),
        null=True,
        blank=True,
        help_text=_("The last due date given; kept after the case is closed."),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        abstract = True


class AbstractEvent(models.Model):
    """One line of a case's append-only audit log: who did what, from which state to which.

    A concrete subclass adds ``case`` (PROTECT) and ``actor`` (PROTECT) foreign keys.
    ``data`` holds reference data only (ids, dates, codes), never free-text personal data.
    """

    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=64)
    from_status = models.CharField(_("from"), max_length=32, blank=True)
    to_status = models.CharField(_("to"), max_length=32, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"


class AbstractPause(models.Model):
    """An interval during which a case's clock stood still (e.g. waiting for information)."""

    started_on = models.DateField(_("paused on"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["started_on", "pk"]

    def __str__(self):
        return f"{self.started_on} - {self.ended_on or '...'}"


class AbstractDeadlineExtension(models.Model):
    """A recorded extension of a case's deadline with its reason (KPA art. 36)."""

    days = models.PositiveIntegerField(_("days"))
    reason = models.TextField(_("reason"))
    due_before = models.DateField(_("due date before"), null=True, blank=True)
    due_after = models.DateField(_("due date after"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


__all__ = [
    "AbstractDeadlineExtension",
    "AbstractEvent",
    "AbstractPause",
    "DeadlineMixin",
    "NumberCounter",
    "OutboxRow",
    "StatusMixin",
]
