"""Who may see and do what on a case: defined once, here.

Every rule is built from **relations** (how a user stands to one case: member of the
requesting organisation, filer, member of a party, assignee, drafter of a version, recused)
and **roles** (``directory.roles``), combined with ``any_of`` / ``all_of`` / ``negate``. Each
piece knows two ways to answer, from one definition:

* ``rule.q(subject)`` — a ``Q`` over ``Case`` for lists (``Case.objects.visible_to``);
* ``rule.holds(subject, case)`` — the answer for one case already loaded (flows, views).

So a list can never show what a detail would refuse: both come from the same node. A role is
a property of the user alone, so its ``q`` is "everything" or "nothing", and ``all_of`` /
``any_of`` fold those away: for an advisor, ``VIEW.q`` is just "filed, or our own", which the
planner serves from an index. (bridgekeeper offers the same idea as a library; its last
release is from 2020, so the few nodes esflow needs are written here.)

Flows use ``predicate(rule)`` for their ``allowed=`` and guards; views and services call
``can_view`` / ``can``; querysets call ``VIEW.q``. Role helpers live in ``directory.roles``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Q

from directory.constants import Role
from directory.roles import STAFF_ROLES, organisation_ids_of, roles_of

from .constants import DRAFT

VIEW = "view"
VIEW_PERMISSION = "view_case"

#: A ``Q`` that matches every case / no case (roles and states fold into these).
ALL = Q()
NONE = Q(pk__in=[])


def active_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


class Subject:
    """A user as the rules see them: roles and organisations read once (per request, since
    ``directory.roles`` caches them on the user object)."""

    def __init__(self, user):
        self.user = user
        self.active = active_user(user)

    @cached_property
    def roles(self) -> frozenset[str]:
        return roles_of(self.user) if self.active else frozenset()

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(organisation_ids_of(self.user)) if self.active else frozenset()

    @property
    def pk(self):
        return self.user.pk


def subject_of(user) -> Subject:
    return user if isinstance(user, Subject) else Subject(user)


# Nodes -------------------------------------------------------------------------------------


class Rule:
    """A condition on (user, case) with a queryset form and a per-object form."""

    name = ""

    def q(self, s: Subject) -> Q:
        raise NotImplementedError

    def holds(self, s: Subject, case) -> bool:
        raise NotImplementedError

    def __repr__(self):
        return self.name or type(self).__name__


def _is_all(q: Q) -> bool:
    return not q.children and not q.negated


def _is_none(q: Q) -> bool:
    return q == NONE


@dataclass(frozen=True, eq=False, repr=False)
class AnyOf(Rule):
    rules: tuple[Rule, ...]
    name: str = ""

    def q(self, s: Subject) -> Q:
        result = NONE
        for rule in self.rules:
            part = rule.q(s)
            if _is_all(part):
                return ALL
            if _is_none(part):
                continue
            result = part if _is_none(result) else result | part
        return result

    def holds(self, s: Subject, case) -> bool:
        return any(rule.holds(s, case) for rule in self.rules)


@dataclass(frozen=True, eq=False, repr=False)
class AllOf(Rule):
    rules: tuple[Rule, ...]
    name: str = ""

    def q(self, s: Subject) -> Q:
        result = ALL
        for rule in self.rules:
            part = rule.q(s)
            if _is_none(part):
                return NONE
            if _is_all(part):
                continue
            result = part if _is_all(result) else result & part
        return result

    def holds(self, s: Subject, case) -> bool:
        return all(rule.holds(s, case) for rule in self.rules)


@dataclass(frozen=True, eq=False, repr=False)
class Not(Rule):
    rule: Rule
    name: str = ""

    def q(self, s: Subject) -> Q:
        inner = self.rule.q(s)
        if _is_all(inner):
            return NONE
        if _is_none(inner):
            return ALL
        return ~inner

    def holds(self, s: Subject, case) -> bool:
        return not self.rule.holds(s, case)


def any_of(*rules: Rule, name: str = "") -> Rule:
    return AnyOf(tuple(rules), name)


def all_of(*rules: Rule, name: str = "") -> Rule:
    return AllOf(tuple(rules), name)


def negate(rule: Rule, name: str = "") -> Rule:
    return Not(rule, name or f"not {rule!r}")


@dataclass(frozen=True, eq=False, repr=False)
class HasRole(Rule):
    """The user holds one of ``roles`` (a property of the user, not of the case)."""

    roles: frozenset[str]
    name: str = ""

    def q(self, s: Subject) -> Q:
        return ALL if self.holds(s, None) else NONE

    def holds(self, s: Subject, case) -> bool:
        return bool(s.roles & self.roles)


@dataclass(frozen=True, eq=False, repr=False)
class FieldIn(Rule):
    """``case.<attname>`` is one of ``values(subject)`` (e.g. the requesting organisation is
    one of the user's organisations; the assignee is the user)."""

    attname: str
    values: Callable[[Subject], Iterable[Any]]
    name: str = ""

    def q(self, s: Subject) -> Q:
        if not s.active:
            return NONE
        values = sorted(v for v in self.values(s) if v is not None)
        if not values:
            return NONE
        return Q(**{f"{self.attname}__in": values})

    def holds(self, s: Subject, case) -> bool:
        if not s.active:
            return False
        return getattr(case, self.attname) in set(self.values(s))


@dataclass(frozen=True, eq=False, repr=False)
class InRelatedTable(Rule):
    """The case has a row in a related table that names the user (a party, a grant, a
    drafter): ``rows(subject)`` is a queryset of that table, ``case_field`` its case id."""

    rows: Callable[[Subject], Any]
    case_field: str
    name: str = ""

    def q(self, s: Subject) -> Q:
        if not s.active:
            return NONE
        rows = self.rows(s)
        if rows is None:
            return NONE
        return Q(pk__in=rows.values(self.case_field))

    def holds(self, s: Subject, case) -> bool:
        if not s.active:
            return False
        rows = self.rows(s)
        return rows is not None and rows.filter(**{self.case_field: case.pk}).exists()


@dataclass(frozen=True, eq=False, repr=False)
class FieldInRows(Rule):
    """``case.<attname>`` is a value of ``column`` in ``rows(subject)``, a queryset of a
    table that names the user (e.g. the requesting organisation is one the user declared a
    link to): a subquery in lists, one ``exists()`` for a loaded case."""

    attname: str
    rows: Callable[[Subject], Any]
    column: str
    name: str = ""

    def q(self, s: Subject) -> Q:
        if not s.active:
            return NONE
        return Q(**{f"{self.attname}__in": self.rows(s).values(self.column)})

    def holds(self, s: Subject, case) -> bool:
        if not s.active:
            return False
        value = getattr(case, self.attname)
        return value is not None and self.rows(s).filter(**{self.column: value}).exists()


@dataclass(frozen=True, eq=False, repr=False)
class InStates(Rule):
    """The case is in one of ``states(kind)`` of its kind (e.g. the committee's states)."""

    states: Callable[[str], Iterable[str]]
    name: str = ""

    def q(self, s: Subject) -> Q:
        from .registry import registered_kinds

        result = NONE
        for name in sorted(registered_kinds()):
            states = sorted(self.states(name))
            if states:
                part = Q(kind=name, status__in=states)
                result = part if _is_none(result) else result | part
        return result

    def holds(self, s: Subject, case) -> bool:
        return case.status in set(self.states(case.kind))


@dataclass(frozen=True, eq=False, repr=False)
class StatusIs(Rule):
    status: str
    name: str = ""

    def q(self, s: Subject) -> Q:
        return Q(status=self.status)

    def holds(self, s: Subject, case) -> bool:
        return case.status == self.status


# Relations ---------------------------------------------------------------------------------


def _own_organisations(s: Subject):
    return s.organisation_ids


def _me(s: Subject):
    return (s.pk,)


def _party_rows(s: Subject):
    from .models import CaseParty

    if not s.organisation_ids:
        return None
    return CaseParty.objects.filter(organisation_id__in=sorted(s.organisation_ids))


def _linked_rows(s: Subject):
    """The organisations the user has declared a link to (links in force)."""
    from .models import DeclaredLink

    return DeclaredLink.objects.current().filter(member_id=s.pk)


def _linked_party_rows(s: Subject):
    from .models import CaseParty

    return CaseParty.objects.filter(organisation_id__in=_linked_rows(s).values("organisation_id"))


def _declaration_rows(s: Subject):
    from .models import ConflictDeclaration

    return ConflictDeclaration.objects.filter(member_id=s.pk)


class _Grant(Rule):
    """An explicit per-case ``view_case`` grant (django-guardian's direct foreign-key tables),
    to the user or to one of their groups."""

    name = "grant"

    @staticmethod
    def _tables(s: Subject):
        from .models import CaseGroupObjectPermission, CaseUserObjectPermission

        return (
            CaseUserObjectPermission.objects.filter(
                user_id=s.pk, permission__codename=VIEW_PERMISSION
            ),
            CaseGroupObjectPermission.objects.filter(
                group__user=s.pk, permission__codename=VIEW_PERMISSION
            ),
        )

    def q(self, s: Subject) -> Q:
        if not s.active:
            return NONE
        direct, groups = self._tables(s)
        # ``pk IN (a) OR pk IN (b)``: each subquery stays on its own index.
        return Q(pk__in=direct.values("content_object_id")) | Q(
            pk__in=groups.values("content_object_id")
        )

    def holds(self, s: Subject, case) -> bool:
        if not s.active:
            return False
        return any(t.filter(content_object_id=case.pk).exists() for t in self._tables(s))


class _Drafter(Rule):
    """The user drafted a version of the case (sent it for approval or edited what it froze).

    Any version, not only the current one: every later version keeps its earlier editors as
    drafters, so this is the same people, stated without asking which version is current."""

    name = "drafter"

    def q(self, s: Subject) -> Q:
        if not s.active:
            return NONE
        from .registry import registered_kinds

        result = NONE
        for kind in registered_kinds().values():
            model = kind.version_model
            if model is None:
                continue
            drafted = model.objects.filter(Q(drafters=s.pk) | Q(sent_by=s.pk))
            part = Q(kind=kind.name, pk__in=drafted.values(f"{model.owner_field}_id"))
            result = part if _is_none(result) else result | part
        return result

    def holds(self, s: Subject, case) -> bool:
        if not s.active:
            return False
        from .registry import kind_of

        kind = kind_of(case)
        model = kind.version_model if kind else None
        if model is None:
            return False
        return (
            model.objects.filter(**{f"{model.owner_field}_id": case.pk})
            .filter(Q(drafters=s.pk) | Q(sent_by=s.pk))
            .exists()
        )


REQUESTING_ORGANISATION = FieldIn(
    "requesting_organisation_id", _own_organisations, "requesting organisation"
)
FILER = FieldIn("filed_by_id", _me, "filer")
ASSIGNEE = FieldIn("assignee_id", _me, "assignee")
PARTY = InRelatedTable(_party_rows, "case_id", "party")
GRANT = _Grant()
DRAFTER = _Drafter()
#: The requesting side: colleagues carry a request on, staff who filed on paper follow it.
REQUESTER_SIDE = any_of(REQUESTING_ORGANISATION, FILER, name="requester side")
#: The requesting organisation / a party is one the user declared a link to.
LINKED_REQUESTER = FieldInRows(
    "requesting_organisation_id", _linked_rows, "organisation_id", "linked requester"
)
LINKED_PARTY = InRelatedTable(_linked_party_rows, "case_id", "linked party")
#: The user declared a conflict of interest on the case.
DECLARED_CONFLICT = InRelatedTable(_declaration_rows, "case_id", "declared conflict")
#: A committee member is recused from an item when a (current) membership of theirs is in
#: the requesting organisation or in a party of the case, when they declared a link to one
#: of those organisations, or when they declared a conflict of interest on the item
#: (DESIGN.md, "recused"). ``casework.conflicts`` says which of these applies, for the page.
RECUSED = any_of(
    REQUESTING_ORGANISATION,
    PARTY,
    LINKED_REQUESTER,
    LINKED_PARTY,
    DECLARED_CONFLICT,
    name="recused",
)

STAFF = HasRole(STAFF_ROLES, "staff")
COORDINATOR = HasRole(frozenset({Role.COORDINATOR}), "coordinator")
ADVISOR = HasRole(frozenset({Role.ADVISOR}), "advisor")
COMMITTEE = HasRole(frozenset({Role.COMMITTEE}), "committee")

DRAFT_STATE = StatusIs(DRAFT, "draft")


def _committee_states(kind: str):
    from .registry import registered_kinds

    found = registered_kinds().get(kind)
    return found.flow.committee_states if found else ()


IN_COMMITTEE_STATES = InStates(_committee_states, "in a committee state")

#: Who sees a case (deny by default). A draft: only the requesting organisation and its filer.
#: Filed: also its parties, its assignee, staff (advisors see submitted work, coordinators
#: all), the committee in its kind's committee states ("in or past approval"), and anyone with
#: an explicit per-case grant (django-guardian: an expert, a substitute).
VIEW_RULE = any_of(
    REQUESTER_SIDE,
    all_of(
        negate(DRAFT_STATE),
        any_of(
            PARTY,
            ASSIGNEE,
            STAFF,
            all_of(COMMITTEE, IN_COMMITTEE_STATES),
            GRANT,
        ),
    ),
    name="view",
)

#: May a committee member decide an item (return, approve, reject)? Not when recused.
DECIDING_MEMBER = all_of(COMMITTEE, negate(RECUSED), name="deciding member")
#: May a member approve? Four-eyes: not a drafter of the version either.
APPROVING_MEMBER = all_of(DECIDING_MEMBER, negate(DRAFTER), name="approving member")

#: Who sees internal comments and attachments, and may add them.
SEES_INTERNAL = STAFF


# The questions the rest of the code asks -----------------------------------------------------


def visible_q(user) -> Q:
    """The ``Q`` of the cases ``user`` may see (``Case.objects.visible_to`` filters by it)."""
    s = subject_of(user)
    if not s.active:
        return NONE
    return VIEW_RULE.q(s)


def can_view(user, case) -> bool:
    """May ``user`` see ``case``? The same rule as ``visible_q``, on the loaded case."""
    s = subject_of(user)
    return s.active and VIEW_RULE.holds(s, case)


def holds(rule: Rule, user, case) -> bool:
    return rule.holds(subject_of(user), case)


def sees_internal(user) -> bool:
    """Internal comments and attachments are for staff only."""
    return SEES_INTERNAL.holds(subject_of(user), None)


def can(user, action: str, case) -> bool:
    """May ``user`` do ``action`` (``view`` or a transition name) on ``case`` now?"""
    if not can_view(user, case):
        return False
    if action == VIEW:
        return True
    from .registry import kind_of

    if kind_of(case) is None:
        return False
    return case.get_flow(actor=user).allowed_now(action, user)


def predicate(rule: Rule) -> Callable[[Any, Any], bool]:
    """The rule as a flow's ``allowed=`` predicate: ``(flow, user) -> bool``."""

    def check(flow, user) -> bool:
        return rule.holds(subject_of(user), flow.case)

    check.__name__ = (rule.name or type(rule).__name__).replace(" ", "_")
    return check
