"""What the directory holds about a person, for accounts' export (see accounts.services)."""

from typing import Any


def export(user) -> dict[str, Any]:
    memberships = user.memberships.select_related("organisation").order_by("valid_from", "pk")
    return {
        "memberships": [
            {
                "organisation": {
                    "id": m.organisation_id,
                    "name": m.organisation.name,
                    "kind": m.organisation.kind,
                },
                "role": m.role,
                "may_sign": m.may_sign,
                "valid_from": m.valid_from.isoformat(),
                "valid_to": m.valid_to.isoformat() if m.valid_to else None,
            }
            for m in memberships
        ]
    }
