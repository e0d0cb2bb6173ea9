"""What the user is told after a transition: which case, and what happened to it.

A message names the case by its number in a sentence that agrees with the case's noun; the
shared sentences below say "case" ("Sprawa … została …"), a kind words its own with its noun
(``CaseKind.done_messages``). The same sentence tells the loser of a race what the winner did.
"""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .registry import kind_of

#: By transition name, for every kind; a kind words its own (``CaseKind.done_messages``).
DONE = {
    "submit": _("Case %(number)s was submitted."),
    "accept": _("Case %(number)s was accepted for review; assignee: %(assignee)s."),
    "decline": _("Case %(number)s was not accepted for review."),
    "request_info": _(
        "The question on case %(number)s was sent to the requester; the deadline is paused."
    ),
    "provide_info": _("The answer on case %(number)s was sent; the deadline runs again."),
    "submit_for_approval": _("Case %(number)s was sent for approval."),
    "return_for_changes": _("Case %(number)s was returned for changes."),
    "approve": _("Case %(number)s was approved."),
    "reject": _("Case %(number)s was rejected."),
    "publish": _("Case %(number)s was published."),
    "withdraw": _("Case %(number)s was withdrawn."),
    "extend_deadline": _("The deadline of case %(number)s was extended."),
    "reassign": _("Case %(number)s has a new assignee: %(assignee)s."),
}
DEFAULT_DONE = _("The action on case %(number)s was carried out.")

#: The receipt's "what happens next" when a kind says nothing of its own.
DEFAULT_NEXT_STEPS = _(
    "The office will check the case and assign it to someone who will handle it. If anything "
    "is missing, you will be asked here and by e-mail; the deadline pauses until you answer."
)

RACE_MESSAGE = _(
    "Someone was faster (%(who)s, %(when)s). %(what)s Your action was not carried out; "
    "the page shows the case as it is now."
)
JUST_NOW = _("a moment ago")
TIME_AGO = _("%(time)s ago")
RACE_MESSAGE_UNKNOWN = _(
    "The case changed meanwhile. Your action was not carried out; the page shows the case as "
    "it is now."
)


def _name(user: Any) -> str:
    if user is None:
        return "—"
    return getattr(user, "full_name", "") or str(user)


def done_message(case: Any, name: str) -> str:
    """The sentence saying what transition ``name`` did to ``case`` (as it is now)."""
    kind = kind_of(case)
    wording = kind.done_messages.get(name) if kind else None
    wording = wording or DONE.get(name, DEFAULT_DONE)
    return str(wording) % {
        "number": case.number or "—",
        "assignee": _name(case.assignee) if case.assignee_id else "—",
    }


def next_steps(case: Any) -> str:
    kind = kind_of(case)
    return str((kind.next_steps if kind else "") or DEFAULT_NEXT_STEPS)


def race_message(case: Any) -> str:
    """For whoever lost a race to the case: who did what, how long ago (the latest event)."""
    event = case.events.select_related("actor").order_by("-at", "-pk").first()
    if event is None:
        return gettext(RACE_MESSAGE_UNKNOWN)
    if timezone.now() - event.at < datetime.timedelta(minutes=1):
        when = gettext(JUST_NOW)
    else:
        when = gettext(TIME_AGO) % {"time": timesince(event.at, depth=1)}
    return gettext(RACE_MESSAGE) % {
        "who": _name(event.actor),
        "when": when,
        "what": done_message(case, event.action),
    }
