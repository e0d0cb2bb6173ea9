"""directory.roles: the SQL forms of the staff and committee roles agree with the one rule."""

import datetime

import pytest

from directory.constants import MembershipRole, OrganisationKind, Role
from directory.querysets import today as local_today
from directory.roles import (
    ROLE_NARROWING,
    role_of_membership,
    user_ids_with_role,
    user_with_role,
    users_with_role,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = (Role.ADVISOR, Role.COORDINATOR)


@pytest.fixture
def everyone():
    """One member for every organisation kind and membership role, and who they are."""
    expected = {}
    for kind in OrganisationKind.values:
        organisation = OrganisationFactory(kind=kind)
        for role in MembershipRole.values:
            m = MembershipFactory(organisation=organisation, role=role)
            expected[m.user_id] = role_of_membership(m)
    return expected


@pytest.mark.parametrize("role", sorted(ROLE_NARROWING))
def test_users_with_role_is_exactly_role_of_membership(everyone, role):
    wanted = {user_id for user_id, r in everyone.items() if r == role}
    assert wanted  # every staff and committee role is held by someone here
    assert set(users_with_role(role).values_list("pk", flat=True)) == wanted
    assert user_ids_with_role(role) == wanted


def test_users_with_role_takes_several_roles_and_refuses_the_others(everyone):
    staff = {user_id for user_id, r in everyone.items() if r in STAFF}
    assert set(users_with_role(*STAFF).values_list("pk", flat=True)) == staff
    with pytest.raises(ValueError, match="users_with_role works for"):
        users_with_role(Role.MUNICIPALITY)


def test_user_with_role_answers_for_one_user(everyone):
    for user_id, role in everyone.items():
        found = user_with_role(user_id, STAFF)
        assert (found.pk if found else None) == (user_id if role in STAFF else None)
    assert user_with_role("x", STAFF) is None
    assert user_with_role(None, STAFF) is None
    assert user_with_role(999999, STAFF) is None


def test_only_memberships_in_force_count(rops):
    today = local_today()
    ended = MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        valid_from=today - datetime.timedelta(days=30),
        valid_to=today - datetime.timedelta(days=1),
    ).user
    future = MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        valid_from=today + datetime.timedelta(days=1),
    ).user
    current = MembershipFactory(organisation=rops, role=MembershipRole.COORDINATOR).user
    assert user_with_role(ended.pk, STAFF) is None
    assert user_with_role(future.pk, STAFF) is None
    assert user_with_role(str(current.pk), STAFF) == current
    assert list(users_with_role(*STAFF)) == [current]
    yesterday = today - datetime.timedelta(days=1)
    assert user_with_role(ended.pk, STAFF, on=yesterday) == ended
    assert set(users_with_role(*STAFF, on=yesterday)) == {ended, current}


def test_a_user_with_several_memberships_is_found_once(rops):
    user = UserFactory()
    MembershipFactory(user=user, organisation=rops, role=MembershipRole.ADVISOR)
    MembershipFactory(user=user, organisation=OrganisationFactory(kind=OrganisationKind.GMINA))
    assert list(users_with_role(*STAFF)) == [user]
    assert user_with_role(user.pk, STAFF) == user
    assert user_with_role(user.pk, (Role.COMMITTEE,)) is None
