"""The threshold band beside the estimated value: right after every submit without
JavaScript, and live from the band endpoint (htmx); thresholds are data with their source."""

import json

import pytest
from django.urls import reverse

from casework.kinds.advisory.intake import bands
from casework.kinds.advisory.intake.topics import intake_form

from .helpers import SCHOOL_CATERING, new_request

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def test_the_thresholds_are_data_with_their_sources_and_validity():
    data = json.loads(bands.THRESHOLDS_FILE.read_text(encoding="utf-8"))
    assert (data["valid_from"], data["valid_to"]) == ("2026-01-01", "2027-12-31")
    assert data["eur_pln_rate"]["rate"] == "4.31"
    assert "Prezesa Urzędu Zamówień Publicznych" in data["eur_pln_rate"]["source"]
    assert "2025/2152" in data["eu_thresholds"]["source"]
    assert data["eu_thresholds"]["source_date"] == "2025-10-22"
    assert bands.Decimal("4.31") == bands.EUR_PLN_RATE
    assert str(bands.SOURCES.valid_to) == "2027-12-31"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # services of a gmina: EU threshold 216 000 EUR x 4,31 = 930 960 zł
        ({"estimated_value_net": "1 450 000,00", "contract_type": "services"}, "procedura unijna"),
        ({"estimated_value_net": "1,450,000.00", "contract_type": "services"}, "procedura unijna"),
        ({"estimated_value_net": "640 000", "contract_type": "services"}, "procedura krajowa"),
        # a social service has the higher threshold (750 000 EUR)
        (
            {
                "estimated_value_net": "1 450 000",
                "contract_type": "services",
                "social_service": "yes",
            },
            "procedura krajowa",
        ),
        ({"estimated_value_net": "100 000", "contract_type": "supplies"}, "nie stosuje się"),
        # prefixed field names (a form with a prefix) are read too
        ({"x-estimated_value_net": "1 450 000", "x-contract_type": "works"}, "procedura krajowa"),
    ],
)
def test_the_band_endpoint_answers_the_band_for_what_is_typed(client, clerk, params, expected):
    client.force_login(clerk)
    response = client.get(reverse("casework:advisory-band"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html, html
    assert "Progi obowiązują od 1 stycznia 2026 r. do 31 grudnia 2027 r." in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"estimated_value_net": "abc", "contract_type": "services"},
        {"estimated_value_net": "9" * 500, "contract_type": "services"},
        {"estimated_value_net": "100", "contract_type": "nonsense"},
        {"estimated_value_net": "-5", "contract_type": "services"},
    ],
)
def test_the_band_endpoint_asks_for_the_value_when_it_cannot_tell(client, clerk, params):
    client.force_login(clerk)
    response = client.get(reverse("casework:advisory-band"), params)
    assert response.status_code == 200
    assert "Podaj wartość i rodzaj zamówienia" in response.content.decode()


def test_the_band_endpoint_is_for_signed_in_users(client):
    response = client.get(reverse("casework:advisory-band"), {"estimated_value_net": "1"})
    assert response.status_code == 302


def test_the_form_shows_the_band_after_a_submit_without_javascript(client, clerk, gmina):
    case = new_request(gmina, clerk, intake={})
    client.force_login(clerk)
    data = {**SCHOOL_CATERING, "estimated_value_net": "1,450,000.00", "title": "Posiłki"}
    response = client.post(reverse("casework:advisory-edit", args=[case.pk]), data, follow=True)
    html = response.content.decode()
    # a social service (SCHOOL_CATERING says so): EU threshold 750 000 EUR = 3 232 500 zł
    assert "procedura krajowa" in html
    assert f"3{NBSP}232{NBSP}500,00{NBSP}zł" in html
    # the value is shown back grouped the Polish way and stored as a number
    case.advisory.refresh_from_db()
    assert case.advisory.intake["estimated_value_net"] == "1450000.00"
    assert case.advisory.intake["threshold_band"] == "national"
    assert f'value="1{NBSP}450{NBSP}000,00"' in html


def test_the_value_input_asks_for_the_band_live(gmina):
    form = intake_form("social_clauses", intake={"estimated_value_net": "640000.00"})
    html = str(form["estimated_value_net"])
    assert f'hx-get="{reverse("casework:advisory-band")}"' in html
    assert 'aria-live="polite"' in html


def test_the_case_page_shows_the_value_in_money_format_with_its_band(client, clerk, gmina):
    case = new_request(gmina, clerk)
    client.force_login(clerk)
    html = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert f"640{NBSP}000,00{NBSP}zł" in html
    assert "640000.00" not in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert f"PLN{NBSP}640,000.00" in html
    assert "1 April 2026" in html  # the needed-by date, British prose style
