"""The system actor: the user automatic transitions (expiry, auto-close) are recorded under."""

from django.contrib.auth import get_user_model

SYSTEM_EMAIL = "system@esflow.invalid"


def system_actor():
    """The inactive user row that stands for esflow itself (created on first use)."""
    user, _created = get_user_model().objects.get_or_create(
        email=SYSTEM_EMAIL,
        defaults={"full_name": "esflow", "is_active": False, "password": "!"},
    )
    return user


def is_system(user) -> bool:
    return getattr(user, "email", None) == SYSTEM_EMAIL and not user.is_active
