"""Registrations: places, the waiting list, holds that expire, and the e-mails about them.

Every status change happens with the event's row locked (``SELECT … FOR UPDATE``), so on
PostgreSQL concurrent registrations for one event are decided one after another: exactly
``capacity`` places are ever held, and the rest wait in the order they arrived. A freed place
(a cancellation, an expired hold) is offered at once to the first waiting, for the event's
``offer_hours``; an unaccepted offer passes to the next. ``tick`` runs ``holds_expire``.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workflows.outbox import outbox_add

from .calendar import event_calendar
from .constants import CANCELLABLE, HOLDS_PLACE, RegistrationStatus
from .links import certificate_token, registration_token
from .models import Event, Registration

S = RegistrationStatus


class RegistrationRefused(Exception):
    """A registration or a change of it is refused; ``message`` is for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def registration_open(event: Event, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return event.is_published and event.registration_opens_at <= now < event.registration_closes_at


def register(event: Event, *, data: dict, user=None) -> Registration:
    """Register for ``event``: a place if one is free (confirmed at once for a signed-in user
    registering with their own address, else held until the e-mail link is followed), else
    a place on the waiting list. Raises ``RegistrationRefused``."""
    now = timezone.now()
    if not registration_open(event, now):
        raise RegistrationRefused(_("Registration for this event is closed."))
    email = data["email"].strip()
    own_address = (
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.email.lower() == email.lower()
    )
    try:
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            _expire_stale(locked, now)
            registration = Registration(
                event=locked,
                user=user if own_address else None,
                name=data["name"],
                email=email,
                institution=data.get("institution", ""),
                audience=data["audience"],
                accessibility_needs=data.get("accessibility_needs", ""),
                photo_consent=bool(data.get("photo_consent")),
                language=data.get("language") or settings.LANGUAGE_CODE,
            )
            if _places_held(locked) < locked.capacity:
                if own_address:
                    registration.status, registration.confirmed_at = S.CONFIRMED, now
                else:
                    registration.status = S.PENDING
                    registration.hold_until = now + datetime.timedelta(hours=locked.confirm_hours)
            else:
                registration.status = S.WAITING
            with transaction.atomic():  # a savepoint: the duplicate below leaves no trace
                registration.save()
            _mail(registration, {S.CONFIRMED: "confirmed", S.PENDING: "pending"}.get(
                registration.status, "waiting"
            ))  # fmt: skip
            _offer_free_places(locked, now)
    except IntegrityError:
        raise RegistrationRefused(
            _("This e-mail address is already registered for this event.")
        ) from None
    return registration


def confirm(registration: Registration) -> Registration:
    """Follow the e-mail link: a pending registration or an offered place becomes confirmed
    while its hold lasts. Confirming twice is harmless."""
    now = timezone.now()
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=registration.event_id)
        _expire_stale(locked_event, now)  # kept even when the confirmation is refused
        reg = Registration.objects.get(pk=registration.pk)
        if reg.status in (S.PENDING, S.OFFERED):
            reg.status, reg.confirmed_at, reg.hold_until = S.CONFIRMED, now, None
            reg.save(update_fields=["status", "confirmed_at", "hold_until"])
            _mail(reg, "confirmed")
        _offer_free_places(locked_event, now)
    if reg.status != S.CONFIRMED:
        raise RegistrationRefused(
            _("This registration can no longer be confirmed (its status: %(status)s).")
            % {"status": reg.get_status_display()}
        )
    return reg


def cancel(registration: Registration) -> Registration:
    """Cancel by the e-mail link (or the organiser): the place goes to the first waiting."""
    now = timezone.now()
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=registration.event_id)
        reg = Registration.objects.get(pk=registration.pk)
        if reg.status == S.CANCELLED:
            return reg
        if reg.status not in CANCELLABLE:
            raise RegistrationRefused(
                _("This registration can no longer be cancelled (its status: %(status)s).")
                % {"status": reg.get_status_display()}
            )
        reg.status, reg.cancelled_at, reg.hold_until = S.CANCELLED, now, None
        reg.save(update_fields=["status", "cancelled_at", "hold_until"])
        _mail(reg, "cancelled")
        _expire_stale(locked_event, now)
        _offer_free_places(locked_event, now)
    return reg


