"""The case-kind registry: everything casework's shared code needs to know about a kind.

A kind lives in its own package under ``casework/kinds/<kind>/`` (an installed app with its
flow, detail model, intake, documents, views, urls and demo) and registers one ``CaseKind``
in its ``AppConfig.ready``. casework's shared views, queues, services and notifications never
import a kind: they ask this registry (``kind_of(case)``, ``registered_kinds()``), so a new
kind is a new package and one ``register_kind`` call, not a change to shared code.

The engine (``workflows``) knows flows only; ``register_kind`` registers the kind's flow there
too, so transitions, numbering and deadlines work from the same declaration.
"""

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from workflows.registry import flow_class, register_flow


class ApprovalMode(enum.StrEnum):
    """How a kind's items in approval are decided (DESIGN.md, "Committee decisions")."""

    #: One committee member who is neither a drafter nor recused (four-eyes).
    SINGLE_MEMBER = "single_member"
    #: A resolution of the committee (vote at a meeting or circular procedure).
    RESOLUTION = "resolution"


@dataclass(frozen=True)
class QueueColumn:
    """A kind-specific column of the queue: a value read with the row, shown under a label.

    ``lookup`` is a ``values()`` path from ``Case`` (e.g. ``<detail>__topic``, or a key of a
    JSON field such as ``<detail>__intake__requested_date``), read in the queue's one query;
    ``display`` turns the raw value into what the cell prints (e.g. a choice's label).
    """

    lookup: str
    label: Any
    display: Callable[[Any], str] = str
    #: Shown in a column of its own, headed by ``label`` (else in the line under the title).
    column: bool = False
    #: ``flag(value, row) -> str``: a warning printed beside the value ("" for none); ``row``
    #: is the queue row's values (``due_date`` among them), e.g. "the deadline is later".
    flag: Callable[[Any, dict], Any] | None = None


@dataclass(frozen=True)
class QueueFilter:
    """A kind-specific filter of the queue: a form field and the condition it adds.

    ``condition(value)`` returns the ``Q`` over ``Case`` for a cleaned, non-empty value; the
    queue ANDs it with ``Q(kind=...)`` of its kind, so a filter of one kind never hides the
    cases of another unless the user picked it.
    """

    name: str
    field: Callable[[], Any]
    condition: Callable[[Any], Q]


@dataclass(frozen=True)
class CaseKind:
    """One case kind, declared once (DESIGN.md, "Case kinds and the permission module")."""

    #: The value stored in ``Case.kind`` (and the flow's ``kind``).
    name: str
    #: The noun, singular and plural (translatable), e.g. "partnership agreement".
    label: Any
    label_plural: Any
    #: The ``CaseFlow`` subclass: states, transitions, numbering and deadline policy.
    flow: type
    #: The one-to-one detail table and its ``related_name`` on ``Case`` (None: the kind keeps
    #: nothing beyond ``Case``).
    detail_model: type[models.Model] | None
    detail_relation: str
    #: The template included on the case page to show the kind's details; it gets
    #: ``case``, ``detail`` and whatever ``detail_context(case, user, extra)`` returns
    #: (``extra`` holds the page's bound forms: the kind pops its own).
    detail_template: str = ""
    detail_context: Callable[[Any, Any, dict], dict] = lambda case, user, extra: {}
    #: The kind's URL patterns (a dotted module with ``urlpatterns``), served under casework's
    #: namespace, so its pages are ``casework:<name>``.
    urls: str | None = None
    #: URL name of the page that opens a new case of this kind (None: no self-service intake),
    #: and the link's text.
    create_url: str | None = None
    create_label: Any = ""
    #: Who may open that page: the very test its view applies, so that the "new …" link is
    #: shown only to those it serves (casework.entry_points). None: the requesting roles and
    #: staff (who file on a requester's behalf).
    may_create: Callable[[Any], bool] | None = None
    #: URL name of the page that edits a draft (given the case pk), if the kind has one.
    edit_url: str | None = None
    #: The intake/create service: ``create(*, requesting_organisation, title, filed_by, ...)``.
    create: Callable[..., Any] | None = None
    #: States in which staff may add files, and in which the requesting side may (external
    #: files only).
    staff_attach_states: frozenset[str] = frozenset()
    requester_attach_states: frozenset[str] = frozenset()
    #: Extra queue columns and filters of this kind.
    queue_columns: tuple[QueueColumn, ...] = ()
    queue_filters: tuple[QueueFilter, ...] = ()
    #: Notification subjects by verb ("%(number)s" is the case number); shared verbs fall back
    #: to casework's own wording.
    notification_subjects: Mapping[str, Any] = field(default_factory=dict)
    #: What the user is told once a transition ran, by transition name ("%(number)s" is the
    #: case number, "%(assignee)s" the assignee's name): sentences in which the kind's own
    #: noun agrees with its verb; transitions not named read as ``casework.outcomes``.
    done_messages: Mapping[str, Any] = field(default_factory=dict)
    #: What happens after filing, for the requester's receipt (empty: casework's default).
    next_steps: Any = ""
    #: What the requesting side is expected to do, by status (the "my requests" page).
    expected_of_requester: Mapping[str, Any] = field(default_factory=dict)
    #: Document kinds (``documents.registry``) issued for cases of this kind.
    document_kinds: tuple[str, ...] = ()
    #: ``documents_visible(case, user) -> list[Document]``: the documents the case page lists.
    documents_visible: Callable[[Any, Any], list] | None = None
    #: The frozen, hashed version model (a ``casework.models.FrozenVersion``), if any.
    version_model: type[models.Model] | None = None
    #: States in which the approved version has been issued to the requesting side (who may
    #: then read it).
    version_issued_states: frozenset[str] = frozenset()
    approval_mode: ApprovalMode = ApprovalMode.SINGLE_MEMBER
    #: The kinds (by name) a case of this kind may lead to: ``follow_ups(case) -> names``
    #: (e.g. an advisory case on cooperation leads to a partnership agreement). Kinds name
    #: each other only here, as data: they never import each other.
    follow_ups: Callable[[Any], tuple[str, ...]] = lambda case: ()
    #: URL name of the page that starts a case of this kind from another case (given that
    #: case's pk, prefilled from it), its link text, and who may use it:
    #: ``may_start_from(user, source_case)``.
    start_from_url: str | None = None
    start_from_label: Any = ""
    may_start_from: Callable[[Any, Any], bool] | None = None
    #: ``linked_cases(case) -> cases``: cases of this kind started from ``case``, or the case
    #: ``case`` was started from, listed on the case page (both ways).
    linked_cases: Callable[[Any], Any] | None = None

    @property
    def numbering(self):
        return self.flow.numbering

    @property
    def deadline_policy(self):
        return self.flow.deadline_policy

    def detail_of(self, case) -> Any:
        """The case's detail row, or None when it has none (yet)."""
        if self.detail_model is None:
            return None
        try:
            return getattr(case, self.detail_relation)
        except self.detail_model.DoesNotExist:
            return None


