"""Scheduled checks run by ``manage.py tick``: automatic transitions, reminders, escalation.

Each is idempotent: a transition moves the case out of its source state; a reminder or an
escalation is an outbox row keyed by case, due date and recipient, so it is added once.
"""

from django.db import transaction

from directory.constants import Role
from directory.roles import user_ids_with_role
from workflows.actors import system_actor
from workflows.exceptions import TransitionRefused
from workflows.flows import NOTIFY_TOPIC
from workflows.outbox import outbox_add
from workflows.registry import registered_flows
from workflows.services import transition_apply

from .models import Case


def automatic_transitions_run() -> int:
    """Run every kind's automatic transitions (expiry, auto-close) as the system actor."""
    system = system_actor()
    done = 0
    for kind, flow_cls in registered_flows().items():
        for name in flow_cls.automatic:
            sources = {t.source for t in getattr(flow_cls, name).get_transitions()}
            for case in Case.objects.filter(kind=kind, status__in=sources):
                if not case.get_flow(actor=system).allowed_now(name, system):
                    continue
                try:
                    transition_apply(
                        case=case, expected_status=case.status, name=name, actor=system, data={}
                    )
                except TransitionRefused:
                    continue  # someone acted first; the next tick looks again
                done += 1
    return done


def _notify(case: Case, user_id: int, verb: str) -> None:
    outbox_add(
        topic=NOTIFY_TOPIC,
        key=f"casework.{verb}:{case.pk}:{case.due_date}:{user_id}",
        payload={"case_id": case.pk, "recipient_id": user_id, "verb": verb},
    )


def deadline_reminders_send() -> int:
    """Remind assignees of cases due soon (once per case, due date and assignee)."""
    cases = list(Case.objects.due_soon().filter(assignee__isnull=False))
    with transaction.atomic():
        for case in cases:
            _notify(case, case.assignee_id, "deadline_reminder")
    return len(cases)


def deadline_escalations_send() -> int:
    """Tell the coordinators about overdue cases (once per case, due date and coordinator)."""
    cases = list(Case.objects.overdue())
    coordinators = sorted(user_ids_with_role(Role.COORDINATOR))
    with transaction.atomic():
        for case in cases:
            for user_id in coordinators:
                _notify(case, user_id, "deadline_escalation")
    return len(cases)
