"""The queue pages: who may open them, what they list, claiming, assigning, saved filters."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse

from casework.models import Case, CaseEvent, SavedFilter
from casework.queues import reads as queues
from directory.constants import MembershipRole, OrganisationKind
from tests.factories import MembershipFactory, OrganisationFactory
from workflows import calendar

from .factories import make_advisory, make_case, municipal_org, territory

pytestmark = pytest.mark.django_db

QUEUE = reverse("casework:queue")
COUNTS = reverse("casework:queue-counts")


@pytest.fixture
def other_advisor(rops):
    return MembershipFactory(
        organisation=rops,
        role=MembershipRole.ADVISOR,
        user__email="advisor2@example.pl",
        user__full_name="Beata Doradczyni",
    ).user


def _ids(response):
    """The cases listed: queue rows carry their ``pk``, the other lists the case itself."""
    return {row["pk"] if "pk" in row else row["case"].pk for row in response.context["rows"]}


# Who may open what ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "allowed", "refused"),
    [
        ("casework:queue", ["advisor", "coordinator"], ["municipality_user", "committee_member"]),
        ("casework:approvals", ["committee_member"], ["advisor", "municipality_user"]),
        ("casework:my-cases", ["municipality_user", "organisation_user"], ["advisor"]),
    ],
)
def test_queue_pages_open_for_their_roles_only(request, client, name, allowed, refused):
    url = reverse(name)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for who in allowed:
        client.force_login(request.getfixturevalue(who))
        assert client.get(url).status_code == 200, who
    for who in refused:
        client.force_login(request.getfixturevalue(who))
        assert client.get(url).status_code == 403, who


def test_queue_never_lists_a_draft_of_another_organisation(client, advisor, municipality_user):
    org = municipality_user.memberships.first().organisation
    draft = make_case(organisation=org, filed_by=municipality_user, status="draft")
    filed = make_case(organisation=org, filed_by=municipality_user, status="submitted")
    client.force_login(advisor)
    response = client.get(QUEUE, {"queue": "all"})
    assert _ids(response) == {filed.pk}
    assert draft.pk not in _ids(response)


def test_each_queue_holds_its_cases_and_counts_them(client, advisor, coordinator, gmina_org):
    today = calendar.today()
    filer = coordinator
    unassigned = make_case(organisation=gmina_org, filed_by=filer, status="submitted")
    mine = make_case(
        organisation=gmina_org,
        filed_by=filer,
        status="in_review",
        assignee=advisor,
        due_date=today + datetime.timedelta(days=2),
    )
    waiting = make_case(
        organisation=gmina_org, filed_by=filer, status="awaiting_info", assignee=coordinator
    )
    approval = make_case(organisation=gmina_org, filed_by=filer, status="in_approval")
    late = make_case(
        organisation=gmina_org,
        filed_by=filer,
        status="in_review",
        assignee=coordinator,
        due_date=today - datetime.timedelta(days=1),
    )
    expected = {
        "unassigned": {unassigned.pk},
        "mine": {mine.pk},
        "awaiting": {waiting.pk},
        "approval": {approval.pk},
        "due-soon": {mine.pk},
        "overdue": {late.pk},
        "all": {unassigned.pk, mine.pk, waiting.pk, approval.pk, late.pk},
    }
    client.force_login(advisor)
    for slug, ids in expected.items():
        response = client.get(QUEUE, {"queue": slug})
        assert _ids(response) == ids, slug
        # The page counts its own tab; the others arrive from the counts fragment.
        counts = {tab["slug"]: tab["count"] for tab in response.context["tabs"]}
        assert counts == {s: (str(len(ids)) if s == slug else None) for s in expected}
        assert response.context["counts_url"].startswith(COUNTS)
        response = client.get(COUNTS, {"queue": slug}, headers={"HX-Request": "true"})
        counts = {tab["slug"]: tab["count"] for tab in response.context["tabs"]}
        assert counts == {s: str(len(i)) for s, i in expected.items()}
        html = response.content.decode()
        for s, i in expected.items():
            assert f'id="queue-count-{s}" data-hx-swap-oob="true">({len(i)})</span>' in html


# Search, filters, sorting, pages -------------------------------------------------------------


@pytest.mark.parametrize("term", ["łódzka", "LODZKA", "lodzka spoldz", "Spółdzielnia", "NUMBER"])
def test_search_ignores_accents_and_case(client, advisor, coordinator, gmina_org, term):
    hit = make_case(
        organisation=gmina_org, filed_by=coordinator, title="Łódzka Spółdzielnia Socjalna"
    )
    make_case(organisation=gmina_org, filed_by=coordinator, title="Inny temat")
    client.force_login(advisor)
    response = client.get(QUEUE, {"queue": "all", "q": hit.number if term == "NUMBER" else term})
    assert _ids(response) == {hit.pk}


def test_search_matches_the_organisation_name(client, advisor, coordinator):
    org = OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina Końskie")
    hit = make_case(organisation=org, filed_by=coordinator, title="Plan")
    client.force_login(advisor)
    assert _ids(client.get(QUEUE, {"queue": "all", "q": "konskie"})) == {hit.pk}


def test_filters_by_powiat_gmina_assignee_and_due_range(client, coordinator, advisor):
    (p1, (g11, g12)), (p2, (g21, _)) = territory()
    today = calendar.today()
    a = make_case(
        organisation=municipal_org(g11),
        filed_by=coordinator,
        assignee=advisor,
        status="in_review",
        due_date=today,
    )
    b = make_case(
        organisation=municipal_org(g12),
        filed_by=coordinator,
        due_date=today + datetime.timedelta(days=9),
    )
    c = make_case(organisation=municipal_org(g21), filed_by=coordinator)
    client.force_login(coordinator)

    def found(**params):
        return _ids(client.get(QUEUE, {"queue": "all", **params}))

    assert found(powiat=p1.pk) == {a.pk, b.pk}
    assert found(powiat=p2.pk) == {c.pk}
    assert found(gmina=g12.pk) == {b.pk}
    assert found(assignee=advisor.pk) == {a.pk}
    assert found(assignee="none") == {b.pk, c.pk}
    assert found(due_from=today.isoformat(), due_to=today.isoformat()) == {a.pk}
    assert found(status="in_review") == {a.pk}


def test_bad_filter_input_gives_a_message_not_an_error(client, coordinator, gmina_org):
    make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(coordinator)
    response = client.get(
        QUEUE,
        {
            "queue": "nonsense",
            "due_from": "2026-05-02",
            "due_to": "2026-05-01",
            "powiat": "x",
            "page": "999",
            "sort": "evil",
        },
    )
    assert response.status_code == 200
    assert "due_to" in response.context["form"].errors


def test_pages_do_not_overlap_and_cover_every_case(client, coordinator, gmina_org, monkeypatch):
    monkeypatch.setattr(queues, "PAGE_SIZE", 5)
    cases = [
        make_case(organisation=gmina_org, filed_by=coordinator, extras=False) for _ in range(7)
    ]
    client.force_login(coordinator)
    first = _ids(client.get(QUEUE, {"queue": "all", "sort": "title"}))
    second = _ids(client.get(QUEUE, {"queue": "all", "sort": "title", "page": 2}))
    assert len(first) == 5
    assert not first & second
    assert first | second == {c.pk for c in cases}


def test_counts_stop_at_the_cap_and_pages_go_on_past_it(
    client, coordinator, gmina_org, monkeypatch
):
    """A tab counts at most COUNT_CAP cases ("3+"); the pages still reach every case, each
    deep page counting only as far as itself."""
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    cases = [
        make_case(organisation=gmina_org, filed_by=coordinator, extras=False) for _ in range(9)
    ]
    client.force_login(coordinator)
    counts = client.get(COUNTS, {"queue": "all"}).context["tabs"]
    assert {t["slug"]: t["count"] for t in counts}["all"] == "3+"

    response = client.get(QUEUE, {"queue": "all", "sort": "number"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["more"] == {"cases": 3, "pages": 1}
    html = response.content.decode()
    assert "more than 3 cases" in html
    assert "Page 1 of more than 1" in html

    seen = []
    for number in range(1, 6):
        response = client.get(QUEUE, {"queue": "all", "sort": "number", "page": number})
        seen += [row["pk"] for row in response.context["rows"]]
        assert response.context["page"].has_next() == (number < 5), number
    assert seen == [c.pk for c in sorted(cases, key=lambda c: (c.number_year, c.number_seq))]
    # The last page knows it is the last: exactly 9 cases, no "more than".
    assert response.context["more"] is None
    assert response.context["page"].paginator.count == 9


def test_a_queue_no_case_can_be_in_counts_zero(advisor, gmina_org, coordinator, monkeypatch):
    """A queue whose condition can hold for no case at all (Django compiles no SQL for it)
    counts 0 instead of failing."""
    make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    real = queues.queue_q
    monkeypatch.setattr(
        queues,
        "queue_q",
        lambda slug, user, today=None: Q(pk__in=[]) if slug == "approval" else real(slug, user),
    )
    counts = queues.queue_counts(advisor)
    assert counts["approval"] == 0
    assert counts["all"] == 1


@pytest.mark.parametrize("number", ["9223372036854775807", "1" * 40, "-5", "x"])
def test_any_page_number_gives_a_page(client, coordinator, gmina_org, monkeypatch, number):
    """Django's ``Paginator.get_page``: a page number past the end (2**63 included) or below
    1 is served as the last page, one that is not a number as the first: never an error."""
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    for _ in range(5):
        make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    client.force_login(coordinator)
    response = client.get(QUEUE, {"queue": "all", "page": number})
    assert response.status_code == 200
    expected = 1 if number == "x" else 3
    assert response.context["page"].number == expected


def test_tab_counts_are_refused_like_the_queue(client, municipality_user, committee_member):
    assert client.get(COUNTS).status_code == 302  # anonymous: to the login page
    for user in (municipality_user, committee_member):
        client.force_login(user)
        assert client.get(COUNTS).status_code == 403
        assert client.post(COUNTS).status_code in (403, 405)


# Claiming ----------------------------------------------------------------------------------


def test_an_advisor_claims_an_unassigned_case(client, advisor, coordinator, gmina_org):
    case = make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    client.force_login(advisor)
    response = client.post(
        reverse("casework:queue-claim", args=[case.pk]), {"claim": "submitted"}, follow=True
    )
    case.refresh_from_db()
    assert case.assignee == advisor
    assert case.status == "in_review"
    assert CaseEvent.objects.filter(case=case, action="accept").count() == 1
    assert "is now yours" in response.content.decode() or "jest teraz" in response.content.decode()


def test_the_second_claim_gets_a_message_naming_the_owner(
    client, advisor, other_advisor, coordinator, gmina_org
):
    case = make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    url = reverse("casework:queue-claim", args=[case.pk])
    client.force_login(other_advisor)
    client.post(url, {"claim": "submitted"})
    client.force_login(advisor)
    response = client.post(url, {"claim": "submitted"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    case.refresh_from_db()
    assert case.assignee == other_advisor
    assert CaseEvent.objects.filter(case=case, action="accept").count() == 1
    messages = [str(m) for m in response.context["messages"]]
    assert any("Beata Doradczyni" in m for m in messages), messages


def test_a_case_one_may_not_see_cannot_be_claimed(client, advisor, municipality_user):
    org = municipality_user.memberships.first().organisation
    draft = make_case(organisation=org, filed_by=municipality_user, status="draft")
    client.force_login(advisor)
    response = client.post(reverse("casework:queue-claim", args=[draft.pk]), {"claim": "draft"})
    assert response.status_code == 404


def test_a_municipality_cannot_claim(client, municipality_user, coordinator, gmina_org):
    case = make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(municipality_user)
    response = client.post(reverse("casework:queue-claim", args=[case.pk]), {"claim": "submitted"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_claim_with_a_get_is_refused(client, advisor, coordinator, gmina_org):
    case = make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(advisor)
    assert client.get(reverse("casework:queue-claim", args=[case.pk])).status_code == 405


# Assigning -----------------------------------------------------------------------------------


def test_bulk_assign_asks_once_then_assigns_each_case_and_reports(
    client, coordinator, advisor, other_advisor, gmina_org
):
    new1 = make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    new2 = make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    taken = make_case(
        organisation=gmina_org,
        filed_by=coordinator,
        status="in_review",
        assignee=other_advisor,
        extras=False,
    )
    closed = make_case(organisation=gmina_org, filed_by=coordinator, status="closed", extras=False)
    url = reverse("casework:queue-assign")
    data = {"cases": [new1.pk, new2.pk, taken.pk, closed.pk], "assignee": advisor.pk}
    client.force_login(coordinator)

    confirm = client.post(url, data)
    assert confirm.status_code == 200
    assert Case.objects.filter(assignee=advisor).count() == 0  # nothing yet

    result = client.post(url, {**data, "confirmed": "1"})
    assert result.status_code == 200
    outcome = {r.case.pk: r.ok for r in result.context["results"]}
    assert outcome == {new1.pk: True, new2.pk: True, taken.pk: True, closed.pk: False}
    assert set(Case.objects.filter(assignee=advisor).values_list("pk", flat=True)) == {
        new1.pk,
        new2.pk,
        taken.pk,
    }
    assert CaseEvent.objects.filter(action="accept").count() == 2
    assert CaseEvent.objects.filter(action="reassign", case=taken).count() == 1
    assert result.context["done"] == 3


def test_bulk_assign_ignores_cases_one_may_not_see(client, coordinator, advisor, municipality_user):
    org = municipality_user.memberships.first().organisation
    draft = make_case(organisation=org, filed_by=municipality_user, status="draft")
    client.force_login(coordinator)
    response = client.post(
        reverse("casework:queue-assign"),
        {"cases": [draft.pk], "assignee": advisor.pk, "confirmed": "1"},
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.assignee is None


def test_only_the_coordinator_assigns(client, advisor, coordinator, gmina_org):
    case = make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(advisor)
    response = client.post(
        reverse("casework:queue-assign"),
        {"cases": [case.pk], "assignee": advisor.pk, "confirmed": "1"},
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_assign_without_a_case_says_so(client, coordinator, advisor):
    client.force_login(coordinator)
    response = client.post(reverse("casework:queue-assign"), {"assignee": advisor.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["cases"]


# Saved filters -------------------------------------------------------------------------------


def test_a_saved_filter_has_a_stable_address_of_its_own(client, advisor, coordinator):
    client.force_login(advisor)
    response = client.post(
        reverse("casework:saved-filter-save"),
        {"name": "Moje pilne", "query": "queue=due-soon&q=klauzule&page=3&evil=1"},
    )
    saved = SavedFilter.objects.get(user=advisor)
    assert saved.query == "queue=due-soon&q=klauzule"
    assert response["Location"] == reverse("casework:saved-filter", args=[saved.pk])
    opened = client.get(reverse("casework:saved-filter", args=[saved.pk]))
    assert opened["Location"] == f"{QUEUE}?queue=due-soon&q=klauzule"
    client.force_login(coordinator)
    assert client.get(reverse("casework:saved-filter", args=[saved.pk])).status_code == 404
    delete = reverse("casework:saved-filter-delete", args=[saved.pk])
    assert client.post(delete).status_code == 404
    client.force_login(advisor)
    client.post(delete)
    assert not SavedFilter.objects.exists()


def test_a_filter_without_a_name_is_refused_with_a_message(client, advisor):
    client.force_login(advisor)
    response = client.post(reverse("casework:saved-filter-save"), {"name": ""}, follow=True)
    assert response.status_code == 200
    assert not SavedFilter.objects.exists()


# The committee -------------------------------------------------------------------------------


def test_committee_sees_items_in_approval_and_its_recusals(
    client, committee_member, coordinator, gmina_org
):
    own_org = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie")
    MembershipFactory(user=committee_member, organisation=own_org)
    decide = make_case(organisation=gmina_org, filed_by=coordinator, status="in_approval")
    recused = make_case(organisation=own_org, filed_by=coordinator, status="in_approval")
    make_case(organisation=gmina_org, filed_by=coordinator, status="in_review")
    client.force_login(committee_member)
    response = client.get(reverse("casework:approvals"), HTTP_ACCEPT_LANGUAGE="en")
    rows = {row["case"].pk: row["case"].recused for row in response.context["rows"]}
    assert rows == {decide.pk: False, recused.pk: True}
    assert "You are recused" in response.content.decode()


def test_committee_recusal_is_the_flows_predicate(committee_member, coordinator, gmina_org):
    from casework.flows import not_recused
    from casework.queues import reads as queues

    own_org = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    MembershipFactory(user=committee_member, organisation=own_org)
    for org in (gmina_org, own_org):
        make_case(organisation=org, filed_by=coordinator, status="in_approval", extras=False)
    for case in queues.approval_cases(committee_member):
        assert case.recused is not not_recused(case.get_flow(), committee_member)


# The municipality ----------------------------------------------------------------------------


def test_municipality_sees_its_organisations_requests_whoever_filed_them(
    client, municipality_user, coordinator, gmina_org
):
    colleague = MembershipFactory(organisation=gmina_org).user
    asked = make_case(organisation=gmina_org, filed_by=colleague, status="awaiting_info")
    by_phone = make_case(organisation=gmina_org, filed_by=coordinator, status="in_review")
    make_case(organisation=OrganisationFactory(), filed_by=coordinator, status="in_review")
    client.force_login(municipality_user)
    response = client.get(reverse("casework:my-cases"), HTTP_ACCEPT_LANGUAGE="en")
    assert [row["case"].pk for row in response.context["rows"]] == [asked.pk, by_phone.pk]
    body = response.content.decode()
    assert "Answer the question about" in body
    assert reverse("casework:case-detail", args=[asked.pk]) in body


# Dashboards ----------------------------------------------------------------------------------


def test_dashboards_show_counts_and_top_items(
    client, advisor, coordinator, committee_member, municipality_user, gmina_org
):
    make_case(
        organisation=gmina_org,
        filed_by=coordinator,
        status="in_review",
        assignee=advisor,
        title="Moja sprawa",
    )
    make_case(organisation=gmina_org, filed_by=coordinator, title="Nowa sprawa")
    make_case(
        organisation=gmina_org, filed_by=coordinator, status="in_approval", title="Do decyzji"
    )
    make_case(organisation=gmina_org, filed_by=coordinator, status="awaiting_info", title="Pytanie")
    dashboard = reverse("dashboard")
    expectations = {
        advisor: ["Moja sprawa"],
        coordinator: ["Nowa sprawa"],
        committee_member: ["Do decyzji"],
        municipality_user: ["Pytanie", "Answer the question about"],
    }
    for user, texts in expectations.items():
        client.force_login(user)
        body = client.get(dashboard, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        for text in texts:
            assert text in body, (user, text)


def test_topic_filter_keeps_advisory_requests_of_that_topic(
    client, advisor, coordinator, gmina_org
):
    clauses = make_advisory(organisation=gmina_org, filed_by=coordinator, topic="social_clauses")
    make_advisory(organisation=gmina_org, filed_by=coordinator, topic="local_plan")
    make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(advisor)
    response = client.get(QUEUE, {"queue": "all", "topic": "social_clauses"})
    assert _ids(response) == {clauses.pk}


def test_committee_sees_the_version_to_decide(client, committee_member, advisor, gmina_org):
    case = make_advisory(
        organisation=gmina_org, filed_by=advisor, status="in_approval", version_by=advisor
    )
    client.force_login(committee_member)
    response = client.get(reverse("casework:approvals"), HTTP_ACCEPT_LANGUAGE="en")
    (row,) = response.context["rows"]
    assert row["version"] == case.advisory.current_version
    assert "version 1" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("pl", ["Kolejka spraw", "Nieprzydzielone", "Przejmij"]),
        ("en", ["Case queue", "Unassigned", "Take"]),
    ],
)
def test_queue_speaks_polish_and_english(
    client, settings, advisor, coordinator, gmina_org, language, texts
):
    make_case(organisation=gmina_org, filed_by=coordinator)
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = client.get(QUEUE, {"queue": "unassigned"}).content.decode()
    for text in texts:
        assert text in body


def test_claim_refusal_message_is_translated(
    client, settings, advisor, other_advisor, coordinator, gmina_org
):
    case = make_case(organisation=gmina_org, filed_by=coordinator, extras=False)
    url = reverse("casework:queue-claim", args=[case.pk])
    client.force_login(other_advisor)
    client.post(url, {"claim": "submitted"})
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    body = client.post(url, {"claim": "submitted"}, follow=True).content.decode()
    assert "Ktoś inny właśnie przejął tę sprawę" in body
    assert "Beata Doradczyni" in body
