"""Who may do what in the registry; built on ``directory.roles`` like everything else."""

from django.http import Http404

from ..roles import is_coordinator, organisation_ids_of
from ..roles import is_staff as is_registry_staff
from .models import ChangeProposal, RegistryEntry

__all__ = ["is_coordinator", "is_registry_staff"]


def require_staff(user) -> None:
    if not is_registry_staff(user):
        raise Http404


def require_coordinator(user) -> None:
    if not is_coordinator(user):
        raise Http404


def represented_entries(user):
    """Entries of the organisations the user is a current member of."""
    return RegistryEntry.objects.filter(pk__in=organisation_ids_of(user))


def entry_for_representative(user, pk: int) -> RegistryEntry:
    """The user's own entry, or 404: another organisation's entry is not theirs to change."""
    entry = represented_entries(user).select_related("organisation__gmina").filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def entry_for_history(user, pk: int) -> RegistryEntry:
    qs = RegistryEntry.objects.select_related("organisation")
    if not is_registry_staff(user):
        qs = qs.filter(pk__in=organisation_ids_of(user))
    entry = qs.filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def proposal_for_review(user, pk: int) -> ChangeProposal:
    require_coordinator(user)
    proposal = (
        ChangeProposal.objects.select_related("entry__organisation", "proposed_by", "reviewer")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal
