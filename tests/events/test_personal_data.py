"""A person's registrations are in their data export and keep nothing of them after erasure
(the rows stay for the counts)."""

import pytest

from accounts.services import user_erase, user_export
from events.models import Registration
from events.services import register
from tests.factories import UserFactory

from .conftest import person

pytestmark = pytest.mark.django_db


def test_export_and_erasure_cover_registrations_made_with_or_without_the_account(event):
    user = UserFactory(email="uczestnik1@example.pl", full_name="Uczestnik Numer1")
    register(event, data=person(1))  # without signing in, with the same address
    export = user_export(user=user)
    assert export["event_registrations"][0]["email"] == "uczestnik1@example.pl"
    user_erase(user=user, actor=UserFactory(is_superuser=True, is_staff=True))
    reg = Registration.objects.get()
    for value in (reg.name, reg.email, reg.institution, reg.accessibility_needs):
        assert "Numer1" not in value
        assert "uczestnik1" not in value
    assert reg.audience == person(1)["audience"]
