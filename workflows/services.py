"""The one transition service: every change of a case's state goes through here."""

from typing import Any

from django.db import models, transaction
from django.utils import timezone
from viewflow.fsm import TransitionNotAllowed

from .constants import RefusalCode
from .deadlines import clock_apply
from .exceptions import (
    ERROR_CONFLICT,
    ERROR_FORBIDDEN,
    ERROR_GUARD,
    ERROR_INVALID_DATA,
    ERROR_NOT_NOW,
    ERROR_UNKNOWN_ACTION,
    TransitionRefused,
)
from .writes import transition_write


def _snapshot(instance: models.Model) -> dict[str, Any]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def transition_apply(
    *,
    case: models.Model,
    name: str,
    actor: Any,
    expected_status: str,
    data: dict | None = None,
) -> models.Model:
    """Run transition ``name`` on ``case`` as ``actor``; return the case as it now is.

    ``expected_status`` is the state the caller saw (the page the user acted on, the row a
    job read): if the case is in another state by the time it is locked, someone was faster
    and it is a conflict. Raises ``TransitionRefused`` (forbidden / invalid / conflict) and
    then changes nothing.
    """
    expected = expected_status
    model = type(case)
    with transaction.atomic():
        try:
            locked = model._base_manager.select_for_update().get(pk=case.pk)
        except model.DoesNotExist:
            # Deleted (a draft, in another tab) between the page and the action.
            raise TransitionRefused(RefusalCode.CONFLICT, ERROR_CONFLICT) from None
        if locked.status != expected:
            raise TransitionRefused(RefusalCode.CONFLICT, ERROR_CONFLICT)
        flow = locked.get_flow(actor=actor, data=data)
        transition = flow.transition_for(name)
        if transition is None:
            unknown = name not in flow.transition_names()
            raise TransitionRefused(
                RefusalCode.INVALID, ERROR_UNKNOWN_ACTION if unknown else ERROR_NOT_NOW
            )
        bound = getattr(flow, name)  # viewflow's bound transition: has_perm / can_proceed
        if not bound.has_perm(actor):
            raise TransitionRefused(RefusalCode.FORBIDDEN, flow.refusal_reason or ERROR_FORBIDDEN)
        if not bound.can_proceed():
            unmet = transition.get_unmet_condition(flow)
            message = getattr(unmet[1], "message", "") if unmet else ""
            raise TransitionRefused(RefusalCode.INVALID, message or ERROR_GUARD)
        form_class = transition.custom.get("form")
        if form_class is not None:
            form = form_class(data=data or {})
            if not form.is_valid():
                raise TransitionRefused(
                    RefusalCode.INVALID, ERROR_INVALID_DATA, errors=form.errors.get_json_data()
                )
            flow.data = form.cleaned_data

        before = _snapshot(locked)
        old_status = locked.status
        try:
            bound()
        except TransitionNotAllowed as exc:
            raise TransitionRefused(RefusalCode.INVALID, ERROR_NOT_NOW) from exc
        clock_apply(flow, transition.custom.get("clock"), old_status=old_status)
        flow.transition_done(name, old_status)

        now = timezone.now()
        for field in locked._meta.concrete_fields:
            if getattr(field, "auto_now", False):
                setattr(locked, field.attname, now)
        after = _snapshot(locked)
        changes = {k: v for k, v in after.items() if v != before[k]}
        # Never an empty UPDATE (the WHERE is the point); the status is written through the
        # PostgreSQL trigger's one-row gate, opened by this very statement (dbguards). The
        # event and its outbox rows (keys and payloads with the event's id) are written with
        # it: one statement on PostgreSQL (workflows.writes).
        changes["status"] = locked.status
        written = transition_write(
            locked,
            old_status=old_status,
            changes=changes,
            event_model=flow.event_model,
            event={
                "case": locked,
                "actor": actor,
                "action": name,
                "from_status": old_status,
                "to_status": locked.status,
                "data": flow.event_data,
            },
            jobs=flow.side_effects,
        )
        if not written:
            raise TransitionRefused(RefusalCode.CONFLICT, ERROR_CONFLICT)
    return locked
