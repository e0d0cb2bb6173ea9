"""Scheduled checks of the agreement kind (``manage.py tick``): the signing reminder and
the reminders 60 and 30 days before an agreement in force ends. Each notification is an
outbox row keyed by agreement, date and recipient, so a second tick adds nothing. Expiry
itself is the flow's automatic ``expire`` (casework's check runs it as the system actor)."""

import datetime

from django.db import transaction

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
    """Tell every party's members 60 and 30 days before the end date of the version in force
    (once each; an agreement put in force less than 60 days before its end gets only the
    nearer one)."""
    today = calendar.today()
    horizon = today + datetime.timedelta(days=max(EXPIRY_REMINDER_DAYS))
    agreements = (
        Agreement.objects.filter(
            case__kind=KIND,
            case__status=S.IN_FORCE,
            in_force_version__end_date__gte=today.isoformat(),
            in_force_version__end_date__lte=horizon.isoformat(),
        )
        .exclude(in_force_version__end_date="")
        .select_related("case", "in_force_version")
    )
    sent = 0
    for agreement in agreements:
        end = agreement.in_force_version.end_date
        left = (datetime.date.fromisoformat(end) - today).days
        days = min(d for d in EXPIRY_REMINDER_DAYS if left <= d)
        with transaction.atomic():
            users = party_users(agreement)
            notify(agreement.case, users, "expiry_reminder", f"{end}:{days}")
            sent += len(users)
    return sent
