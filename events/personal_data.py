"""What events hold about a person: their registrations (accounts' export and erasure).

Registrations made without an account are matched by the user's e-mail address too, so an
erased person leaves no name or address in any registration; the registration rows stay
(their status and audience category count in the programme's reports)."""

from typing import Any

from django.db import transaction
from django.db.models import Q


def _of(user, emails=()):
    from .models import Registration

    addresses = {e.lower() for e in (user.email, *emails) if e}
    match = Q(user=user)
    for address in addresses:
        match |= Q(email__iexact=address)
    return Registration.objects.filter(match)


def export(user) -> dict[str, Any]:
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "name": r.name,
                "email": r.email,
                "institution": r.institution,
                "audience": r.audience,
                "accessibility_needs": r.accessibility_needs,
                "photo_consent": r.photo_consent,
                "status": r.status,
                "registered_at": r.created_at.isoformat(),
            }
            for r in _of(user).select_related("event").order_by("created_at", "pk")
        ]
    }


@transaction.atomic
def erase(user, old_names: list[str]) -> None:
    """Called after the user row is pseudonymised: ``old_names`` holds the old address."""
    from .services import registrations_erase

    old_emails = [n for n in old_names if "@" in n]
    registrations_erase(list(_of(user, old_emails).select_for_update()))
