"""Events of the programme, their sessions and the registrations for them.

A registration takes a place while it is pending (awaiting its e-mail confirmation, until
``hold_until``), confirmed, or offered from the waiting list (until ``hold_until``); every
other registration waits in order of arrival or is over. ``services`` is the only writer of
statuses: it locks the event row, so concurrent registrations are counted one at a time.
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Organisation, TerritorialUnit
from directory.registry.models import RegistryEntry

from .constants import Audience, EventKind, Module, RegistrationStatus
from .permissions import managed_q


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def managed_by(self, user):
        """The events ``user`` organises (the rule: ``events.permissions.managed_q``)."""
        return self.filter(managed_q(user))


class Event(models.Model):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    module = models.PositiveSmallIntegerField(
        _("module"), choices=Module.choices, null=True, blank=True,
        help_text=_("Workshops only: the module of the four-module cycle."),
    )  # fmt: skip
    organiser = models.ForeignKey(
        Organisation, verbose_name=_("organiser"), on_delete=models.PROTECT,
        related_name="organised_events",
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)
    programme = models.TextField(_("programme"), blank=True)
    speakers = models.TextField(_("speakers"), blank=True)
    materials = models.TextField(
        _("materials after the event"), blank=True,
        help_text=_("Presentations, recordings, summaries, with links: shown on the event's page."),
    )  # fmt: skip
    gmina = models.ForeignKey(
        TerritorialUnit, verbose_name=_("gmina"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="events",
    )  # fmt: skip
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language = models.BooleanField(_("sign language on request"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"))
    registration_closes_at = models.DateTimeField(_("registration closes"))
    audiences = models.JSONField(_("audience"), default=list, blank=True)
    confirm_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a registration"), default=24, validators=[MinValueValidator(1)]
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept an offered place"), default=48, validators=[MinValueValidator(1)]
    )
    #: Study visits: the registry's entities that host the visit, and how people get there.
    hosts = models.ManyToManyField(
        RegistryEntry, verbose_name=_("host entities"), blank=True, related_name="hosted_visits"
    )
    transport = models.TextField(_("transport"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    #: When the participants' personal data were erased (retention); counts stay.
    personal_data_erased_at = models.DateTimeField(
        _("participants' data erased"), null=True, blank=True
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels[a]) for a in self.audiences if a in labels]


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """``documents.permissions`` asks this for attendance sheets: the organisers'."""
        return self.filter(managed_q(user, "event__"))


class Session(models.Model):
    """One date of an event (a conference has one, a workshop cycle several)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title or str(self.event)


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One person's registration. Personal fields are few (name, e-mail, institution,
    accessibility needs) and are erased after the retention time; counts stay."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="event_registrations",
    )  # fmt: skip
    name = models.CharField(_("first name and surname"), max_length=200)
    email = models.EmailField(_("e-mail"))
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    audience = models.CharField(_("audience category"), max_length=32, choices=Audience.choices)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    photo_consent = models.BooleanField(_("consent to photos"), default=False)
    #: The language of the page the person registered on: their e-mails follow it.
    language = models.CharField(_("language"), max_length=8, default="pl")
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, db_index=True
    )
    #: Until when a pending or offered registration holds its place.
    hold_until = models.DateTimeField(_("holds the place until"), null=True, blank=True)
    #: Part of the signed links in the e-mails (confirm, accept, cancel); changing it voids them.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            # One live registration per address and event: a second one is refused, not queued.
            models.UniqueConstraint(
                "event", models.functions.Lower("email"),
                condition=~models.Q(status__in=["cancelled", "expired"]),
                name="registration_one_live_per_email",
            )
        ]  # fmt: skip

    def __str__(self):
        return f"{self.event} \u2013 {self.name}"


class Attendance(models.Model):
    """A participant checked in at one session (by the organiser, from the list or the QR)."""

    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
        related_name="attendances",
    )  # fmt: skip
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    checked_in_at = models.DateTimeField(_("checked in"), auto_now_add=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked in by"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="attendance_once")
        ]

    def __str__(self):
        return f"{self.registration} \u2013 {self.session}"


class CertificateKind(models.TextChoices):
    ATTENDANCE = "attendance", _("certificate of attendance")
    CYCLE = "cycle", _("certificate of completing the four-module cycle")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """``documents.permissions`` asks this: the participant's own certificates (by their
        account) and those of the events the user organises."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(
            models.Q(registration__user=user)
            | managed_q(user, "registration__event__")
            | models.Q(kind=CertificateKind.CYCLE, email__iexact=user.email)
        )


class Certificate(models.Model):
    """The source of a certificate document: attendance at one event (for a registration
    present at every session) or completion of the four workshop modules (for an e-mail
    address present at workshops of all four modules). The name is kept as printed."""

    kind = models.CharField(_("kind"), max_length=16, choices=CertificateKind.choices)
    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="certificate",
    )  # fmt: skip
    #: The cycle certificate's participant, by address (lower case); one per address.
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("first name and surname"), max_length=200)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=models.Q(kind="cycle"), name="one_cycle_certificate"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} \u2013 {self.name}"


class ExhibitorStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("exhibitor", "applied")
    ACCEPTED = "accepted", pgettext_lazy("exhibitor", "accepted")
    REJECTED = "rejected", pgettext_lazy("exhibitor", "rejected")


class Exhibitor(models.Model):
    """A registry entity's stand at a fair: it applies, the organiser accepts or rejects;
    accepted exhibitors are listed on the fair's public page."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="exhibitors"
    )
    entry = models.ForeignKey(
        RegistryEntry, verbose_name=_("entity"), on_delete=models.PROTECT,
        related_name="fair_stands",
    )  # fmt: skip
    offer = models.TextField(_("what the stand shows"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=ExhibitorStatus.choices,
        default=ExhibitorStatus.APPLIED,
    )  # fmt: skip
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applied by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )  # fmt: skip
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        ordering = ["applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "entry"], name="one_stand_per_entity")
        ]

    def __str__(self):
        return f"{self.event} \u2013 {self.entry}"
