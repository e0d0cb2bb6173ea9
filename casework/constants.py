from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    ADVISORY = "advisory", _("advisory request")
    AGREEMENT = "agreement", _("partnership agreement")
    PRACTICE = "practice", _("good-practice submission")


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    EMAIL = "email", _("e-mail")
    PAPER = "paper", _("paper")
    PHONE = "phone", _("phone")


#: The state every kind starts in; a draft has no number and no events.
DRAFT = "draft"


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


class AttachmentVisibility(models.TextChoices):
    EXTERNAL = "external", _("shared with the requester")
    INTERNAL = "internal", _("internal (staff only)")
