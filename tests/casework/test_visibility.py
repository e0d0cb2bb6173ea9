"""``Case.objects.visible_to`` and ``can(user, 'view', case)`` agree with each other and with
the rule of DESIGN.md ("Visibility and permissions"), over every role x relation x state."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from guardian.shortcuts import assign_perm

from casework.models import Case
from casework.permissions import can
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import TEST_KIND, draft_case

pytestmark = pytest.mark.django_db

STATES = [
    "draft",
    "submitted",
    "in_review",
    "awaiting_info",
    "in_approval",
    "approved",
    "closed",
    "expired",
    "withdrawn",
]
ROLES = ["nobody", "municipality", "organisation", "advisor", "coordinator", "committee"]
RELATIONS = ["none", "member", "filer", "assignee", "user_grant", "group_grant"]

# Written from DESIGN.md, not from the code. A draft is private to the requesting
# organisation and its filer; afterwards advisors and coordinators see all, the committee
# sees what is in or past approval, and relations and explicit grants open single cases.
EVERY = "draft submitted in_review awaiting_info in_approval approved closed expired withdrawn"
FILED = "submitted in_review awaiting_info in_approval approved closed expired withdrawn"
APPROVAL = "in_approval approved closed"
NOTHING = ""

EXPECTED = {
    ("nobody", "none"): NOTHING,
    ("nobody", "member"): EVERY,
    ("nobody", "filer"): EVERY,
    ("nobody", "assignee"): FILED,
    ("nobody", "user_grant"): FILED,
    ("nobody", "group_grant"): FILED,
    ("municipality", "none"): NOTHING,
    ("municipality", "member"): EVERY,
    ("municipality", "filer"): EVERY,
    ("municipality", "assignee"): FILED,
    ("municipality", "user_grant"): FILED,
    ("municipality", "group_grant"): FILED,
    ("organisation", "none"): NOTHING,
    ("organisation", "member"): EVERY,
    ("organisation", "filer"): EVERY,
    ("organisation", "assignee"): FILED,
    ("organisation", "user_grant"): FILED,
    ("organisation", "group_grant"): FILED,
    ("advisor", "none"): FILED,
    ("advisor", "member"): EVERY,
    ("advisor", "filer"): EVERY,
    ("advisor", "assignee"): FILED,
    ("advisor", "user_grant"): FILED,
    ("advisor", "group_grant"): FILED,
    ("coordinator", "none"): FILED,
    ("coordinator", "member"): EVERY,
    ("coordinator", "filer"): EVERY,
    ("coordinator", "assignee"): FILED,
    ("coordinator", "user_grant"): FILED,
    ("coordinator", "group_grant"): FILED,
    ("committee", "none"): APPROVAL,
    ("committee", "member"): EVERY,
    ("committee", "filer"): EVERY,
    ("committee", "assignee"): FILED,
    ("committee", "user_grant"): FILED,
    ("committee", "group_grant"): FILED,
}


def _user_with_role(role, orgs):
    user = UserFactory()
    if role == "municipality":
        MembershipFactory(user=user, organisation=OrganisationFactory(kind="gmina"))
    elif role == "organisation":
        MembershipFactory(user=user, organisation=OrganisationFactory(kind="foundation"))
    elif role in ("advisor", "coordinator"):
        MembershipFactory(user=user, organisation=orgs["rops"], role=role)
    elif role == "committee":
        MembershipFactory(user=user, organisation=orgs["committee"])
    return user


@pytest.fixture
def population(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed
    orgs = {
        "rops": OrganisationFactory(rops=True),
        "committee": OrganisationFactory(committee=True),
    }
    clerk = UserFactory()
    users, cases = {}, {}
    for role, relation in itertools.product(ROLES, RELATIONS):
        user = users[(role, relation)] = _user_with_role(role, orgs)
        for state in STATES:
            requester = OrganisationFactory(kind="gmina")
            case = Case(
                kind=TEST_KIND,
                title=f"{role} {relation} {state}",
                requesting_organisation=requester,
                filed_by=user if relation == "filer" else clerk,
                assignee=user if relation == "assignee" else None,
            )
            case.status = state  # created in the state (the trigger guards updates only)
            case.save()
            if relation == "member":
                MembershipFactory(user=user, organisation=requester)
            elif relation == "user_grant":
                assign_perm("view_case", user, case)
            elif relation == "group_grant":
                group = Group.objects.create(name=f"experts {case.pk}")
                group.user_set.add(user)
                assign_perm("view_case", group, case)
            cases[(role, relation, state)] = case
    return users, cases


def test_visible_to_and_can_agree_with_the_literal_table(population):
    """Each user against their own cases and against every case they have no relation to."""
    users, cases = population
    mismatches = []
    for (role, relation), user in users.items():
        visible = set(Case.objects.visible_to(user).values_list("pk", flat=True))
        for (c_role, c_relation, state), case in cases.items():
            own = (c_role, c_relation) == (role, relation)
            if not own and c_relation != "none":
                continue  # other users' relation cases add nothing the "none" ones do not
            expected = state in EXPECTED[(role, relation if own else "none")].split()
            listed = case.pk in visible
            allowed = can(user, "view", case)
            if not expected == listed == allowed:
                mismatches.append((role, relation, c_role, c_relation, state, listed, allowed))
    assert mismatches == []


def test_anonymous_and_inactive_users_see_nothing(gmina_org, municipality_user, coordinator):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    municipality_user.is_active = False
    municipality_user.save()
    for user in (AnonymousUser(), municipality_user):
        assert not Case.objects.visible_to(user).exists()
        assert not can(user, "view", case)


def test_can_for_an_action_is_the_flows_answer_on_a_visible_case(gmina_org, municipality_user):
    draft = draft_case(organisation=gmina_org, filed_by=municipality_user)
    stranger = MembershipFactory(organisation=OrganisationFactory(kind="gmina")).user
    assert can(municipality_user, "submit", draft)
    assert not can(municipality_user, "approve", draft)
    assert not can(stranger, "submit", draft)
