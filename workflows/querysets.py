import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from .constants import OutboxStatus

#: How many days before the due date a case counts as "due soon".
DUE_SOON_DAYS = 5


class OutboxQuerySet(models.QuerySet):
    def runnable(self, now: datetime.datetime | None = None) -> "OutboxQuerySet":
        """Rows a worker may claim now: pending and available, or running with a dead lease."""
        now = now or timezone.now()
        return self.filter(
            Q(status=OutboxStatus.PENDING, available_at__lte=now)
            | Q(status=OutboxStatus.RUNNING, lease_expires_at__lt=now)
        )


class DeadlineQuerySet(models.QuerySet):
    def due_soon(
        self, today: datetime.date | None = None, days: int = DUE_SOON_DAYS
    ) -> "DeadlineQuerySet":
        """Running clocks that end within ``days`` days (today included), not yet overdue."""
        today = today or timezone.localdate()
        return self.filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))

    def overdue(self, today: datetime.date | None = None) -> "DeadlineQuerySet":
        """Running clocks whose due date has passed."""
        today = today or timezone.localdate()
        return self.filter(due_date__lt=today)
