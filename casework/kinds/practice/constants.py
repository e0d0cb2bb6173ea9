from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

KIND = "practice"
#: The translation context of the status labels (the Polish forms agree with "praktyka",
#: feminine: "złożona", "opublikowana").
STATUS_CONTEXT = "good practice status"
#: Scores run from 1 (weak) to 5 (excellent).
SCORE_MIN = 1
SCORE_MAX = 5
#: Below this average of the scores a practice cannot go for approval (the default; a
#: deployment may set ``ESFLOW_PRACTICE_MIN_AVERAGE``).
DEFAULT_MIN_AVERAGE = Decimal("3.00")


class PracticeStatus(models.TextChoices):
    """The states of a good practice (DESIGN.md, "Good-practice submission"), with
    "returned for changes": the reviewer's feedback is with the submitter, who edits and
    resubmits."""

    DRAFT = "draft", pgettext_lazy(STATUS_CONTEXT, "draft")
    SUBMITTED = "submitted", pgettext_lazy(STATUS_CONTEXT, "submitted")
    IN_REVIEW = "in_review", pgettext_lazy(STATUS_CONTEXT, "in review")
    CHANGES_REQUESTED = (
        "changes_requested",
        pgettext_lazy(STATUS_CONTEXT, "returned for changes"),
    )
    IN_APPROVAL = "in_approval", pgettext_lazy(STATUS_CONTEXT, "in approval")
    PUBLISHED = "published", pgettext_lazy(STATUS_CONTEXT, "published")
    ARCHIVED = "archived", pgettext_lazy(STATUS_CONTEXT, "archived")
    REJECTED = "rejected", pgettext_lazy(STATUS_CONTEXT, "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy(STATUS_CONTEXT, "withdrawn")


class ThematicArea(models.TextChoices):
    """The four thematic groups of the committee (DOMAIN.md, "Task 1"); later the
    committee's bodies themselves."""

    SCIENCE_NGO_BUSINESS = "science_ngo_business", _("science, NGOs and business")
    SOCIAL_SERVICES = "social_services", _("OPS, PCPR, PUP, NGOs and OWES")
    REINTEGRATION = "reintegration", _("reintegration: CIS, KIS, ZAZ and WTZ")
    ROPS_OWES = "rops_owes", _("ROPS and OWES")
