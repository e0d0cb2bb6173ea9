from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    EMAIL = "email", _("e-mail")
    PAPER = "paper", _("paper")
    PHONE = "phone", _("phone")


#: The state every kind starts in; a draft has no number and no events.
DRAFT = "draft"


class AttachmentVisibility(models.TextChoices):
    EXTERNAL = "external", _("shared with the requester")
    INTERNAL = "internal", _("internal (staff only)")