def holds_expire(now: datetime.datetime | None = None) -> int:
    """``tick``: end every hold that has run out and offer the freed places; the number of
    registrations expired. Idempotent."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(
            status__in=(S.PENDING, S.OFFERED), hold_until__lte=now
        ).values_list("event_id", flat=True)
    )
    expired = 0
    for event_id in sorted(event_ids):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            expired += _expire_stale(event, now)
            _offer_free_places(event, now)
    return expired


def _places_held(event: Event) -> int:
    return event.registrations.filter(status__in=HOLDS_PLACE).count()


def _expire_stale(event: Event, now: datetime.datetime) -> int:
    """Under the event's lock: holds past their time become expired (their places free)."""
    stale = list(event.registrations.filter(status__in=(S.PENDING, S.OFFERED), hold_until__lte=now))
    for reg in stale:
        reg.status, reg.hold_until = S.EXPIRED, None
        reg.save(update_fields=["status", "hold_until"])
        _mail(reg, "expired")
    return len(stale)


def _offer_free_places(event: Event, now: datetime.datetime) -> None:
    """Under the event's lock: offer each free place to the first waiting, in order."""
    free = event.capacity - _places_held(event)
    if free <= 0:
        return
    for reg in event.registrations.filter(status=S.WAITING).order_by("created_at", "pk")[:free]:
        reg.status = S.OFFERED
        reg.hold_until = now + datetime.timedelta(hours=event.offer_hours)
        reg.save(update_fields=["status", "hold_until"])
        _mail(reg, "offered")


def _mail(registration: Registration, what: str) -> None:
    """An e-mail about ``registration``, sent by the outbox after the commit (once)."""
    outbox_add(
        topic="events.email",
        key=f"events.registration:{registration.pk}:{what}:{registration.status}:"
        f"{registration.hold_until and registration.hold_until.isoformat()}",
        payload={"registration_id": registration.pk, "what": what},
    )


SUBJECTS = {
    "pending": lambda: _("Confirm your registration"),
    "confirmed": lambda: _("Your place is confirmed"),
    "waiting": lambda: _("You are on the waiting list"),
    "offered": lambda: _("A place is free for you: accept it"),
    "cancelled": lambda: _("Your registration is cancelled"),
    "expired": lambda: _("Your registration has expired"),
    "certificate": lambda: _("Your certificate of attendance"),
    "reminder": lambda: _("Reminder: the event is coming"),
    "cycle": lambda: _("Your certificate of completing the four-module cycle"),
}


def registration_email_send(row) -> None:
    """Outbox handler: the e-mail of one registration event, with the signed links and, for
    a confirmed place, the event as an iCalendar file."""
    reg = Registration.objects.select_related("event").filter(pk=row.payload["registration_id"])
    reg = reg.first()
    if reg is None or not reg.email:
        return
    what = row.payload["what"]
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    with translation.override(reg.language or settings.LANGUAGE_CODE):
        subject = f"{SUBJECTS[what]()}: {reg.event.title}"
        links = {
            action: base + reverse(f"events:{action}", args=[registration_token(reg, action)])
            for action in ("confirm", "cancel")
        }
        certificate = getattr(reg, "certificate", None) if what == "certificate" else None
        if certificate is not None:
            links["certificate"] = base + reverse(
                "events:certificate", args=[certificate_token(certificate)]
            )
        body = render_to_string(
            "events/email/registration.txt",
            {"registration": reg, "event": reg.event, "what": what, "links": links},
        )
        message = EmailMessage(subject, body, None, [reg.email])
        if what == "confirmed":
            message.attach("wydarzenie.ics", event_calendar(reg.event), "text/calendar")
            message.attach("kod-obecnosci.png", check_in_qr(reg).png(), "image/png")
        message.send()


@transaction.atomic
def exhibitor_decide(*, stand, decision: str) -> bool:
    """Accept or reject an entity's stand at a fair; True if this call changed it. The row is
    locked, so two organisers deciding at once leave the later decision, each recorded with
    its time. ``decision`` must be accepted or rejected (``ValueError`` otherwise)."""
    from .models import Exhibitor, ExhibitorStatus

    if decision not in (ExhibitorStatus.ACCEPTED, ExhibitorStatus.REJECTED):
        raise ValueError(decision)
    locked = Exhibitor.objects.select_for_update().get(pk=stand.pk)
    if locked.status == decision:
        return False
    locked.status, locked.decided_at = decision, timezone.now()
    locked.save(update_fields=["status", "decided_at"])
    stand.status, stand.decided_at = locked.status, locked.decided_at
    return True


def check_in(registration: Registration, session, actor) -> bool:
    """Mark ``registration`` present at ``session``; True if this call recorded it. Only a
    confirmed participant of the session's event can be checked in."""
    from .models import Attendance

    if session.event_id != registration.event_id:
        raise RegistrationRefused(_("This session belongs to another event."))
    if registration.status != S.CONFIRMED:
        raise RegistrationRefused(_("Only confirmed participants can be checked in."))
    _attendance, created = Attendance.objects.get_or_create(
        registration=registration, session=session, defaults={"checked_in_by": actor}
    )
    return created