_kinds: dict[str, CaseKind] = {}

ERROR_UNKNOWN_KIND = "No case kind %r is registered."


def register_kind(kind: CaseKind) -> CaseKind:
    """Register a kind (from its ``AppConfig.ready``) and its flow with the engine."""
    if kind.flow.kind != kind.name:
        raise ValueError(f"The flow of kind {kind.name!r} declares kind {kind.flow.kind!r}.")
    _kinds[kind.name] = kind
    register_flow(kind.flow)
    return kind


def unregister_kind(name: str) -> None:
    """Take a kind out again (tests that register a kind of their own)."""
    from workflows.registry import unregister_flow

    _kinds.pop(name, None)
    unregister_flow(name)


def registered_kinds() -> dict[str, CaseKind]:
    return dict(_kinds)


def get_kind(name: str) -> CaseKind:
    try:
        return _kinds[name]
    except KeyError:
        raise LookupError(ERROR_UNKNOWN_KIND % name) from None


def kind_of(case) -> CaseKind | None:
    """The registered kind of a case, or None for a kind no longer registered."""
    return _kinds.get(case.kind)


def approval_mode_of(name: str) -> ApprovalMode | None:
    """A kind's approval mode: the deployment's ``ESFLOW_APPROVAL_MODES[kind]`` when set (the
    committee's regulamin decides it, so it is configured, not coded), else the kind's own.
    None for a kind not registered."""
    from django.conf import settings

    kind = _kinds.get(name)
    if kind is None:
        return None
    configured = getattr(settings, "ESFLOW_APPROVAL_MODES", {}).get(name)
    return ApprovalMode(configured) if configured else kind.approval_mode


def kinds_in_resolution_mode() -> list[str]:
    return sorted(n for n in _kinds if approval_mode_of(n) == ApprovalMode.RESOLUTION)


def kind_label(name: str) -> str:
    kind = _kinds.get(name)
    return str(kind.label) if kind else name


def kind_choices() -> list[tuple[str, str]]:
    return [(name, kind.label) for name, kind in sorted(_kinds.items())]


__all__ = [
    "ApprovalMode",
    "CaseKind",
    "QueueColumn",
    "QueueFilter",
    "approval_mode_of",
    "flow_class",
    "get_kind",
    "kind_choices",
    "kind_label",
    "kind_of",
    "kinds_in_resolution_mode",
    "register_kind",
    "registered_kinds",
    "unregister_kind",
]
