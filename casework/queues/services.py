"""Writers of the queues: claiming and assigning go through ``transition_apply`` only; saved
filters are a user's own rows."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from workflows.exceptions import TransitionRefused
from workflows.services import transition_apply

from ..models import Case
from ..registry import registered_kinds
from . import reads
from .models import SavedFilter

ERROR_TAKEN = _("Someone else has just taken this case; it is now assigned to %(name)s.")
ERROR_MOVED = _("This case has just changed; it can no longer be taken from the queue.")
ERROR_NOT_ASSIGNABLE = _("This case cannot be assigned in its present state.")

#: What a saved filter keeps from a query string (and every kind's own filters).
SAVED_PARAMETERS = (
    "queue",
    "q",
    "kind",
    "status",
    "powiat",
    "gmina",
    "assignee",
    "due_from",
    "due_to",
    "sort",
)


def saved_parameters() -> tuple[str, ...]:
    extra = [f.name for kind in registered_kinds().values() for f in kind.queue_filters]
    return SAVED_PARAMETERS + tuple(sorted(set(extra) - set(SAVED_PARAMETERS)))


def _moved_message(case: Case, seen_status: str, actor: Any) -> str | None:
    """Why a claim lost, if it lost because the case moved; None if it did not move."""
    case.refresh_from_db()
    if case.assignee_id and case.assignee_id != actor.pk:
        name = case.assignee.full_name or case.assignee.email
        return str(ERROR_TAKEN % {"name": name})
    if case.status != seen_status:
        return str(ERROR_MOVED)
    return None


def case_claim(*, case: Case, actor: Any, seen_status: str) -> Case:
    """An advisor (or the coordinator) takes an unassigned case for themself.

    ``seen_status`` is the state the actor saw; if another claim won, the refusal carries a
    message naming who has the case now."""
    try:
        return transition_apply(
            case=case, expected_status=seen_status, name=reads.CLAIM, actor=actor, data={}
        )
    except TransitionRefused as refused:
        if refused.code in ("conflict", "invalid"):
            message = _moved_message(case, seen_status, actor)
            if message:
                refused.message = message
        raise


def case_assign(*, case: Case, assignee: Any, actor: Any) -> Case:
    """Assign ``case`` to ``assignee``: ``accept`` while unassigned work, ``reassign`` after."""
    name = reads.CLAIM if case.status in reads.claimable_statuses(case.kind) else None
    if name is None and case.status in reads.reassignable_statuses(case.kind):
        name = reads.REASSIGN
    if name is None:
        raise TransitionRefused("invalid", ERROR_NOT_ASSIGNABLE)
    return transition_apply(
        case=case,
        expected_status=case.status,
        name=name,
        actor=actor,
        data={"assignee": assignee.pk},
    )


@dataclass
class AssignResult:
    case: Case
    ok: bool
    message: str


def cases_assign(*, cases: list[Case], assignee: Any, actor: Any) -> list[AssignResult]:
    """Assign several cases, one transition (one transaction) per case; a refusal of one does
    not undo the others. Returns what happened to each case, in order."""
    results = []
    for case in cases:
        try:
            case_assign(case=case, assignee=assignee, actor=actor)
        except TransitionRefused as refused:
            results.append(AssignResult(case, False, str(refused.message)))
        else:
            results.append(AssignResult(case, True, ""))
    return results


def saved_query(raw: str) -> str:
    """The filter part of a query string, normalised (unknown parameters dropped)."""
    given = QueryDict(raw or "")
    kept = [(k, v) for k in saved_parameters() for v in given.getlist(k) if v != ""]
    return urlencode(kept)


@transaction.atomic
def saved_filter_save(*, user: Any, name: str, query: str) -> SavedFilter:
    """Save (or replace) the user's filter called ``name``."""
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, name=name.strip(), defaults={"query": saved_query(query)}
    )
    return saved


@transaction.atomic
def saved_filter_delete(*, saved: SavedFilter, actor: Any) -> None:
    if saved.user_id != actor.pk:
        raise SavedFilter.DoesNotExist
    saved.delete()