def check_in_undo(registration: Registration, session) -> None:
    from .models import Attendance

    Attendance.objects.filter(registration=registration, session=session).delete()


def participants_erase_expired(now: datetime.datetime | None = None) -> int:
    """``tick``: erase the participants' personal data of events whose last session ended
    more than ``ESFLOW_EVENTS_RETENTION_DAYS`` ago; statuses, audience categories and
    attendance stay for the counts. Returns how many events were erased. Idempotent."""
    from django.db.models import Max

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ESFLOW_EVENTS_RETENTION_DAYS)
    due = (
        Event.objects.filter(personal_data_erased_at__isnull=True)
        .annotate(last_end=Max("sessions__ends_at"))
        .filter(last_end__lt=cutoff)
    )
    erased = 0
    for event in due:
        with transaction.atomic():
            registrations_erase(list(event.registrations.select_for_update()))
            Event.objects.filter(pk=event.pk).update(personal_data_erased_at=now)
        erased += 1
    return erased


def registrations_erase(registrations) -> None:
    """Blank the personal fields of ``registrations`` and of their certificates (the issued
    PDF stays in the register of documents); a cycle certificate goes blank once no live
    registration of its address is left."""
    from .models import Certificate, CertificateKind

    addresses = set()
    for reg in registrations:
        addresses.add(reg.email.lower())
        reg.name = reg.institution = reg.accessibility_needs = ""
        reg.email = f"usunieto-{reg.pk}@invalid"
        reg.user = None
        reg.save(update_fields=["name", "institution", "accessibility_needs", "email", "user"])
    Certificate.objects.filter(registration__in=[r.pk for r in registrations]).update(name="")
    for address in addresses:
        if not Registration.objects.filter(email__iexact=address).exists():
            for cert in Certificate.objects.filter(
                kind=CertificateKind.CYCLE, email__iexact=address
            ):
                cert.name, cert.email = "", f"usunieto-c{cert.pk}@invalid"
                cert.save(update_fields=["name", "email"])


def cycle_email_send(row) -> None:
    """Outbox handler: the cycle certificate's link to its participant's address."""
    from .models import Certificate

    certificate = Certificate.objects.filter(pk=row.payload["certificate_id"]).first()
    if certificate is None or not certificate.email or certificate.email.endswith("@invalid"):
        return
    last = Registration.objects.filter(email__iexact=certificate.email).order_by("-pk").first()
    language = last.language if last else settings.LANGUAGE_CODE
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    with translation.override(language):
        body = render_to_string(
            "events/email/cycle.txt",
            {
                "certificate": certificate,
                "link": base + reverse("events:certificate", args=[certificate_token(certificate)]),
            },
        )
        EmailMessage(SUBJECTS["cycle"](), body, None, [certificate.email]).send()


def reminders_send(now: datetime.datetime | None = None) -> int:
    """``tick``: remind confirmed participants of an event whose first session starts within
    ``ESFLOW_EVENTS_REMINDER_HOURS``, once per registration (``reminded_at``). Returns how
    many reminders this call queued."""
    from django.db.models import Min

    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.ESFLOW_EVENTS_REMINDER_HOURS)
    events = (
        Event.objects.published()
        .annotate(first_start=Min("sessions__starts_at"))
        .filter(first_start__gt=now, first_start__lte=soon)
    )
    queued = 0
    for event in events:
        with transaction.atomic():
            due = event.registrations.select_for_update().filter(
                status=S.CONFIRMED, reminded_at__isnull=True
            )
            for reg in due:
                reg.reminded_at = now
                reg.save(update_fields=["reminded_at"])
                _mail(reg, "reminder")
                queued += 1
    return queued


class _QR:
    def __init__(self, url: str):
        import segno

        self.url = url
        self._qr = segno.make(url, error="m")

    def png(self) -> bytes:
        import io

        buffer = io.BytesIO()
        self._qr.save(buffer, kind="png", scale=6, border=2)
        return buffer.getvalue()

    def svg_data_uri(self) -> str:
        return self._qr.svg_data_uri(scale=5, border=2)


def check_in_qr(registration: Registration) -> _QR:
    """The QR a participant shows at the door: it opens the organiser's check-in page."""
    base = settings.ESFLOW_BASE_URL.rstrip("/")
    return _QR(
        base + reverse("events:check-in-code", args=[registration_token(registration, "checkin")])
    )
