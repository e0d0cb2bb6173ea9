"""Case pages: 404 for what one may not see, refusals as 403/409 with the message, never 500."""

import pytest
from django.urls import reverse

from casework.models import Case, CaseEvent
from workflows.exceptions import ERROR_FORBIDDEN

from .factories import draft_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(gmina_org, municipality_user):
    return draft_case(organisation=gmina_org, filed_by=municipality_user)


def post(client, case, name, **data):
    url = reverse("casework:case-transition", args=[case.pk, name])
    return client.post(url, {"seen_status": case.status, **data})


def test_the_requester_sees_the_case_and_submits_it(client, case, municipality_user):
    client.force_login(municipality_user)
    page = client.get(reverse("casework:case-detail", args=[case.pk]))
    assert page.status_code == 200
    assert reverse("casework:case-transition", args=[case.pk, "submit"]).encode() in page.content
    response = post(client, case, "submit")
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == "submitted"


def test_a_stranger_gets_404_for_the_page_and_the_action(client, case, organisation_user):
    client.force_login(organisation_user)
    assert client.get(reverse("casework:case-detail", args=[case.pk])).status_code == 404
    assert post(client, case, "submit").status_code == 404
    assert Case.objects.get(pk=case.pk).status == "draft"


def test_an_anonymous_visitor_is_sent_to_log_in(client, case):
    assert client.get(reverse("casework:case-list")).status_code == 302
    assert post(client, case, "submit").status_code == 302


def test_a_forbidden_action_answers_403_with_the_message(client, case, municipality_user, advisor):
    client.force_login(municipality_user)
    post(client, case, "submit")
    case.refresh_from_db()
    response = post(client, case, "accept")  # requesters do not accept their own cases
    assert response.status_code == 403
    assert response.context["refusal"].message == ERROR_FORBIDDEN
    assert Case.objects.get(pk=case.pk).status == "submitted"


def test_a_stale_page_redirects_to_the_case_saying_who_was_faster(client, case, municipality_user):
    """POST/redirect/GET: the loser lands on the case page (a reload re-posts nothing) and is
    told who did what, from the latest event."""
    client.force_login(municipality_user)
    stale_status = case.status
    post(client, case, "submit")
    client.get(reverse("casework:case-detail", args=[case.pk]))  # its own message, shown
    response = client.post(
        reverse("casework:case-transition", args=[case.pk, "submit"]),
        {"seen_status": stale_status},
        follow=True,
    )
    assert response.redirect_chain == [(reverse("casework:case-detail", args=[case.pk]), 302)]
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 1
    assert municipality_user.full_name in shown[0]
    assert Case.objects.get(pk=case.pk).number in shown[0]
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_missing_form_data_answers_409_with_field_errors(
    client, case, municipality_user, coordinator
):
    client.force_login(municipality_user)
    post(client, case, "submit")
    case.refresh_from_db()
    client.force_login(coordinator)
    response = post(client, case, "request_info", question="")
    assert response.status_code == 409
    assert "question" in response.context["refusal"].errors


def test_the_list_shows_only_visible_cases(client, case, municipality_user, organisation_user):
    client.force_login(municipality_user)
    assert list(client.get(reverse("casework:case-list")).context["cases"]) == [case]
    client.force_login(organisation_user)
    assert list(client.get(reverse("casework:case-list")).context["cases"]) == []


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_costs_the_same_queries_at_any_size(
    client, gmina_org, municipality_user, django_assert_max_num_queries, size
):
    for i in range(size):
        draft_case(organisation=gmina_org, filed_by=municipality_user, title=f"Sprawa {i}")
    client.force_login(municipality_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("casework:case-list"))
    assert len(response.context["cases"]) == size
