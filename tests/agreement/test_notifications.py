"""The agreement's notifications read in the recipient's language (Polish and English), and
the signing reminder goes once, a week before the deadline, to the representatives of the
parties that have not signed yet."""

import datetime

import pytest
from django.utils import translation

from casework.kinds.agreement.models import AgreementParty
from casework.kinds.agreement.services import agreement_sign
from casework.models import Notification
from casework.notification_subjects import notification_subject
from workflows import calendar
from workflows.scheduling import registered_checks

from .conftest import notified

pytestmark = pytest.mark.django_db


def test_subjects_in_polish_and_english(signing):
    with translation.override("pl"):
        assert notification_subject("signing_opened", signing) == (
            f"Porozumienie partnerskie {signing.number} czeka na Twój podpis"
        )
    with translation.override("en"):
        assert notification_subject("signing_opened", signing) == (
            f"Partnership agreement {signing.number} awaits your signature"
        )
        assert notification_subject("expiry_reminder", signing) == (
            f"Partnership agreement {signing.number} ends soon"
        )


def test_the_signing_reminder_goes_once_to_those_still_to_sign(
    signing, parties, leader_org, monkeypatch
):
    agreement_sign(
        case=signing,
        actor=parties["wojt"],
        party=AgreementParty.objects.get(organisation=leader_org),
        sha256=signing.agreement.current_version.sha256,
    )
    due = signing.agreement.signing_due
    check = registered_checks()["agreement.signing_reminders"]
    monkeypatch.setattr(calendar, "today", lambda: due - datetime.timedelta(days=10))
    check()
    assert notified(signing, "signing_reminder") == set()
    monkeypatch.setattr(calendar, "today", lambda: due - datetime.timedelta(days=6))
    check()
    check()
    assert notified(signing, "signing_reminder") == {parties["a"], parties["b"], parties["owes"]}
    assert Notification.objects.filter(verb="signing_reminder").count() == 3
