"""The subject of a notification, by verb: a kind words its own, the rest read as here.

Kept apart from ``casework.notifications`` because the ``Notification`` model shows its
subject too: the models import this module, and the delivery there imports the models.
"""

from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .registry import kind_of

#: Subjects by verb, for every kind; a kind words its own (``CaseKind.notification_subjects``).
VERBS = {
    "submitted": _("Case %(number)s was submitted"),
    "assigned": _("Case %(number)s was assigned to you"),
    "declined": _("Case %(number)s was declined"),
    "info_provided": _("The requester answered on case %(number)s"),
    "approval_requested": _("Case %(number)s awaits approval"),
    "returned": _("Case %(number)s was returned for changes"),
    "rejected": _("Case %(number)s was rejected"),
    "published": _("Case %(number)s was published"),
    "withdrawn": _("Case %(number)s was withdrawn"),
    "info_requested": _("The office asks for more information on case %(number)s"),
    "deadline_extended": _("The deadline of case %(number)s was extended"),
    "approved": _("Case %(number)s was approved"),
    "received": _("Receipt of case %(number)s"),
    "expired": _("Case %(number)s expired without an answer"),
    "deadline_reminder": _("Case %(number)s is due soon"),
    "deadline_escalation": _("Case %(number)s is overdue"),
}
DEFAULT_VERB = _("There is news on case %(number)s")


def notification_subject(verb: str, case: Any) -> str:
    number = (case.number if case else "") or "-"
    kind = kind_of(case) if case else None
    wording = kind.notification_subjects.get(verb) if kind else None
    return str(wording or VERBS.get(verb, DEFAULT_VERB)) % {"number": number}


#: How a quoted comment is headed, by verb.
COMMENT_LABELS = {
    "info_requested": _("Question"),
    "info_provided": _("Answer"),
    "returned": _("Reason"),
    "declined": _("Reason"),
    "rejected": _("Reason"),
    "withdrawn": _("Reason"),
}


def notification_details(notification: Any) -> list[tuple[str, str]]:
    """What a notification says beyond its subject, as (heading, text) pairs: the receipt's
    number, deadline and next steps; the question, answer or reason the transition wrote
    (an internal comment only to staff)."""
    from .outcomes import next_steps
    from .permissions import sees_internal

    case = notification.case
    rows: list[tuple[str, str]] = []
    if notification.verb == "received" and case is not None:
        rows.append((str(_("Case number")), case.number or "—"))
        # The deadline as it is when the notification is read or sent (a question asked
        # since has paused it).
        if case.due_date:
            rows.append((str(_("Deadline")), date_format(case.due_date, "DATE_FORMAT")))
        elif case.resume_status:
            rows.append(
                (
                    str(_("Deadline")),
                    str(_("The deadline is paused while the office waits for information.")),
                )
            )
        rows.append((str(_("What happens next")), next_steps(case)))
    comment = notification.comment
    if comment is not None and (not comment.is_internal or sees_internal(notification.recipient)):
        label = COMMENT_LABELS.get(notification.verb, _("Message"))
        rows.append((str(label), comment.body))
    return rows
