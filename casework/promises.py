"""Promised and actual dates of a closed case: "promised by 20.12.2026, done on 18.12.2026,
on time".

When a case's clock stops, its due date goes (nothing is due any more), but the requester
still wants to see what was promised and when it was done: ``Case.promised_date`` keeps the
last due date given, and the date the case reached its current state is the actual date.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from .models import CaseEvent


@dataclass(frozen=True)
class Outcome:
    promised: datetime.date
    done_on: datetime.date

    @property
    def on_time(self) -> bool:
        return self.done_on <= self.promised


def is_closed(case) -> bool:
    """The clock has stopped for good: a promise was made, nothing is due, nothing paused."""
    return bool(case.promised_date and case.due_date is None and not case.resume_status)


def reached_at_subquery() -> Subquery:
    """When each case entered its current state (the latest event into it): annotate a list
    with it in the list's own query, so a page of cases costs no query per case."""
    return Subquery(
        CaseEvent.objects.filter(case=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-at", "-pk")
        .values("at")[:1]
    )


def outcome_of(case, reached_at: datetime.datetime | None = None) -> Outcome | None:
    """The outcome of a closed case (None while it is open). ``reached_at`` is when it entered
    its current state (annotated by ``reached_at_subquery`` or read from its events)."""
    if not is_closed(case):
        return None
    if reached_at is None:
        reached_at = getattr(case, "reached_at", None)
    if reached_at is None:
        event = case.events.filter(to_status=case.status).order_by("-at", "-pk").only("at").first()
        reached_at = event.at if event else None
    if reached_at is None:
        return None
    return Outcome(promised=case.promised_date, done_on=timezone.localdate(reached_at))
