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


def follow_up_links(user, case) -> list[dict]:
    """The "start a … from this case" links of ``case``: the kinds its own kind says it may
    lead to, whose start page the user may use for it."""
    from .registry import kind_of

    source = kind_of(case)
    if source is None:
        return []
    links = []
    kinds = registered_kinds()
    for name in source.follow_ups(case):
        target = kinds.get(name)
        if target is None or not target.start_from_url or target.may_start_from is None:
            continue
        if target.may_start_from(user, case):
            links.append(
                {
                    "label": target.start_from_label,
                    "url": reverse(target.start_from_url, args=[case.pk]),
                }
            )
    return links


def linked_cases(user, case) -> list:
    """Cases started from ``case`` or that it was started from (every kind that keeps such
    links says which), as far as the user may see them."""
    from .models import Case

    ids = set()
    for kind in registered_kinds().values():
        if kind.linked_cases is not None:
            ids |= {c.pk for c in kind.linked_cases(case)}
    ids.discard(case.pk)
    if not ids:
        return []
    return list(Case.objects.visible_to(user).filter(pk__in=sorted(ids)).order_by("pk"))
