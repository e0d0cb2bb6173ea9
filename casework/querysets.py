"""Reads of cases. ``visible_to`` is THE visibility rule; ``permissions.can`` mirrors it.

Who sees a case (deny by default; decided for esflow, see docs in /work/notes/engine.md):

* A **draft** is seen only by members of the requesting organisation and by the user who
  filed it (staff filing on paper or by phone on a gmina's behalf). Nobody else — not even a
  coordinator — since a draft is not yet filed.
* Any other state is seen by: members of the requesting organisation; the filer; the
  assignee; every advisor and coordinator ("advisors see submitted work; coordinators see
  all"); committee members when the case is in one of its kind's ``committee_states`` ("in or
  past approval"); and anyone holding an explicit per-case ``view_case`` grant (django-guardian,
  direct foreign-key tables), directly or through a group.
"""

from django.db import models
from django.db.models import Q

from directory.constants import Role
from directory.roles import organisation_ids_of, roles_of
from workflows.querysets import DeadlineQuerySet
from workflows.registry import registered_flows

from .constants import DRAFT

VIEW_PERMISSION = "view_case"
STAFF_ROLES = frozenset({Role.ADVISOR, Role.COORDINATOR})


def committee_q() -> Q:
    """Cases in a state the committee sees, over every registered kind."""
    q = Q(pk__in=[])
    for kind, flow in registered_flows().items():
        if flow.committee_states:
            q |= Q(kind=kind, status__in=sorted(flow.committee_states))
    return q


def active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class CaseQuerySet(DeadlineQuerySet):
    def visible_to(self, user) -> "CaseQuerySet":
        """The cases ``user`` may see (lists and details use this same rule)."""
        if not active_user(user):
            return self.none()
        from .models import CaseGroupObjectPermission, CaseUserObjectPermission

        roles = roles_of(user)
        own = Q(requesting_organisation_id__in=organisation_ids_of(user)) | Q(filed_by=user)
        if roles & STAFF_ROLES:
            # Staff see every filed case: the other grants below add nothing, and leaving
            # them out keeps the condition one the planner serves from an index.
            return self.filter(own | ~Q(status=DRAFT))
        others = Q(assignee=user)
        if Role.COMMITTEE in roles:
            others |= committee_q()
        others |= Q(
            pk__in=CaseUserObjectPermission.objects.filter(
                user=user, permission__codename=VIEW_PERMISSION
            ).values("content_object_id")
        ) | Q(
            pk__in=CaseGroupObjectPermission.objects.filter(
                group__user=user, permission__codename=VIEW_PERMISSION
            ).values("content_object_id")
        )
        return self.filter(own | (~Q(status=DRAFT) & others))

    def of_kind(self, kind: str) -> "CaseQuerySet":
        return self.filter(kind=kind)


class CaseCommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "CaseCommentQuerySet":
        """Comments on visible cases; internal ones only for staff (advisors, coordinators)."""
        from .models import Case

        qs = self.filter(case__in=Case.objects.visible_to(user))
        if not roles_of(user) & STAFF_ROLES:
            qs = qs.filter(is_internal=False)
        return qs


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
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

        qs = self.filter(case__in=Case.objects.visible_to(user))
        if not roles_of(user) & STAFF_ROLES:
            qs = qs.filter(visibility=AttachmentVisibility.EXTERNAL)
        return qs


class OpinionVersionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OpinionVersionQuerySet":
        """Versions of visible cases. Staff and the committee see every version; the
        requesting side sees only the approved version once it has been published."""
        from .models import Case

        qs = self.filter(advisory__case__in=Case.objects.visible_to(user))
        if roles_of(user) & (STAFF_ROLES | {Role.COMMITTEE}):
            return qs
        return qs.filter(approved_by__isnull=False, advisory__case__status="published")
