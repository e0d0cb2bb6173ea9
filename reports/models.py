"""The programme plan: its three tasks, their planned activities and the coordinator's entries.

An activity's progress comes from esflow's own data when ``source`` names a measure
(``reports.plan.MEASURES``); otherwise the coordinator enters it (``ProgressEntry``), with a note.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Task(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("programme task")
        verbose_name_plural = _("programme tasks")

    def __str__(self):
        return f"{self.number}. {self.title}"


class Activity(models.Model):
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="activities"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    planned_quantity = models.PositiveIntegerField(_("planned quantity"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    #: A key of ``reports.plan.MEASURES`` when esflow counts the progress itself; empty when
    #: the coordinator enters it.
    source = models.CharField(_("computed from"), max_length=40, blank=True)

    class Meta:
        ordering = ["task__number", "position", "pk"]
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="activity_period_ordered",
            )
        ]

    def __str__(self):
        return self.title


class ProgressEntry(models.Model):
    """A quantity the coordinator records for an activity esflow cannot count itself."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="entries"
    )
    on = models.DateField(_("date"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=500)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")

    def __str__(self):
        return f"{self.activity}: {self.quantity} ({self.on})"


class AnnualReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """``documents.permissions`` asks this: coordinators see every annual report (its
        issued versions are public documents anyway, once ready)."""
        from directory.roles import is_coordinator

        if not getattr(user, "is_authenticated", False) or not is_coordinator(user):
            return self.none()
        return self.all()


class AnnualReport(models.Model):
    """The source of the annual report documents of one year; each issue is a new version."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000)]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    def __str__(self):
        return f"{self.year}"


class FunderColumn(models.Model):
    """One column of the funder's export: the funder's name of an indicator, mapped to an
    esflow indicator (``reports.indicators.INDICATORS``) and one of its rows (``row``: the
    row's key, e.g. ``art94`` or a powiat's TERYT code) or its total (``row`` empty). The
    coordinator edits the mapping in the admin when the funder renames or adds an indicator;
    a default is seeded (migration 0005). The admin's form checks the indicator and the row
    (``reports.forms.FunderColumnForm``)."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    funder_name = models.CharField(
        _("funder's indicator name"), max_length=300,
        help_text=_("The name of the indicator as the funder's reporting form words it."),
    )  # fmt: skip
    indicator = models.CharField(_("esflow indicator"), max_length=40)
    row = models.CharField(
        _("row"), max_length=40, blank=True,
        help_text=_("The key of one row of the indicator; empty: the indicator's total."),
    )  # fmt: skip

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("funder's export column")
        verbose_name_plural = _("funder's export columns")

    def __str__(self):
        return self.funder_name
