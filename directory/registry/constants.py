"""Choices of the registry of social-economy entities (DOMAIN.md, "Registry ... fields")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: An entry not verified for this many days is flagged in the staff list.
STALE_AFTER_DAYS = 365


class PKDVersion(models.TextChoices):
    PKD2007 = "2007", _("PKD 2007")
    PKD2025 = "2025", _("PKD 2025")


class Sector(models.TextChoices):
    GASTRONOMY = "gastronomy", _("catering and gastronomy")
    CLEANING = "cleaning", _("cleaning and maintenance")
    CONSTRUCTION = "construction", _("construction and renovation")
    GREENERY = "greenery", _("greenery and gardening")
    CARE = "care", _("care and social services")
    EDUCATION = "education", _("education and training")
    CULTURE = "culture", _("culture, tourism and recreation")
    CRAFTS = "crafts", _("crafts and manufacturing")
    AGRICULTURE = "agriculture", _("agriculture and food")
    TRANSPORT = "transport", _("transport and logistics")
    IT = "it", _("IT and office services")
    REINTEGRATION = "reintegration", _("social and vocational reintegration")


class SocialService(models.TextChoices):
    """Social services within the meaning of the UES (art. 2 pkt 9), as offered by an entity."""

    CARE = "care", _("care services")
    FAMILY = "family", _("family support")
    DISABILITY = "disability", _("support for people with disabilities")
    SENIORS = "seniors", _("services for seniors")
    HOUSING = "housing", _("supported housing")
    EMPLOYMENT = "employment", _("employment activation")
    HEALTH = "health", _("health promotion")
    CULTURE = "culture", _("cultural and educational services")


class PSPurpose(models.TextChoices):
    REINTEGRATION = "reintegration", _("social and vocational reintegration")
    SOCIAL_SERVICES = "social_services", _("social services")


class AtRiskGroup(models.TextChoices):
    """Groups at risk of social exclusion counted towards the PS status (UES art. 2 pkt 6)."""

    DISABLED = "disabled", _("people with disabilities")
    UNEMPLOYED = "unemployed", _("unemployed people")
    HOMELESS = "homeless", _("homeless people")
    ADDICTION = "addiction", _("people after addiction therapy")
    MENTAL = "mental", _("people with mental disorders")
    PRISON = "prison", _("people leaving prison")
    REFUGEES = "refugees", _("refugees")
    CARE_LEAVERS = "care_leavers", _("young people leaving care")
    OTHER = "other", _("others at risk of exclusion")


class RecordSource(models.TextChoices):
    MANUAL = "manual", _("entered by staff")
    IMPORT = "import", _("imported from a file")
    SELF = "self", _("reported by the entity")
    ART19 = "art19", _("the ministry's list of social enterprises")
    KRS = "krs", _("KRS register")
    OWES = "owes", _("OWES data")


class ChangeSource(models.TextChoices):
    MANUAL = "manual", _("staff edit")
    IMPORT = "import", _("import")
    PROPOSAL = "proposal", _("accepted proposal")
    SYSTEM = "system", _("system")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class ConsentGroup(models.TextChoices):
    """Field groups an entity may agree to publish one by one; identity goes with the entry."""

    ADDRESS = "address", _("address and places of activity")
    CONTACT = "contact", _("contact")
    ACTIVITY = "activity", _("activity: PKD, sectors, social services")
    EMPLOYMENT = "employment", _("employment")
    OFFER = "offer", _("offer")
    PS_STATUS = "ps_status", _("social enterprise status")
