"""Who may open a body's internal pages is one rule: ``may_see_body`` (one body) and
``visible_bodies_q`` (the list, the resolutions' and minutes' PDFs) decide the same for every
kind of user. An inactive (blocked) account sees no body, whatever its seats or roles, and
holds no right in one."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from committee.models import Body
from committee.permissions import (
    has_vote,
    may_chair,
    may_organise,
    may_record_votes,
    may_see_body,
    seat_of,
    visible_bodies_q,
)
from directory.constants import MembershipRole
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def inactive(user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


@pytest.fixture
def users(body, group, seated, coordinator, advisor, rops):
    org = body.organisation
    ex_member = MembershipFactory(
        organisation=org, valid_from=datetime.date(2023, 1, 1), valid_to=TODAY - DAY
    ).user
    future_member = MembershipFactory(
        organisation=org, valid_from=TODAY + datetime.timedelta(days=30)
    ).user
    group_member = MembershipFactory(organisation=group.organisation).user
    blocked_coordinator = MembershipFactory(organisation=rops, role=MembershipRole.COORDINATOR).user
    return {
        # name: (user, sees the committee, sees the group)
        "anonymous": (AnonymousUser(), False, False),
        "chair": (seated["chair"], True, False),
        "secretary": (seated["secretary"], True, False),
        "member": (seated["members"][0], True, False),
        "observer": (seated["observer"], True, False),
        "ex-member": (ex_member, False, False),
        "future member": (future_member, False, False),
        "group member": (group_member, False, True),
        "coordinator": (coordinator, True, True),
        "advisor (no seat)": (advisor, False, False),
        "inactive member": (inactive(seated["members"][1]), False, False),
        "inactive observer": (
            inactive(MembershipFactory(organisation=org, role=MembershipRole.OBSERVER).user),
            False,
            False,
        ),
        "inactive coordinator": (inactive(blocked_coordinator), False, False),
    }


def test_one_body_and_the_list_decide_the_same_for_every_kind_of_user(body, group, users):
    for name, (user, sees_committee, sees_group) in users.items():
        listed = set(Body.objects.filter(visible_bodies_q(user)))
        for b, expected in ((body, sees_committee), (group, sees_group)):
            assert may_see_body(user, b) == (b in listed), (name, b)
            assert may_see_body(user, b) == expected, (name, b)


def test_an_inactive_account_holds_no_right_in_a_body(body, seated, coordinator):
    chair, secretary = inactive(seated["chair"]), inactive(seated["secretary"])
    assert seat_of(chair, body) is None
    assert not may_chair(chair, body)
    assert not has_vote(chair, body)
    assert not may_organise(secretary, body)
    assert not may_record_votes(secretary, body)
    assert may_organise(coordinator, body)
    assert not may_organise(inactive(coordinator), body)
    # The active ones keep theirs.
    member = seated["members"][0]
    assert has_vote(member, body)
    assert not may_organise(member, body)
