"""Every queue page and dashboard costs the same number of queries with 5 and with 60 cases,
each case carrying 2 events, 2 comments and 2 attachments, a third of them advisory requests
with a topic (and, in approval, a frozen version): nothing is loaded per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import CaseParty, ConflictDeclaration, DeclaredLink
from directory.constants import OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from workflows import calendar

from .factories import make_advisory, make_case, municipal_org, territory

pytestmark = pytest.mark.django_db

PATTERN = [
    # (status, assigned to the advisor, due in days or None)
    ("submitted", False, 2),
    ("in_review", True, -3),
    ("awaiting_info", True, None),
    ("in_approval", True, 10),
    ("submitted", False, 20),
]


@pytest.fixture
def world(advisor, coordinator, committee_member, municipality_user, gmina_org):
    (_powiat, (g1, _g2)), _ = territory()
    other = municipal_org(g1)
    gmina_org.gmina = g1
    gmina_org.save()
    today = calendar.today()
    # The committee member is recused from many items, for every reason the committee's
    # list names (casework.recusal): the reasons come with the page's one query.
    MembershipFactory(user=committee_member, organisation=other)
    partner = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    linked = OrganisationFactory(kind=OrganisationKind.FOUNDATION)
    MembershipFactory(user=committee_member, organisation=partner)
    DeclaredLink.objects.create(member=committee_member, organisation=linked)

    def add(count):
        for i in range(count):
            status, mine, due = PATTERN[i % len(PATTERN)]
            maker = make_case
            extra = {}
            if i % 3 == 0:
                maker = make_advisory
                extra = {"version_by": advisor if status == "in_approval" else None}
            case = maker(
                **extra,
                organisation=gmina_org if i % 2 == 0 else other,
                filed_by=municipality_user,
                status=status,
                assignee=advisor if mine else None,
                due_date=today + datetime.timedelta(days=due) if due is not None else None,
                actor=advisor,
            )
            if i % 4 == 1:
                CaseParty.objects.create(case=case, organisation=partner)
                CaseParty.objects.create(case=case, organisation=linked)
            if i % 5 == 3:
                ConflictDeclaration.objects.create(case=case, member=committee_member, reason="x")

    return add


def _count(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


QUEUE_SLUGS = ["unassigned", "mine", "awaiting", "approval", "due-soon", "overdue", "all"]

PAGES = [
    *[("advisor", f"{reverse('casework:queue')}?queue={slug}") for slug in QUEUE_SLUGS],
    *[("coordinator", f"{reverse('casework:queue')}?queue={slug}") for slug in QUEUE_SLUGS],
    (
        "coordinator",
        f"{reverse('casework:queue')}?queue=all&q=sprawa&sort=-number&status=in_review",
    ),
    ("advisor", f"{reverse('casework:queue')}?queue=all&topic=social_clauses&sort=organisation"),
    ("committee_member", reverse("casework:approvals")),
    ("municipality_user", reverse("casework:my-cases")),
    ("advisor", reverse("dashboard")),
    ("coordinator", reverse("dashboard")),
    ("committee_member", reverse("dashboard")),
    ("municipality_user", reverse("dashboard")),
]


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_page_costs_the_same_queries_with_5_and_60_cases(request, client, world, who, url):
    user = request.getfixturevalue(who)
    world(5)
    small = _count(client, user, url)
    world(55)
    large = _count(client, user, url)
    assert small == large
