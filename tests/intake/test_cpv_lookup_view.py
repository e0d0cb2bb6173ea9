"""The CPV lookup answers signed-in users only, as an htmx list of buttons or as JSON."""

import json

import pytest
from django import forms
from django.urls import reverse

from casework.kinds.advisory.intake.fields import CPVCodeField, CPVMultipleField

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.intake.urls")]


@pytest.mark.parametrize("name", ["casework:cpv-search", "casework:cpv-pick"])
def test_anonymous_user_is_sent_to_log_in(client, name):
    url = reverse(name)
    response = client.get(url, {"q": "sprzatanie", "field": "f", "target": "id_f", "code": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "sprz" not in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["municipality_user", "organisation_user", "advisor"])
def test_any_signed_in_user_may_search(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(reverse("casework:cpv-search"), {"q": "sprzatanie"})
    assert response.status_code == 200
    assert "90910000-9" in response.content.decode()


def test_results_are_buttons_that_pick_the_code(client, municipality_user):
    client.force_login(municipality_user)
    response = client.get(
        reverse("casework:cpv-search"),
        {"cpv_q": "usługi sprzątania", "field": "cpv_main", "target": "id_cpv_main"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert '<button type="button"' in html
    assert f'hx-get="{reverse("casework:cpv-pick")}"' in html
    assert 'hx-target="#id_cpv_main-value"' in html
    assert "Usługi sprzątania" in html
    assert "<script" not in html
    assert "style=" not in html


def test_search_answers_json_on_request(client, advisor):
    client.force_login(advisor)
    response = client.get(reverse("casework:cpv-search"), {"q": "catering", "format": "json"})
    data = response.json()
    assert data["query"] == "catering"
    assert {
        "code": "55520000-1",
        "name_pl": "Usługi dostarczania posiłków",
        "name_en": "Catering services",
    } in data["results"]


def test_one_character_is_not_searched(client, advisor):
    client.force_login(advisor)
    response = client.get(reverse("casework:cpv-search"), {"q": "9", "format": "json"})
    assert response.json()["results"] == []


def test_field_names_that_are_not_plain_identifiers_are_not_echoed(client, advisor):
    client.force_login(advisor)
    response = client.get(
        reverse("casework:cpv-search"),
        {"q": "sprzatanie", "field": '"><img src=x>', "target": "id_x"},
    )
    html = response.content.decode()
    assert "<img" not in html
    assert "<button" not in html  # nothing to pick into


def test_search_refuses_post(client, advisor):
    client.force_login(advisor)
    assert client.post(reverse("casework:cpv-search"), {"q": "x"}).status_code == 405


def test_pick_puts_the_code_into_a_single_code_input(client, municipality_user):
    client.force_login(municipality_user)
    response = client.get(
        reverse("casework:cpv-pick"),
        {"code": "90910000-9", "field": "cpv_main", "target": "id_cpv_main", "cpv_main": "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="cpv_main"' in html
    assert 'id="id_cpv_main"' in html
    assert 'value="90910000-9"' in html
    assert 'role="status"' in html


def test_pick_adds_the_code_to_several_codes(client, municipality_user):
    client.force_login(municipality_user)
    response = client.get(
        reverse("casework:cpv-pick"),
        {
            "code": "55520000-1",
            "field": "cpv_additional",
            "target": "id_cpv_additional",
            "multiple": "1",
            "cpv_additional": "90910000-9, 55520000-1",
        },
    )
    html = response.content.decode()
    assert 'value="90910000-9, 55520000-1"' in html


def test_pick_of_unknown_code_keeps_the_value_and_says_why(client, municipality_user):
    client.force_login(municipality_user)
    response = client.get(
        reverse("casework:cpv-pick"),
        {
            "code": "90910000-1",
            "field": "cpv_main",
            "target": "id_cpv_main",
            "cpv_main": "85311000-2",
        },
    )
    html = response.content.decode()
    assert 'value="85311000-2"' in html
    assert "90910000-1" in html


@pytest.mark.parametrize(
    "params",
    [{"code": "90910000-9"}, {"code": "90910000-9", "field": "a b", "target": "id_a"}],
)
def test_pick_without_a_valid_field_is_a_bad_request(client, advisor, params):
    client.force_login(advisor)
    assert client.get(reverse("casework:cpv-pick"), params).status_code == 400


class CodesForm(forms.Form):
    main = CPVCodeField(required=False, help_text="e.g. 90910000-9")
    more = CPVMultipleField(required=False, help_text="commas")


def test_widget_offers_an_accessible_search_box_when_the_lookup_is_wired():
    html = str(CodesForm()["more"])
    assert '<label for="id_more-q">' in html
    assert 'id="id_more-q"' in html
    assert f'hx-get="{reverse("casework:cpv-search")}"' in html
    assert 'aria-live="polite"' in html
    vals = html.split('hx-vals="')[1].split('"')[0].replace("&quot;", '"')
    assert json.loads(vals) == {"field": "more", "target": "id_more", "multiple": "1"}
