"""Saved queue filters: a user's named GET query for the queue (a stable, bookmarkable URL)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_filters",
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("query"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "casework"
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_unique")
        ]

    def __str__(self):
        return self.name
