from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    """The programme's kinds of events (DOMAIN.md, "Events")."""

    CONFERENCE = "conference", _("inaugural conference")
    FAIR = "fair", _("social-economy fair")
    UNIVERSITY_DAY = "university_day", _("social-economy day at a university")
    BEZ_BARIER = "bez_barier", _("“Bez barier z ekonomią społeczną” meeting")
    WORKSHOP = "workshop", _("workshop")
    STUDY_VISIT = "study_visit", _("study visit")


class Module(models.IntegerChoices):
    """The four workshop modules; a participant who completes all four gets the cycle
    certificate."""

    CLAUSES = 1, _("1. Social clauses in public procurement")
    SERVICES = 2, _("2. Services of general interest, incl. social services")
    PARTNERSHIP = 3, _("3. Cooperation and partnership for the social economy")
    LOCAL_PLANS = 4, _("4. Local social-economy development plans")


class Audience(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("local-government staff")
    SOCIAL_ASSISTANCE = "social_assistance", _("social assistance and integration institutions")
    SOCIAL_ECONOMY = "social_economy", _("social-economy entities")
    SCIENCE = "science", _("science")
    BUSINESS = "business", _("business")
    OTHER = "other", _("other local actors")


class RegistrationStatus(models.TextChoices):
    #: Holds a place until the e-mail link is followed or the hold expires.
    PENDING = "pending", pgettext_lazy("registration", "awaiting confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("registration", "confirmed")
    #: On the waiting list, in the order of registration.
    WAITING = "waiting", pgettext_lazy("registration", "on the waiting list")
    #: A freed place offered to the first waiting, valid until ``hold_until``.
    OFFERED = "offered", pgettext_lazy("registration", "place offered")
    CANCELLED = "cancelled", pgettext_lazy("registration", "cancelled")
    EXPIRED = "expired", pgettext_lazy("registration", "expired")


#: The statuses that take one of the event's places.
HOLDS_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
#: The statuses a participant may still cancel.
CANCELLABLE = (*HOLDS_PLACE, RegistrationStatus.WAITING)
