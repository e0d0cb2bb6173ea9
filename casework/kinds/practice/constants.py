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


class PhotoLicence(models.TextChoices):
    """Under what terms the catalogue may show a photo (on the web and in the yearly PDF
    edition): an open licence, or the author's permission for the programme's catalogue."""

    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    PERMISSION = "permission", _("all rights reserved, shown with the author's permission")


class PhotoSize(models.TextChoices):
    """The derivatives a photo is stored as (the original is never kept): ``large`` for the
    practice's page, its gallery and the PDF documents, ``thumb`` for lists and the gallery's
    grid. The URL's size parameter takes these values."""

    LARGE = "large", _("large")
    THUMB = "thumb", _("thumbnail")


#: The longest side, in pixels, of each derivative (a smaller original is not enlarged).
PHOTO_MAX_SIDE = {PhotoSize.LARGE: 1600, PhotoSize.THUMB: 400}
#: At most this many photos a practice.
PHOTOS_MAX = 12
#: The states in which a practice is public (archived ones stay public, with a notice): its
#: photos are then served to anyone, before that only to whoever may see the case.
PUBLIC_STATES = (PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED)
