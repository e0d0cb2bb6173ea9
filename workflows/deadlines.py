"""Deadline policies and what transitions do to a case's clock."""

import datetime
from dataclasses import dataclass
from typing import Any

from . import calendar
from .constants import DeadlineUnit


@dataclass(frozen=True)
class DeadlinePolicy:
    """A case kind's deadline, e.g. 30 calendar days, 60 when the case is marked complex."""

    days: int
    unit: str = DeadlineUnit.CALENDAR
    complex_days: int | None = None

    def days_for(self, case: Any) -> int:
        if self.complex_days and getattr(case, "is_complex", False):
            return self.complex_days
        return self.days


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _pauses(flow) -> list[tuple[datetime.date, datetime.date | None]]:
    if flow.pause_model is None:
        return []
    return list(
        flow.pause_model.objects.filter(case=flow.case).values_list("started_on", "ended_on")
    )


def due_date_of(flow) -> datetime.date | None:
    case = flow.case
    if not case.clock_started_on or case.deadline_days is None:
        return None
    return calendar.due_date_compute(
        start=case.clock_started_on,
        days=case.deadline_days,
        unit=case.deadline_unit,
        pauses=_pauses(flow),
        extension_days=case.extension_days,
    )


def clock_apply(flow, clock: str | None, *, old_status: str) -> None:
    """Change the case's clock as the transition declares; record the change in the event."""
    if clock is None:
        return
    case = flow.case
    before = case.due_date
    today = calendar.today()
    if clock == "start":
        policy = flow.deadline_policy
        if policy is None:
            return
        case.deadline_days = policy.days_for(case)
        case.deadline_unit = policy.unit
        case.clock_started_on = getattr(case, "date_received", None) or today
        case.due_date = due_date_of(flow)
    elif clock == "pause":
        case.resume_status = old_status
        if flow.pause_model is not None and case.clock_started_on:
            flow.pause_model.objects.create(case=case, started_on=today)
        case.due_date = None
    elif clock == "resume":
        case.resume_status = ""
        if flow.pause_model is not None:
            flow.pause_model.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today)
        case.due_date = due_date_of(flow)
    elif clock == "stop":
        case.due_date = None
        case.resume_status = ""
        if flow.pause_model is not None:
            flow.pause_model.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today)
    elif clock == "extend":
        days = int(flow.data["days"])
        case.extension_days += days
        case.due_date = due_date_of(flow)
        if flow.extension_model is not None:
            flow.extension_model.objects.create(
                case=case,
                actor=flow.actor,
                days=days,
                reason=flow.data["reason"],
                due_before=before,
                due_after=case.due_date,
            )
        flow.event_data["days"] = days
        flow.notify(flow.requester_users(), "deadline_extended")
    if case.due_date is not None:
        case.promised_date = case.due_date
    if case.due_date != before:
        flow.event_data["due_before"] = _iso(before)
        flow.event_data["due_after"] = _iso(case.due_date)
