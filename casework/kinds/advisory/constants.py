from django.db import models
from django.utils.translation import pgettext_lazy

KIND = "advisory"
#: The translation context of the status labels (the Polish forms agree with "wniosek").
STATUS_CONTEXT = "advisory request status"
#: The document kinds of the opinion issued to the requester and of its public version.
OPINION_DOCUMENT = "advisory_opinion"
PUBLIC_OPINION_DOCUMENT = "advisory_opinion_public"


class AdvisoryStatus(models.TextChoices):
    """The states of an advisory request (DESIGN.md, "Advisory request").

    The labels are read beside the kind's noun ("wniosek o doradztwo", masculine), so their
    Polish forms agree with it ("złożony", "odrzucony"); the context keeps them apart from
    the same English words used elsewhere.
    """

    DRAFT = "draft", pgettext_lazy(STATUS_CONTEXT, "draft")
    SUBMITTED = "submitted", pgettext_lazy(STATUS_CONTEXT, "submitted")
    IN_REVIEW = "in_review", pgettext_lazy(STATUS_CONTEXT, "in review")
    AWAITING_INFO = "awaiting_info", pgettext_lazy(STATUS_CONTEXT, "awaiting information")
    IN_APPROVAL = "in_approval", pgettext_lazy(STATUS_CONTEXT, "in approval")
    APPROVED = "approved", pgettext_lazy(STATUS_CONTEXT, "approved")
    PUBLISHED = "published", pgettext_lazy(STATUS_CONTEXT, "published")
    REJECTED = "rejected", pgettext_lazy(STATUS_CONTEXT, "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy(STATUS_CONTEXT, "withdrawn")
