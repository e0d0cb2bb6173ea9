"""Notifications: one in-app row and one e-mail per outbox row, in the recipient's language."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from casework.models import Notification
from workflows.flows import NOTIFY_TOPIC
from workflows.models import OutboxRow
from workflows.outbox import outbox_add, outbox_run

from .factories import draft_case

pytestmark = pytest.mark.django_db


def _notify(case, user, verb="approved", key="n1"):
    with transaction.atomic():
        return outbox_add(
            topic=NOTIFY_TOPIC,
            key=key,
            payload={"case_id": case.pk, "recipient_id": user.pk, "verb": verb},
        )


@pytest.fixture
def case(gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    case.number = "TST/2026/0001"
    case.save(update_fields=["number"])
    return case


def test_a_notification_is_stored_and_emailed_once(case, municipality_user):
    row = _notify(case, municipality_user)
    assert outbox_run(row.pk)
    OutboxRow.objects.filter(pk=row.pk).update(status="pending")  # a duplicate hand-off
    outbox_run(row.pk)
    assert Notification.objects.filter(recipient=municipality_user).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [municipality_user.email]


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("pl", "Sprawa TST/2026/0001 została zatwierdzona"),
        ("en", "Case TST/2026/0001 was approved"),
    ],
)
def test_the_email_is_in_the_recipients_language(case, municipality_user, language, subject):
    municipality_user.preferred_language = language
    municipality_user.save()
    outbox_run(_notify(case, municipality_user).pk)
    assert mail.outbox[0].subject == subject


def test_a_failed_send_is_retried_without_a_duplicate(case, municipality_user, monkeypatch):
    import casework.notifications as notifications

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    row = _notify(case, municipality_user)
    assert not outbox_run(row.pk)
    assert not Notification.objects.exists()  # rolled back with the failed attempt
    monkeypatch.undo()
    OutboxRow.objects.filter(pk=row.pk).update(available_at=row.created_at)
    assert outbox_run(row.pk)
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_erased_or_inactive_recipient_gets_nothing(case, municipality_user):
    municipality_user.is_active = False
    municipality_user.save()
    assert outbox_run(_notify(case, municipality_user).pk)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_tick_reminds_the_assignee_once_and_escalates_overdue_cases_to_coordinators(
    case, advisor, coordinator
):
    from django.utils import timezone

    today = timezone.localdate()
    case.assignee = advisor
    case.due_date = today + datetime.timedelta(days=2)
    case.save(update_fields=["assignee", "due_date"])
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    assert list(Notification.objects.values_list("recipient", "verb")) == [
        (advisor.pk, "deadline_reminder")
    ]
    case.due_date = today - datetime.timedelta(days=1)
    case.save(update_fields=["due_date"])
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    assert Notification.objects.filter(verb="deadline_escalation").get().recipient == coordinator
