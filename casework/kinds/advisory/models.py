"""The advisory detail of a case and the frozen versions of its opinion.

The tables keep the names they had when these models lived in ``casework`` (migration
``advisory 0001`` takes them over without touching the data).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Case, FrozenVersion

from .intake.constants import Topic


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

    content_fields = ("text", "recommendations", "legal_references")
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
