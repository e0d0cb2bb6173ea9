import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "MembershipQuerySet":
        """Memberships in force on a day (today by default): started, not yet ended."""
        on = on or today()
        return self.filter(valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )

    def of_user(self, user) -> "MembershipQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class OrganisationQuerySet(models.QuerySet):
    def municipal(self) -> "OrganisationQuerySet":
        from .constants import MUNICIPAL_KINDS

        return self.filter(kind__in=MUNICIPAL_KINDS)
