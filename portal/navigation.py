"""The main navigation, shown according to who is looking.

Apps add their entries to ``NAVIGATION``; an entry whose URL name does not exist (yet) is left
out, so the list can name pages that arrive later. ``roles`` lists the roles (directory.Role)
that see the entry; ``None`` means everyone who passes ``audience``.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from directory.constants import Role
from directory.roles import REQUESTER_ROLES, STAFF_ROLES, roles_of

PUBLIC, SIGNED_IN, STAFF = "public", "signed_in", "staff"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    audience: str = PUBLIC
    roles: frozenset[str] | None = None


NAVIGATION = [
    NavItem(_("Portal"), "home"),
    NavItem(_("Dashboard"), "dashboard", SIGNED_IN),
    NavItem(_("Registry of entities"), "portal:registry"),
    NavItem(_("Good practices"), "portal:catalogue"),
    NavItem(_("Partnership agreements"), "portal:agreements"),
    NavItem(_("Events"), "events:list"),
    NavItem(_("Indicators"), "reports:public"),
    NavItem(_("Committee"), "portal:committee-bodies"),
    NavItem(
        _("Registry entries"),
        "directory:registry-staff",
        SIGNED_IN,
        STAFF_ROLES,
    ),
    NavItem(
        _("Our registry entry"),
        "directory:registry-mine",
        SIGNED_IN,
        frozenset({Role.ORGANISATION}),
    ),
    NavItem(_("Case queue"), "casework:queue", SIGNED_IN, STAFF_ROLES),
    NavItem(_("Events I organise"), "events:organiser", SIGNED_IN, STAFF_ROLES),
    NavItem(
        _("Clause templates"),
        "casework:clause-templates",
        SIGNED_IN,
        frozenset({Role.COORDINATOR}),
    ),
    NavItem(
        _("Reports and the plan"),
        "reports:coordinator",
        SIGNED_IN,
        frozenset({Role.COORDINATOR}),
    ),
    NavItem(
        _("My requests"),
        "casework:my-cases",
        SIGNED_IN,
        REQUESTER_ROLES,
    ),
    NavItem(_("Awaiting approval"), "casework:approvals", SIGNED_IN, frozenset({Role.COMMITTEE})),
    NavItem(
        _("Committee meetings"),
        "committee:bodies",
        SIGNED_IN,
        frozenset({Role.COMMITTEE, Role.COORDINATOR}),
    ),
    NavItem(_("My account"), "accounts:profile", SIGNED_IN),
    NavItem(_("Administration"), "admin:index", STAFF),
]


def items_for(request) -> list[dict]:
    user = request.user
    signed_in = user.is_authenticated
    roles = roles_of(user) if signed_in else frozenset()
    current = request.path
    items = []
    for item in NAVIGATION:
        if item.audience == SIGNED_IN and not signed_in:
            continue
        if item.audience == STAFF and not (signed_in and user.is_staff):
            continue
        if item.roles is not None and not (roles & item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "current": current == url})
    return items


def navigation(request):
    """Context processor: ``nav_items`` for base.html."""
    return {"nav_items": items_for(request)}
