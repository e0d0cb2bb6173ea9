"""The staff case API: the same cases and the same refusals as the case pages."""

import pytest
from django.urls import reverse

from casework.models import Case

from .conftest import bearer, make_token

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def run(api, case, name, expected_status=None, **data):
    return api.post(
        reverse("api:case-transition-run", args=[case.pk, name]),
        {"expected_status": expected_status or case.status, "data": data},
        format="json",
    )


def page_post(client, case, name, **data):
    url = reverse("casework:case-transition", args=[case.pk, name])
    return client.post(url, {"seen_status": case.status, **data})


def staff_urls(case):
    return [
        ("get", reverse("api:case-list")),
        ("get", reverse("api:case-detail", args=[case.pk])),
        ("get", reverse("api:case-transitions", args=[case.pk])),
        ("post", reverse("api:case-transition-run", args=[case.pk, "submit"])),
    ]


def test_anonymous_gets_401_problem_on_every_staff_endpoint(api, case):
    for method, url in staff_urls(case):
        response = getattr(api, method)(url, {"expected_status": "draft"}, format="json")
        assert response.status_code == 401, url
        assert response["Content-Type"] == PROBLEM
        body = response.json()
        assert set(body) >= {"type", "title", "status", "detail"}
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_a_case_the_user_cannot_see_is_404_everywhere(api, case, organisation_user):
    _, secret = make_token(organisation_user, "act")
    bearer(api, secret)
    assert api.get(reverse("api:case-list")).json()["results"] == []
    for method, url in staff_urls(case)[1:]:
        response = getattr(api, method)(url, {"expected_status": "draft"}, format="json")
        assert response.status_code == 404, url
        assert response["Content-Type"] == PROBLEM
    assert api.get(reverse("api:case-detail", args=[2**63 - 1])).status_code == 404
    assert api.get(f"/api/cases/{'9' * 40}/").status_code == 404
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_the_requester_reads_lists_and_submits_with_an_act_token(api, case, municipality_user):
    _, secret = make_token(municipality_user, "act")
    bearer(api, secret)
    listed = api.get(reverse("api:case-list")).json()
    assert [c["id"] for c in listed["results"]] == [case.pk]
    assert api.get(reverse("api:case-detail", args=[case.pk])).json()["status"] == "draft"
    names = [t["name"] for t in api.get(reverse("api:case-transitions", args=[case.pk])).json()]
    flow = case.get_flow(actor=municipality_user)
    assert names == [t.slug for t in flow.available_actions(municipality_user)] == ["submit"]
    response = run(api, case, "submit")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert Case.objects.get(pk=case.pk).status == "submitted"


def test_a_read_token_cannot_act(api, case, municipality_user):
    _, secret = make_token(municipality_user, "read")
    response = run(bearer(api, secret), case, "submit")
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_a_session_runs_transitions_with_csrf(case, municipality_user):
    from rest_framework.test import APIClient

    api = APIClient(enforce_csrf_checks=True)
    api.force_login(municipality_user)
    assert run(api, case, "submit").status_code == 403  # no CSRF token
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_a_stale_expected_status_is_a_409_conflict(api, case, municipality_user):
    _, secret = make_token(municipality_user, "act")
    bearer(api, secret)
    assert run(api, case, "submit").status_code == 200
    case.refresh_from_db()
    response = run(api, case, "submit", expected_status="draft")
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("actor", "name", "data"),
    [
        ("municipality_user", "accept", {}),  # requesters do not accept their own cases
        ("coordinator", "request_info", {"question": ""}),  # the form is incomplete
        ("coordinator", "no_such_transition", {}),
        ("coordinator", "approve", {}),  # not possible in this state
    ],
)
def test_a_transition_refused_on_the_page_is_refused_by_the_api_with_the_same_code(
    request, api, client, case, municipality_user, actor, name, data
):
    _, requester_secret = make_token(municipality_user, "act")
    assert run(bearer(api, requester_secret), case, "submit").status_code == 200
    case.refresh_from_db()
    user = request.getfixturevalue(actor)
    client.force_login(user)
    page = page_post(client, case, name, **data)
    _, secret = make_token(user, "act")
    response = run(bearer(api, secret), case, name, **data)
    assert page.status_code in (400, 403, 404, 409)
    assert response.status_code == page.status_code
    assert response["Content-Type"] == PROBLEM
    if page.status_code != 404:
        refusal = page.context["refusal"]
        assert response.json()["detail"] == str(refusal.message)
        assert set(response.json().get("errors") or {}) == set(refusal.errors)
    assert Case.objects.get(pk=case.pk).status == "submitted"


def test_problem_details_follow_the_request_language(api, case, organisation_user):
    _, secret = make_token(organisation_user)
    bearer(api, secret)
    url = reverse("api:case-detail", args=[case.pk])
    polish = api.get(url, HTTP_ACCEPT_LANGUAGE="pl").json()
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Not found"
    assert polish["title"] != english["title"]
    assert polish["detail"] != english["detail"]
