"""What the registry holds about a person, for accounts' export: the change proposals they
made or reviewed and the registry changes they made. Erasure pseudonymises the user row, so
these rows stay (they are the registry's audit trail) and point at the pseudonym."""

from typing import Any

from django.db.models import Q

from .models import ChangeProposal, RegistryChange


def export(user) -> dict[str, Any]:
    proposals = (
        ChangeProposal.objects.filter(Q(proposed_by=user) | Q(reviewer=user))
        .select_related("entry__organisation")
        .order_by("created_at", "pk")
    )
    changes = (
        RegistryChange.objects.filter(actor=user)
        .select_related("entry__organisation")
        .order_by("changed_at", "pk")
    )
    return {
        "registry_proposals": [
            {
                "entry": p.entry.organisation.name,
                "role": "proposed" if p.proposed_by_id == user.pk else "reviewed",
                "changes": p.changes,
                "comment": p.comment,
                "status": p.status,
                "created_at": p.created_at.isoformat(),
                "reviewed_at": p.reviewed_at.isoformat() if p.reviewed_at else None,
                "reason": p.reason,
            }
            for p in proposals
        ],
        "registry_changes": [
            {
                "entry": c.entry.organisation.name,
                "field": c.field,
                "old_value": c.old_value,
                "new_value": c.new_value,
                "changed_at": c.changed_at.isoformat(),
            }
            for c in changes
        ],
    }
