"""Reads of cases. ``visible_to`` filters by the one visibility rule of
``casework.permissions`` (``VIEW_RULE``), whose per-object form answers ``can_view``.
"""

from django.db import models

from directory.roles import is_staff, roles_of
from workflows.querysets import DeadlineQuerySet


class CaseQuerySet(DeadlineQuerySet):
    def visible_to(self, user) -> "CaseQuerySet":
        """The cases ``user`` may see (lists and details use this same rule)."""
        from .permissions import NONE, visible_q

        q = visible_q(user)
        if q == NONE:
            return self.none()
        return self.filter(q)

    def of_kind(self, kind: str) -> "CaseQuerySet":
        return self.filter(kind=kind)


class CaseCommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseCommentQuerySet":
        """Comments on visible cases; internal ones only for staff (advisors, coordinators)."""
        from .models import Case
        from .permissions import sees_internal

        qs = self.filter(case__in=Case.objects.visible_to(user))
        if not sees_internal(user):
            qs = qs.filter(is_internal=False)
        return qs


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        from .permissions import active_user

        if not active_user(user):
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class AttachmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AttachmentQuerySet":
        """Attachments of visible cases; internal ones only for staff (advisors, coordinators)."""
        from .constants import AttachmentVisibility
        from .models import Case
        from .permissions import sees_internal

        qs = self.filter(case__in=Case.objects.visible_to(user))
        if not sees_internal(user):
            qs = qs.filter(visibility=AttachmentVisibility.EXTERNAL)
        return qs


class FrozenVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "FrozenVersionQuerySet":
        """Versions of visible cases. Staff and the committee see every version; the
        requesting side sees only an approved version once it has been issued to them (the
        kind's ``version_issued_states``)."""
        from directory.constants import Role

        from .models import Case
        from .registry import registered_kinds

        owner = self.model.owner_field
        qs = self.filter(**{f"{owner}_id__in": Case.objects.visible_to(user).values("pk")})
        if is_staff(user) or Role.COMMITTEE in roles_of(user):
            return qs
        issued = set()
        for kind in registered_kinds().values():
            if kind.version_model is self.model:
                issued |= set(kind.version_issued_states)
        return qs.filter(
            approved_at__isnull=False, **{f"{owner}__case__status__in": sorted(issued)}
        )
