from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from .constants import DocumentStatus


class DocumentQuerySet(models.QuerySet):
    def ready(self) -> "DocumentQuerySet":
        """Rows whose file is complete and hashed: the only ones served or verified."""
        return self.filter(status=DocumentStatus.READY)

    def of_source(self, source, kind: str | None = None) -> "DocumentQuerySet":
        qs = self.filter(
            source_type=ContentType.objects.get_for_model(type(source)), source_id=source.pk
        )
        return qs.filter(kind=kind) if kind else qs

    def newest_public(self, model, source_ids, kind: str) -> dict:
        """The newest ready public document of ``kind`` of each source (rows of ``model``
        with these ids), by source id, in one query: what the portal and the open data link
        to beside each resolution, minutes or agreement of a page (a source without one is
        left out; a newer version still being generated does not hide the one before)."""
        found = {}
        for document in (
            self.ready()
            .filter(
                source_type=ContentType.objects.get_for_model(model),
                source_id__in=list(source_ids),
                kind=kind,
                is_public=True,
            )
            .order_by("source_id", "version")
        ):
            found[document.source_id] = document  # the newest version wins
        return found

    def newer_than(self, document) -> "DocumentQuerySet":
        """Ready versions of the same source and kind issued after ``document``."""
        return self.ready().filter(
            source_type_id=document.source_type_id,
            source_id=document.source_id,
            kind=document.kind,
            version__gt=document.version,
        )

    def stale_jobs(self, now) -> "DocumentQuerySet":
        """Pending rows nobody is working on: never claimed, or their worker's lease ran out."""
        return self.filter(status=DocumentStatus.PENDING).filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now)
        )


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NoticeQuerySet":
        """Its author and staff see a notice; nobody else."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_staff or user.is_superuser:
            return self.all()
        return self.filter(created_by=user)
