from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class DeadlineUnit(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class RefusalCode(models.TextChoices):
    FORBIDDEN = "forbidden", _("forbidden")
    INVALID = "invalid", _("invalid")
    CONFLICT = "conflict", _("conflict")
