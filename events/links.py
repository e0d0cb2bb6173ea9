"""Signed links in registration e-mails (confirm, accept an offer, cancel, download the
iCalendar file).

The link carries the registration's id, its nonce and the action, signed with the project's
secret key: nothing in the database (the outbox payload included) is enough to forge one,
and changing the nonce voids every link sent so far.
"""

from django.core import signing

SALT = "events.registration"
ACTIONS = ("confirm", "cancel", "checkin")


def registration_token(registration, action: str) -> str:
    return signing.dumps([registration.pk, registration.nonce, action], salt=SALT, compress=True)


def registration_from_token(token: str, action: str):
    """The registration a valid token names for ``action``, or None (bad, altered, voided)."""
    from .models import Registration

    try:
        pk, nonce, signed_action = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if signed_action != action or not isinstance(pk, int):
        return None
    return Registration.objects.select_related("event").filter(pk=pk, nonce=nonce).first()


CERTIFICATE_SALT = "events.certificate"


def certificate_token(certificate) -> str:
    return signing.dumps(certificate.pk, salt=CERTIFICATE_SALT)


def certificate_from_token(token: str):
    from .models import Certificate

    try:
        pk = signing.loads(token, salt=CERTIFICATE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int):
        return None
    return Certificate.objects.filter(pk=pk).first()
