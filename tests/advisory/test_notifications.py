"""Notifications of an advisory request: in-app (with the unread count in the header) and by
e-mail in the recipient's language; reminders and escalation from ``tick``."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from casework.models import Notification

from .helpers import apply, new_request, notified

pytestmark = pytest.mark.django_db


def test_the_email_goes_out_in_each_recipients_language(clock, gmina, clerk, advisor, coordinator):
    coordinator.preferred_language = "en"
    coordinator.save()
    clerk.preferred_language = "pl"
    clerk.save()
    case = apply(new_request(gmina, clerk), "submit", clerk)
    notified(case, "submitted")
    case = apply(apply(case, "accept", advisor), "request_info", advisor, question="OPZ?")
    notified(case, "info_requested")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[coordinator.email] == f"A new request was submitted: case {case.number}"
    assert subjects[clerk.email].startswith("Urząd prosi o dodatkowe informacje")
    assert case.number in subjects[clerk.email]
    body = next(m.body for m in mail.outbox if m.to == [clerk.email])
    assert reverse("casework:case-detail", args=[case.pk]) in body


def test_unread_count_in_the_header_and_reading_one_goes_to_the_case(
    client, clock, gmina, clerk, advisor
):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(apply(case, "accept", advisor), "request_info", advisor, question="OPZ?")
    notified(case, "info_requested")
    client.force_login(clerk)
    page = client.get(reverse("casework:case-list"))
    assert page.context["unread_notifications"] == 2  # the receipt and the question
    assert 'class="badge"' in page.content.decode()
    listing = client.get(reverse("casework:notifications")).content.decode()
    assert case.number in listing
    notification = Notification.objects.get(recipient=clerk, verb="info_requested")
    response = client.post(reverse("casework:notification-read", args=[notification.pk]))
    assert response.url == reverse("casework:case-detail", args=[case.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("casework:case-list")).context["unread_notifications"] == 1


def test_nobody_reads_another_users_notification(client, clock, gmina, clerk, advisor, other_clerk):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(apply(case, "accept", advisor), "request_info", advisor, question="OPZ?")
    notified(case, "info_requested")
    notification = Notification.objects.get(recipient=clerk, verb="info_requested")
    client.force_login(other_clerk)
    response = client.post(reverse("casework:notification-read", args=[notification.pk]))
    assert response.status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_tick_reminds_the_assignee_and_escalates_overdue_requests_to_coordinators(
    clock, gmina, clerk, advisor, coordinator
):
    # The engine's due-soon and overdue queries read the real date: start the clocks so
    # that one request is due within days and another is past due.
    today = timezone.localdate()
    clock.day = today - datetime.timedelta(days=27)
    soon = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    clock.day = today - datetime.timedelta(days=45)
    late = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    assert late.due_date < today <= soon.due_date
    call_command("tick", stdout=io.StringIO())
    assert notified(soon, "deadline_reminder") == {advisor}
    assert notified(late, "deadline_escalation") == {coordinator}
    call_command("tick", stdout=io.StringIO())
    assert Notification.objects.filter(case=late, verb="deadline_escalation").count() == 1


def test_a_declined_request_tells_the_requester_why(client, clock, gmina, clerk, coordinator):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(case, "decline", coordinator, reason="Poza zakresem doradztwa ROPS.")
    assert case.status == "rejected"
    assert notified(case, "declined") == {clerk}
    client.force_login(clerk)
    assert (
        "Poza zakresem doradztwa ROPS."
        in client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    )
