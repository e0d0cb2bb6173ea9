"""Scheduled checks of the agreement kind (``manage.py tick``): the signing reminder and
the reminders 60 and 30 days before an agreement in force ends. Each notification is an
outbox row keyed by agreement, date and recipient, so a second tick adds nothing. Expiry
itself is the flow's automatic ``expire`` (casework's check runs it as the system actor)."""

import datetime

from django.db import transaction

from casework.models import Case
from workflows import calendar

from .constants import EXPIRY_REMINDER_DAYS, KIND, SIGNING_REMINDER_DAYS
from .constants import AgreementStatus as S
from .models import Agreement
from .services import notify, party_users, signatories_of


def signing_reminders_send() -> int:
    """Remind the representatives of parties that have not signed yet, once, a week before
    the signing deadline."""
    today = calendar.today()
    due = Agreement.objects.filter(
        case__kind=KIND,
        case__status=S.SIGNING,
        signing_due__isnull=False,
        signing_due__lte=today + datetime.timedelta(days=SIGNING_REMINDER_DAYS),
    ).select_related("case")
    sent = 0
    for agreement in due:
        with transaction.atomic():
            users = signatories_of(agreement, incomplete_only=True)
            key = f"{agreement.current_version_id}:{agreement.signing_due.isoformat()}"
            notify(agreement.case, users, "signing_reminder", key)
            sent += len(users)
    return sent


def expiry_reminders_send() -> int:
    """Tell every party's members 60 and 30 days before the end date (once each; an
    agreement put in force less than 60 days before its end gets only the nearer one)."""
    today = calendar.today()
    horizon = today + datetime.timedelta(days=max(EXPIRY_REMINDER_DAYS))
    cases = Case.objects.filter(
        kind=KIND, status=S.IN_FORCE, agreement__end_date__gte=today,
        agreement__end_date__lte=horizon,
    ).select_related("agreement")  # fmt: skip
    sent = 0
    for case in cases:
        agreement = case.agreement
        left = (agreement.end_date - today).days
        days = min(d for d in EXPIRY_REMINDER_DAYS if left <= d)
        with transaction.atomic():
            users = party_users(agreement)
            notify(case, users, "expiry_reminder", f"{agreement.end_date.isoformat()}:{days}")
            sent += len(users)
    return sent
