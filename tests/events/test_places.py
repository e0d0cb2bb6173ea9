"""Places, the waiting list and holds (must-hold 1 of the events issue)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.constants import RegistrationStatus as S
from events.models import Registration
from events.services import RegistrationRefused, cancel, confirm, holds_expire, register
from workflows.outbox import outbox_rehand

from .conftest import person

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(event.registrations.order_by("created_at", "pk").values_list("status", flat=True))


def test_places_then_waiting_list_in_order(event):
    regs = [register(event, data=person(i)) for i in range(5)]
    assert [r.status for r in regs] == [S.PENDING, S.PENDING, S.PENDING, S.WAITING, S.WAITING]
    assert all(r.hold_until is not None for r in regs[:3])


def test_cancellation_offers_the_place_to_the_first_waiting(event):
    regs = [register(event, data=person(i)) for i in range(5)]
    cancel(regs[1])
    regs = [Registration.objects.get(pk=r.pk) for r in regs]
    assert [r.status for r in regs] == [S.PENDING, S.CANCELLED, S.PENDING, S.OFFERED, S.WAITING]
    assert regs[3].hold_until == pytest.approx(
        timezone.now() + datetime.timedelta(hours=event.offer_hours),
        abs=datetime.timedelta(minutes=1),
    )


def test_an_accepted_offer_confirms_the_place(event):
    regs = [register(event, data=person(i)) for i in range(4)]
    cancel(regs[0])
    assert confirm(regs[3]).status == S.CONFIRMED


def test_an_expired_offer_passes_to_the_next(event):
    regs = [register(event, data=person(i)) for i in range(6)]
    for r in regs[:3]:
        confirm(r)
    cancel(regs[0])
    later = timezone.now() + datetime.timedelta(hours=event.offer_hours, minutes=1)
    assert holds_expire(later) == 1
    assert [Registration.objects.get(pk=r.pk).status for r in regs[3:]] == [
        S.EXPIRED,
        S.OFFERED,
        S.WAITING,
    ]


def test_an_unconfirmed_registration_expires_and_frees_its_place(event):
    regs = [register(event, data=person(i)) for i in range(4)]
    confirm(regs[0])
    confirm(regs[2])
    later = timezone.now() + datetime.timedelta(hours=event.confirm_hours, minutes=1)
    assert holds_expire(later) == 1  # regs[1] never confirmed
    assert [Registration.objects.get(pk=r.pk).status for r in regs] == [
        S.CONFIRMED,
        S.EXPIRED,
        S.CONFIRMED,
        S.OFFERED,
    ]
    assert holds_expire(later) == 0  # idempotent


def test_an_expired_registration_cannot_be_confirmed(event):
    reg = register(event, data=person(1))
    Registration.objects.filter(pk=reg.pk).update(hold_until=timezone.now())
    with pytest.raises(RegistrationRefused):
        confirm(reg)
    assert Registration.objects.get(pk=reg.pk).status == S.EXPIRED


def test_a_signed_in_user_with_their_own_address_is_confirmed_at_once(event, django_user_model):
    user = django_user_model.objects.create_user(email="uczestnik1@example.pl", password="x" * 12)
    assert register(event, data=person(1), user=user).status == S.CONFIRMED


def test_one_live_registration_per_address(event):
    register(event, data=person(1))
    with pytest.raises(RegistrationRefused):
        register(event, data=person(1, email="UCZESTNIK1@example.pl"))
    assert event.registrations.count() == 1


def test_closed_registration_is_refused(event):
    event.registration_closes_at = timezone.now()
    event.save()
    with pytest.raises(RegistrationRefused):
        register(event, data=person(1))
    assert not event.registrations.exists()


def test_emails_are_sent_once_with_the_calendar_on_confirmation(event):
    reg = register(event, data=person(1))
    outbox_rehand()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["uczestnik1@example.pl"]
    assert "/wydarzenia/zgloszenie/" in mail.outbox[0].body
    confirm(reg)
    outbox_rehand()
    outbox_rehand()  # a second run sends nothing again
    assert len(mail.outbox) == 2
    assert mail.outbox[1].attachments[0][0] == "wydarzenie.ics"
