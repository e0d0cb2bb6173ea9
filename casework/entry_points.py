"""Where a user starts a new case: one "new …" link per kind with a self-service intake.

Shown on the dashboard, on "my requests" and on the case list, so a clerk finds it where they
look. A module of its own so that the case pages, the queues and the portal can all ask it
without importing each other (no import cycles, DESIGN.md).
"""

from django.urls import reverse

from directory.roles import REQUESTER_ROLES, STAFF_ROLES, roles_of

from .registry import registered_kinds


def may_create_by_default(user) -> bool:
    """The requesting roles, and staff (who file on a requester's behalf)."""
    return bool(roles_of(user) & (STAFF_ROLES | REQUESTER_ROLES))


def new_case_links(user) -> list[dict]:
    """The "new …" links a user may follow: every kind with a self-service intake whose
    ``may_create`` (the test its intake view applies) lets the user in."""
    return [
        {"label": kind.create_label, "url": reverse(kind.create_url)}
        for _name, kind in sorted(registered_kinds().items())
        if kind.create_url and (kind.may_create or may_create_by_default)(user)
    ]
