"""What casework holds about a person beyond the user row: the contact person named in an
advisory request's intake answers (registered in ``ESFLOW_PERSONAL_DATA_ERASERS``)."""

from django.db import transaction

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


@transaction.atomic
def erase(user, old_names: list[str]) -> None:
    """Clear the contact details of requests whose contact person is the erased user."""
    from .models import AdvisoryRequest

    names = {n.strip().casefold() for n in old_names if n and n.strip()}
    for advisory in AdvisoryRequest.objects.select_for_update().iterator():
        intake = advisory.intake or {}
        named = {
            str(intake.get(f, "")).strip().casefold() for f in ("contact_name", "contact_email")
        }
        if names & named:
            advisory.intake = {k: v for k, v in intake.items() if k not in CONTACT_FIELDS}
            advisory.save(update_fields=["intake"])
