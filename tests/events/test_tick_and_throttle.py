"""``tick`` runs the events' checks (expiring holds, reminders, retention); the public form is
throttled per client address and per e-mail address."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events import throttle
from events.constants import RegistrationStatus as S
from events.models import Registration
from events.services import register

from .conftest import make_event, person

pytestmark = pytest.mark.django_db


def test_tick_expires_an_unconfirmed_registration_and_offers_its_place(event):
    regs = [register(event, data=person(i)) for i in range(4)]
    Registration.objects.filter(pk=regs[0].pk).update(
        hold_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert "events.expire_holds: 1" in out.getvalue()
    assert Registration.objects.get(pk=regs[0].pk).status == S.EXPIRED
    assert Registration.objects.get(pk=regs[3].pk).status == S.OFFERED


def test_the_form_is_throttled_per_email_address(client, monkeypatch):
    monkeypatch.setattr(throttle, "PER_EMAIL", 2)
    events = [make_event(title=f"Wydarzenie {i}") for i in range(3)]
    for event in events[:2]:
        client.post(reverse("events:register", args=[event.pk]), person(1))
    response = client.post(reverse("events:register", args=[events[2].pk]), person(1))
    assert "Zbyt wiele zgłoszeń w krótkim czasie." in response.content.decode()
    assert Registration.objects.count() == 2


def test_the_form_is_throttled_per_client_address(client, monkeypatch):
    monkeypatch.setattr(throttle, "PER_ADDRESS", 2)
    event = make_event(capacity=10)
    for i in range(3):
        response = client.post(reverse("events:register", args=[event.pk]), person(i))
    assert "Zbyt wiele zgłoszeń w krótkim czasie." in response.content.decode()
    assert Registration.objects.count() == 2
