"""What the agreement kind holds about a person beyond the user row: the contacts of a draft
(registered in ``ESFLOW_PERSONAL_DATA_ERASERS``). Signatures keep the signer's name: they are
the record of a legal act, kept for the agreement's retention period."""

from django.db import transaction


@transaction.atomic
def erase(user, old_names: list[str]) -> None:
    """Take the erased person's names out of the contacts of agreements not yet frozen."""
    from .models import Agreement

    names = {n.strip() for n in old_names if n and n.strip()}
    if not names:
        return
    for agreement in Agreement.objects.filter(current_version__isnull=True):
        lines = agreement.contacts.splitlines()
        kept = [line for line in lines if not any(n.lower() in line.lower() for n in names)]
        if kept != lines:
            agreement.contacts = "\n".join(kept)
            agreement.save(update_fields=["contacts"])
