"""The advisory detail of a case and the frozen versions of its opinion.

The tables keep the names they had when these models lived in ``casework`` (migration
``advisory 0001`` takes them over without touching the data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case, FrozenVersion

from .intake.constants import ClauseType, Topic


class AdvisoryRequest(models.Model):
    """The advisory detail of a case: its topic, the intake answers and the opinion's draft.

    The opinion is drafted here (``opinion_*`` fields, edited in review); sending it for
    approval freezes it as an ``OpinionVersion``, which is what the committee decides on
    (``current_version``).
    """

    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="advisory",
    )
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    intake = models.JSONField(_("intake answers"), default=dict, blank=True)
    consent_to_publish = models.BooleanField(
        _("consent to a public anonymised version"),
        default=False,
        help_text=_(
            "The requester agrees that an anonymised version of the opinion may be published."
        ),
    )
    opinion_text = models.TextField(_("opinion"), blank=True)
    opinion_recommendations = models.TextField(_("recommendations"), blank=True)
    opinion_legal_references = models.TextField(_("legal references"), blank=True)
    #: The draft clauses the advisor inserted and edited: a list of ``{"clause_type",
    #: "title", "legal_basis", "text", "template_version"}`` dicts (``clauses.py``).
    opinion_clauses = models.JSONField(_("draft clauses"), default=list, blank=True)
    opinion_editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors of the opinion"),
        blank=True,
        related_name="+",
    )
    current_version = models.ForeignKey(
        "OpinionVersion",
        verbose_name=_("version sent for approval"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "casework_advisoryrequest"
        verbose_name = _("advisory request")
        verbose_name_plural = _("advisory requests")

    def __str__(self):
        return str(self.case)


class OpinionVersion(FrozenVersion):
    """An opinion frozen when it was sent for approval; the committee decides on exactly this."""

    content_fields = ("text", "recommendations", "legal_references", "clauses")
    owner_field = "advisory"

    advisory = models.ForeignKey(
        AdvisoryRequest,
        verbose_name=_("advisory request"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    text = models.TextField(_("opinion"))
    recommendations = models.TextField(_("recommendations"), blank=True)
    legal_references = models.TextField(_("legal references"), blank=True)
    #: The clause texts as they were issued, copied (never a reference to a template, which
    #: a coordinator may edit later): the same dicts as ``AdvisoryRequest.opinion_clauses``.
    clauses = models.JSONField(_("draft clauses"), default=list, blank=True)

    class Meta:
        db_table = "casework_opinionversion"
        verbose_name = _("opinion version")
        verbose_name_plural = _("opinion versions")
        ordering = ["advisory", "number"]
        constraints = [
            models.UniqueConstraint(fields=["advisory", "number"], name="opinion_version_unique")
        ]

    def __str__(self):
        return f"{self.advisory_id} v{self.number}"

    @classmethod
    def canonical_of(cls, content: dict) -> bytes:
        """The fingerprinted form; the clauses enter as canonical JSON text, and only when
        there are any, so versions frozen before clauses existed keep their fingerprints."""
        content = dict(content)
        clauses = content.pop("clauses", None) or []
        if clauses:
            content["clauses"] = cls.rows_text(clauses)
        return super().canonical_of(content)


class ClauseTemplate(models.Model):
    """One version of the draft text of a social clause (reference data, not case data).

    A coordinator's edit never changes a row: it adds the next version of the clause type
    (``clauses.template_save``); the current template of a type is its highest version.
    Opinions copy the text when the advisor inserts it, so an edit changes no opinion.
    """

    clause_type = models.CharField(
        _("clause type"), max_length=32, choices=ClauseType.choices, db_index=True
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title of the clause"), max_length=300)
    legal_basis = models.TextField(_("legal basis"))
    #: May hold markers in braces (``{przedmiot}``), filled in from the request on insertion.
    text = models.TextField(_("text of the clause"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("clause template")
        verbose_name_plural = _("clause templates")
        ordering = ["clause_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["clause_type", "version"], name="clause_template_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.get_clause_type_display()} v{self.version}"
