from django.db import models
from django.utils.translation import gettext_lazy as _

KIND = "advisory"
#: The document kinds of the opinion issued to the requester and of its public version.
OPINION_DOCUMENT = "advisory_opinion"
PUBLIC_OPINION_DOCUMENT = "advisory_opinion_public"


class AdvisoryStatus(models.TextChoices):
    """The states of an advisory request (DESIGN.md, "Advisory request")."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    IN_REVIEW = "in_review", _("in review")
    AWAITING_INFO = "awaiting_info", _("awaiting information")
    IN_APPROVAL = "in_approval", _("in approval")
    APPROVED = "approved", _("approved")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
