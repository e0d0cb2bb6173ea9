"""The demo committee: RKRES and the four thematic groups with members, one meeting with a
resolution, loaded once however often the demo runs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from committee.constants import BodyKind
from committee.models import Body, Meeting, Resolution
from directory.constants import Role
from directory.models import Membership
from directory.roles import roles_of

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_committee_once(client):
    call_command("demo", stdout=StringIO())
    committee = Body.objects.get(kind=BodyKind.COMMITTEE)
    groups = Body.objects.filter(kind=BodyKind.THEMATIC_GROUP)
    assert groups.count() == 4
    assert set(groups.values_list("parent", flat=True)) == {committee.pk}
    for group in groups:
        assert Membership.objects.current().filter(organisation=group.organisation).exists()
        assert group.composition
    meeting = Meeting.objects.get(body=committee)
    resolution = Resolution.objects.get(meeting=meeting)
    assert resolution.items.get().status == "passed"
    assert meeting.minutes.status == "approved"
    counts = (Body.objects.count(), Meeting.objects.count(), Resolution.objects.count())
    membership_count = Membership.objects.count()
    call_command("demo", stdout=StringIO())
    assert (Body.objects.count(), Meeting.objects.count(), Resolution.objects.count()) == counts
    assert Membership.objects.count() == membership_count
    # A group seat gives no esflow role of its own: the group's member from a gmina stays a
    # municipality user, not a committee member.
    seat = Membership.objects.filter(
        organisation=groups.get(organisation__name__contains="PCPR").organisation,
        user__email__startswith="urz",
    ).get()
    assert roles_of(seat.user) == frozenset({Role.MUNICIPALITY})
    # The public reads the bodies and the register.
    assert committee.name in client.get(reverse("portal:committee-bodies")).content.decode()
    assert resolution.number in client.get(reverse("portal:resolutions")).content.decode()
