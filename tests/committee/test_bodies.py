"""Bodies build on the directory's memberships: the roles of a body, thematic groups whose
seats give no esflow role, observers who neither vote nor decide."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from committee.permissions import has_vote, may_chair, may_organise, may_see_body
from committee.services import meeting_schedule
from directory.constants import MembershipRole, Role
from directory.models import Membership
from directory.roles import committee_membership_of, roles_of
from tests.factories import MembershipFactory
from workflows.outbox import outbox_rehand

pytestmark = pytest.mark.django_db


def test_body_roles_exist_only_in_bodies(group, rops):
    for role in (MembershipRole.SECRETARY, MembershipRole.OBSERVER, MembershipRole.VICE_CHAIR):
        with pytest.raises(ValidationError):
            Membership(
                user=MembershipFactory().user,
                organisation=rops,
                role=role,
                valid_from=datetime.date(2024, 1, 1),
            ).full_clean()
        Membership(
            user=MembershipFactory().user,
            organisation=group.organisation,
            role=role,
            valid_from=datetime.date(2024, 1, 1),
        ).full_clean()


def test_an_observer_is_no_committee_member(body, seated):
    observer = seated["observer"]
    assert Role.COMMITTEE not in roles_of(observer)
    assert committee_membership_of(observer) is None
    assert may_see_body(observer, body)
    assert not has_vote(observer, body)
    assert Role.COMMITTEE in roles_of(seated["secretary"])


def test_a_group_seat_gives_the_group_but_no_role(client, group, advisor, municipality_user):
    MembershipFactory(organisation=group.organisation, user=municipality_user)
    MembershipFactory(organisation=group.organisation, user=advisor, role=MembershipRole.SECRETARY)
    assert roles_of(municipality_user) == frozenset({Role.MUNICIPALITY})
    assert may_see_body(municipality_user, group)
    assert not may_organise(municipality_user, group)
    assert may_organise(advisor, group)
    assert not may_chair(advisor, group)
    client.force_login(municipality_user)
    assert client.get(reverse("committee:body", args=[group.pk])).status_code == 200
    assert client.get(reverse("committee:body", args=[group.parent_id])).status_code == 404
    # The secretary of the group schedules its meeting; its members are invited.
    start = timezone.now() + datetime.timedelta(days=7)
    meeting = meeting_schedule(
        body=group,
        actor=advisor,
        title="Spotkanie grupy",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        online_url="https://meet.example.pl/grupa",
    )
    assert not meeting.items.exists()  # a group decides no cases
    outbox_rehand(now=timezone.now() + datetime.timedelta(days=1))
    assert {m.to[0] for m in mail.outbox} == {municipality_user.email, advisor.email}


def test_public_group_page_lists_its_parent_and_composition(client, group):
    page = client.get(reverse("portal:committee-body", args=[group.pk])).content.decode()
    assert group.parent.name in page
    parent = client.get(reverse("portal:committee-body", args=[group.parent_id])).content
    assert group.name in parent.decode()
