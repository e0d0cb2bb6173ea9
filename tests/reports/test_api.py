"""The public indicators' open-data API (reports' own views under /api/public/indicators/):
the public page's indicators and figures and nothing more, the API's conventions (problem
details in the request's language, throttling, the OpenAPI schema) without importing api, and
the same number of queries at 5 and at 60 objects."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from casework.kinds.advisory.models import AdvisoryRequest
from reports.indicators import INDICATORS, Period
from workflows.calendar import today

from .test_pages import _opinions, _requests

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
PROBLEM = "application/problem+json"
LIST = reverse("reports_api:indicator-list")


@pytest.fixture
def api():
    return APIClient()


def _detail(slug):
    return reverse("reports_api:indicator-detail", args=[slug])


def test_the_registry_indicators_are_the_pages(api, client, registry):
    body = {i["slug"]: i for i in api.get(LIST, PERIOD).json()}
    items = client.get(reverse("reports:public"), PERIOD).context["items"]
    for indicator, result in items:
        assert body[indicator.slug]["rows"] == [{"label": k, "value": v} for k, v in result.rows]
    assert body["entities-form"]["total"] == 3  # conftest: three entities


def test_the_list_is_the_public_pages_indicators_with_their_figures(
    api, client, requests_2026, opinions_2026, events_2026
):
    body = api.get(LIST, PERIOD).json()
    page = client.get(reverse("reports:public"), PERIOD)
    items = page.context["items"]
    assert [i["slug"] for i in body] == [indicator.slug for indicator, _r in items]
    assert "requests-status" not in [i["slug"] for i in body]
    for answer, (indicator, result) in zip(body, items, strict=True):
        assert answer["rows"] == [{"label": k, "value": v} for k, v in result.rows]
        assert answer["total"] == result.total
        assert answer["figures"] == [{"label": k, "value": v} for k, v in result.figures]
        assert answer["definition"] == str(indicator.definition)
        assert answer["period"] == PERIOD
    topic = next(i for i in body if i["slug"] == "requests-topic")
    assert topic["total"] == 9  # conftest: four requests and five opinions received in 2026
    assert api.get(_detail("requests-topic"), PERIOD).json() == topic


def test_the_status_breakdown_is_not_public(api, requests_2026):
    assert not INDICATORS["requests-status"].public
    response = api.get(_detail("requests-status"), PERIOD)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "submitted" not in str(api.get(LIST, PERIOD).json())
    assert api.get(_detail("no-such-indicator")).status_code == 404
    assert api.get("/api/public/indicators/requests-topic/more/").status_code == 404


def test_the_default_period_is_this_calendar_year(api, requests_2026):
    year = today().year
    body = api.get(_detail("requests-topic")).json()
    assert body["period"] == {"start": f"{year}-01-01", "end": f"{year}-12-31"}
    expected = INDICATORS["requests-topic"].compute(
        Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    )
    assert body["rows"] == [{"label": k, "value": v} for k, v in expected.rows]


@pytest.mark.parametrize(
    ("query", "field", "english", "polish"),
    [
        (
            {"start": "2026-12-31", "end": "2026-01-01"},
            "end",
            "The end of the period is before its start.",
            "Koniec okresu przypada przed jego początkiem.",
        ),
        ({"start": "1999-12-31"}, "start", "Give a date between 2000 and 2100.", None),
        ({"end": "abc\x00"}, "end", None, None),
        ({"start": "99999-01-01"}, "start", None, None),
    ],
)
def test_a_bad_period_is_a_400_in_the_requests_language(api, query, field, english, polish):
    en = api.get(LIST, query, HTTP_ACCEPT_LANGUAGE="en")
    pl = api.get(_detail("certificates"), query, HTTP_ACCEPT_LANGUAGE="pl")
    for response in (en, pl):
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM
        assert set(response.json()) >= {"type", "title", "status", "detail", "errors"}
    assert list(en.json()["errors"]) == [field]
    if english:
        assert en.json()["errors"][field] == [english]
    if polish:
        assert pl.json()["errors"][field] == [polish]
    assert pl.json()["title"] != en.json()["title"]


def test_anonymous_only_and_throttled_like_the_rest_of_the_api(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "2/min"},
    }
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")  # public: no token is read
    assert api.get(LIST).status_code == 200
    assert api.get(_detail("certificates")).status_code == 200
    refused = api.get(LIST)
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM
    assert "Retry-After" in refused


def test_the_schema_describes_the_indicators(api):
    schema = api.get(reverse("api:schema"), {"format": "json"}).json()
    operation = schema["paths"]["/api/public/indicators/{slug}/"]["get"]
    slug = next(p for p in operation["parameters"] if p["name"] == "slug")
    assert "requests-status" not in slug["schema"]["enum"]
    assert "requests-topic" in slug["schema"]["enum"]
    assert {"200", "400", "404", "429"} <= set(operation["responses"])
    assert operation["tags"] == ["public"]
    assert "/api/public/indicators/" in schema["paths"]


def test_the_list_runs_the_same_queries_at_5_and_at_60(
    api, powiats, events_2026, django_assert_num_queries, django_assert_max_num_queries
):
    _requests(5, powiats["2661"])
    _opinions(5, powiats["2604"])
    api.get(LIST, PERIOD)  # warm caches (the PKD tables)
    cache.clear()  # the public figures: computed, not read from the cache
    with django_assert_max_num_queries(60) as small:
        assert api.get(LIST, PERIOD).status_code == 200
    _requests(55, powiats["2604"])
    _opinions(55, powiats["2661"])
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        body = api.get(LIST, PERIOD).json()
    assert AdvisoryRequest.objects.count() == 120
    topic = next(i for i in body if i["slug"] == "requests-topic")
    assert topic["total"] == 120  # 60 requests and 60 opinions, all received in 2026


CSV = reverse("reports_api:indicator-csv")
JSON = reverse("reports_api:indicator-json")


def test_the_dumps_hold_every_public_indicators_rows_with_open_data_metadata(
    api, requests_2026, opinions_2026
):
    listed = api.get(LIST, PERIOD).json()
    expected = [(i["slug"], row["label"], row["value"]) for i in listed for row in i["rows"]]
    dump = api.get(JSON, PERIOD)
    assert dump.status_code == 200
    body = dump.json()
    assert [(r["indicator"], r["row"], r["value"]) for r in body["records"]] == expected
    assert "requests-status" not in {r["indicator"] for r in body["records"]}
    meta = body["metadata"]
    assert meta["records"] == len(expected)
    assert meta["licence"] == "CC BY 4.0"
    assert meta["period"] == PERIOD
    assert {"title", "description", "update_frequency", "last_modified", "csv_url"} <= set(meta)

    table = api.get(CSV, PERIOD)
    assert table["Content-Type"] == "text/csv; charset=utf-8"
    lines = table.content.decode("utf-8").splitlines()
    assert lines[0] == "indicator,title,period_start,period_end,row_key,row,value"
    assert len(lines) == 1 + len(expected)
    assert any("Wnioski o doradztwo" in line for line in lines)  # Polish letters intact


def test_a_bad_period_in_a_dump_is_a_400_problem(api):
    response = api.get(CSV, {"start": "2026-12-31", "end": "2026-01-01"})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_the_dumps_run_the_same_queries_at_5_and_at_60(
    api, powiats, events_2026, django_assert_num_queries, django_assert_max_num_queries
):
    _requests(5, powiats["2661"])
    api.get(JSON, PERIOD)  # warm caches (the PKD tables)
    cache.clear()  # the public figures: computed, not read from the cache
    with django_assert_max_num_queries(80) as small:
        assert api.get(JSON, PERIOD).status_code == 200
    _requests(55, powiats["2604"])
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        assert api.get(JSON, PERIOD).status_code == 200


def test_the_api_reads_the_public_pages_figures_from_one_cache(
    api, client, requests_2026, django_assert_num_queries
):
    """The page, its charts, the list, one indicator and the dumps of a period share one
    computation (``public_snapshot``): anyone may ask for any period, so none of them lets the
    server aggregate the database again within the cache's time; the dump says when the
    figures were computed."""
    page = client.get(reverse("reports:public"), PERIOD)
    topic = next(r for i, r in page.context["items"] if i.slug == "requests-topic")
    assert topic.total == 4
    with django_assert_num_queries(0):
        listed = api.get(LIST, PERIOD).json()
        one = api.get(_detail("requests-topic"), PERIOD).json()
        dump = api.get(JSON, PERIOD).json()
        assert api.get(CSV, PERIOD).status_code == 200
    assert next(i for i in listed if i["slug"] == "requests-topic")["total"] == 4
    assert one["total"] == 4
    computed = datetime.datetime.fromisoformat(dump["metadata"]["last_modified"])
    assert computed <= datetime.datetime.now(datetime.UTC)
    cache.clear()
    assert api.get(_detail("requests-topic"), PERIOD).json()["total"] == 4
