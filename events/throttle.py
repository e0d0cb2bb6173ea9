"""Throttling of the public registration form, per client address and per e-mail address,
without any third-party service: counters in Django's cache (shared between processes when
``CACHES`` names a shared backend, as the README's production notes do) for addresses, and
the registrations themselves for e-mail addresses. Addresses are stored only as hashes."""

import hashlib

from django.core.cache import cache
from django.utils import timezone

#: Registration attempts allowed per client address per hour, and per e-mail per hour.
PER_ADDRESS = 20
PER_EMAIL = 5
WINDOW = 3600


def _key(kind: str, value: str) -> str:
    return "events.throttle:" + kind + ":" + hashlib.sha256(value.encode()).hexdigest()


def address_throttled(address: str) -> bool:
    """Count one attempt from ``address``; True once it has made too many this hour."""
    key = _key("ip", address or "-")
    cache.add(key, 0, WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        count = 1
    return count > PER_ADDRESS


def email_throttled(email: str) -> bool:
    from .models import Registration

    since = timezone.now() - timezone.timedelta(seconds=WINDOW)
    recent = Registration.objects.filter(email__iexact=email, created_at__gte=since).count()
    return recent >= PER_EMAIL
