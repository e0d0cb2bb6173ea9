"""What the practice kind holds about a person beyond the user row: the contact person of a
practice (registered in ``ESFLOW_PERSONAL_DATA_ERASERS``). Frozen versions hold no contact."""

from django.db import transaction
from django.db.models import Q


@transaction.atomic
def erase(user, old_names: list[str]) -> None:
    """Clear the contact details of practices whose contact person is the erased user."""
    from .models import GoodPractice

    names = {n.strip() for n in old_names if n and n.strip()}
    if not names:
        return
    match = Q()
    for name in names:
        match |= Q(contact_name__iexact=name) | Q(contact_email__iexact=name)
    GoodPractice.objects.filter(match).update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False
    )
