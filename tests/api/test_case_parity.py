"""Permission parity: for every role and relation, the API's case list is exactly
``Case.objects.visible_to(user)`` with the same filters, in the page's order, over any page
size; and without filters it is the case list page's own list."""

import itertools

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.models import Case
from tests.casework.factories import TEST_KIND
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import make_token

pytestmark = pytest.mark.django_db

ROLES = ["nobody", "municipality", "organisation", "advisor", "coordinator", "committee"]
RELATIONS = ["none", "member", "filer", "assignee"]
STATES = ["draft", "submitted", "in_review", "awaiting_info", "in_approval", "approved", "closed"]
KINDS = [TEST_KIND, "advisory"]


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
def population(db):
    orgs = {
        "rops": OrganisationFactory(rops=True),
        "committee": OrganisationFactory(committee=True),
    }
    clerk = UserFactory()
    secrets = {}
    for role, relation in itertools.product(ROLES, RELATIONS):
        user = _user_with_role(role, orgs)
        secrets[(role, relation)] = (user, make_token(user)[1])
        for n, state in enumerate(STATES):
            requester = OrganisationFactory(kind="gmina")
            case = Case(
                kind=KINDS[n % 2],
                title=f"{role} {relation} {state}",
                requesting_organisation=requester,
                filed_by=user if relation == "filer" else clerk,
                assignee=user if relation == "assignee" else None,
            )
            case.status = state  # created in the state (the trigger guards updates only)
            case.save()
            if relation == "member":
                MembershipFactory(user=user, organisation=requester)
    return secrets


def _api_ids(api, secret, params) -> list[int]:
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    ids, url, query = [], reverse("api:case-list"), params
    while url:
        response = api.get(url, query)
        assert response.status_code == 200
        body = response.json()
        ids += [c["id"] for c in body["results"]]
        url, query = body["next"], None
    return ids


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    who=st.tuples(st.sampled_from(ROLES), st.sampled_from(RELATIONS)),
    status=st.none() | st.sampled_from([*STATES, "withdrawn", "no-such-status"]),
    kind=st.none() | st.sampled_from([*KINDS, "unknown"]),
    page_size=st.integers(min_value=3, max_value=200),
)
def test_the_api_lists_what_visible_to_gives_with_the_same_filters(
    api, population, who, status, kind, page_size
):
    user, secret = population[who]
    params = {"page_size": page_size}
    expected = Case.objects.visible_to(user)
    if status is not None:
        params["status"] = status
        expected = expected.filter(status=status)
    if kind is not None:
        params["kind"] = kind
        expected = expected.filter(kind=kind)
    # The order of the case list page, with the id last so pages never overlap.
    expected_ids = list(
        expected.order_by("due_date", "-created_at", "-pk").values_list("pk", flat=True)
    )
    assert _api_ids(api, secret, params) == expected_ids


def test_without_filters_the_api_lists_the_case_list_pages_cases(api, client, population):
    sizes = set()
    for user, secret in population.values():
        client.force_login(user)
        page_ids = {c.pk for c in client.get(reverse("casework:case-list")).context["cases"]}
        assert set(_api_ids(api, secret, {})) == page_ids
        sizes.add(len(page_ids))
    assert 0 in sizes
    assert len(sizes) > 2  # the roles and relations really see different cases
