"""The demo holds advisory requests in every state, made through the flow, and loads twice
without adding anything."""

from io import StringIO

import pytest
from django.core.management import call_command

from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.models import OpinionVersion
from casework.models import Case, CaseEvent
from directory.roles import organisation_ids_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_demo_has_requests_in_every_state_with_real_events_and_is_idempotent():
    call_command("demo", stdout=StringIO())
    statuses = set(Case.objects.filter(kind="advisory").values_list("status", flat=True))
    assert statuses == set(AdvisoryStatus.values)
    first = (Case.objects.count(), CaseEvent.objects.count(), OpinionVersion.objects.count())
    # Every non-draft request starts with a real submit event and carries a number.
    for case in Case.objects.filter(kind="advisory").exclude(status="draft"):
        assert case.events.order_by("pk").first().action == "submit"
        assert case.number.startswith("DOR/")
    phone = Case.objects.get(channel="phone")
    assert phone.requesting_organisation_id not in organisation_ids_of(phone.filed_by)
    assert phone.date_received < phone.created_at.date()
    catering = Case.objects.filter(status="published", advisory__topic="social_clauses").get()
    assert catering.advisory.intake["cpv_main"] == "55524000-9"
    call_command("demo", stdout=StringIO())
    assert (
        Case.objects.count(),
        CaseEvent.objects.count(),
        OpinionVersion.objects.count(),
    ) == first
