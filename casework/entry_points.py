"""Where a user starts a new case: one "new …" link per kind with a self-service intake.

Shown on the dashboard, on "my requests" and on the case list, so a clerk finds it where they
look. A module of its own so that the case pages, the queues and the portal can all ask it
without importing each other (no import cycles, DESIGN.md).
"""

from django.urls import reverse

from directory.roles import REQUESTER_ROLES, STAFF_ROLES, roles_of

from .registry import registered_kinds


def new_case_links(user) -> list[dict]:
    """The "new …" links a user may follow: every kind with a self-service intake, for the
    requesting roles and for staff (who file on a requester's behalf)."""
    if not roles_of(user) & (STAFF_ROLES | REQUESTER_ROLES):
        return []
    return [
        {"label": kind.create_label, "url": reverse(kind.create_url)}
        for _name, kind in sorted(registered_kinds().items())
        if kind.create_url
    ]
