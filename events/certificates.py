"""Certificates as verifiable documents (``documents``): of attendance, for those present at
every session of an event, and of completing the cycle, for a participant present at
workshops of all four modules (matched by e-mail address, as people register without an
account). The document is rendered in the background; its verification code is printed on
it like every document's."""

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from documents.registry import register_document_kind
from documents.services import document_request
from workflows.outbox import outbox_add

from .constants import EventKind, Module, RegistrationStatus
from .models import Certificate, CertificateKind, Event, Registration

ATTENDANCE_DOCUMENT = "event_certificate"
CYCLE_DOCUMENT = "event_cycle_certificate"


def _context(certificate: Certificate) -> dict:
    if certificate.kind == CertificateKind.ATTENDANCE:
        event = certificate.registration.event
        return {
            "certificate": certificate,
            "event": event,
            "sessions": list(event.sessions.all()),
            "title": f"Zaświadczenie o udziale: {event.title}",
        }
    modules = (
        _certified_workshops()
        .filter(email__iexact=certificate.email)
        .select_related("event")
        .order_by("event__module", "created_at")
    )
    return {
        "certificate": certificate,
        "modules": [(r.event.get_module_display(), r.event) for r in modules],
        "title": "Zaświadczenie o ukończeniu cyklu czterech modułów",
    }


def _organisers(user, certificate) -> bool:
    registration = certificate.registration
    if registration is None:  # a cycle certificate: whoever organises workshops
        return Event.objects.managed_by(user).filter(kind=EventKind.WORKSHOP).exists()
    return Event.objects.managed_by(user).filter(pk=registration.event_id).exists()


def register_kinds() -> None:
    register_document_kind(
        ATTENDANCE_DOCUMENT,
        template="events/certificate.html",
        build_context=_context,
        label=_("certificate of attendance"),
        may_manage=_organisers,
    )
    register_document_kind(
        CYCLE_DOCUMENT,
        template="events/certificate.html",
        build_context=_context,
        label=_("certificate of completing the four-module cycle"),
        may_manage=_organisers,
    )


def _certified_workshops():
    """Registrations with an attendance certificate of a workshop of the cycle."""
    return Registration.objects.filter(
        certificate__isnull=False, event__kind=EventKind.WORKSHOP, event__module__isnull=False
    )


def present_at_every_session(event: Event):
    """The confirmed registrations of ``event`` checked in at each of its sessions."""
    sessions = event.sessions.count()
    return (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .annotate(present=Count("attendances", distinct=True))
        .filter(present=sessions, present__gt=0)
    )


@transaction.atomic
def certificates_issue(event: Event, actor) -> int:
    """Issue the attendance certificates of ``event`` not issued yet, then the cycle
    certificates this event completes; the number of documents requested. Idempotent."""
    issued = 0
    for registration in present_at_every_session(event).filter(certificate__isnull=True):
        certificate = Certificate.objects.create(
            kind=CertificateKind.ATTENDANCE, registration=registration, name=registration.name
        )
        document_request(
            kind=ATTENDANCE_DOCUMENT, source=certificate, actor=actor,
            key=f"{ATTENDANCE_DOCUMENT}:{certificate.pk}",
        )  # fmt: skip
        outbox_add(
            topic="events.email",
            key=f"events.certificate:{certificate.pk}",
            payload={"registration_id": registration.pk, "what": "certificate"},
        )
        issued += 1
    if event.kind == EventKind.WORKSHOP and event.module:
        for email, name in _cycle_completed(event):
            certificate, created = Certificate.objects.get_or_create(
                kind=CertificateKind.CYCLE, email=email, defaults={"name": name}
            )
            if created:
                document_request(
                    kind=CYCLE_DOCUMENT, source=certificate, actor=actor,
                    key=f"{CYCLE_DOCUMENT}:{certificate.pk}",
                )  # fmt: skip
                outbox_add(
                    topic="events.cycle_email",
                    key=f"events.cycle_certificate:{certificate.pk}",
                    payload={"certificate_id": certificate.pk},
                )
                issued += 1
    return issued


def _cycle_completed(event: Event) -> list[tuple[str, str]]:
    """(address, name) of this event's certified participants who now hold attendance
    certificates of workshops in all four modules."""
    emails = {
        r.email.lower(): r.name
        for r in Registration.objects.filter(event=event, certificate__isnull=False)
    }
    if not emails:
        return []
    per_address: dict[str, set] = {}
    for r in (
        _certified_workshops()
        .annotate(address=Lower("email"))
        .filter(address__in=list(emails))
        .values("email", "event__module")
    ):
        per_address.setdefault(r["email"].lower(), set()).add(r["event__module"])
    return [
        (email, name)
        for email, name in emails.items()
        if per_address.get(email, set()) >= set(Module.values)
    ]


def certificate_document(certificate: Certificate):
    """The latest issued document of a certificate (None before it is requested)."""
    from documents.models import Document

    return Document.objects.of_source(certificate).order_by("-version").first()
