"""The demo registry covers every powiat and legal form, with PS status and withheld data."""

import io

import pytest
from django.core.management import call_command

from directory.constants import PES_CATEGORY_OF_KIND
from directory.models import RegistryEntry


@pytest.mark.django_db
def test_demo_registry_covers_the_region_and_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    entries = RegistryEntry.objects.all()
    assert entries.count() >= 60
    assert set(entries.values_list("powiat_code", flat=True)) >= {
        *(f"26{n:02d}" for n in range(1, 14)),
        "2661",
    }
    assert set(entries.values_list("kind", flat=True)) == set(PES_CATEGORY_OF_KIND)
    assert entries.filter(is_social_enterprise=True).exists()
    assert entries.filter(ps_periods__lost_on__isnull=False).exists()
    assert entries.filter(published=False).exists()
    assert entries.filter(published=True, consent_contact=False).exists()
    count = entries.count()
    call_command("demo", stdout=io.StringIO())
    assert RegistryEntry.objects.count() == count
