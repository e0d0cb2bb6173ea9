"""The public open data: anonymous, read-only, only what the portal publishes."""

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from events.services import register
from tests.events.conftest import make_event, person
from tests.registry.factories import make_entry

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_only_published_entries_are_listed_and_found(api, teryt):
    shown = make_entry("Widoczna Spółdzielnia")
    hidden = make_entry("Ukryta Spółdzielnia", published=False)
    listed = api.get(reverse("api:registry-list")).json()
    assert [e["id"] for e in listed["results"]] == [shown.pk]
    assert api.get(reverse("api:registry-detail", args=[shown.pk])).status_code == 200
    response = api.get(reverse("api:registry-detail", args=[hidden.pk]))
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_a_field_group_without_consent_is_empty(api, teryt):
    entry = make_entry(consent_all=False, rich=True, offer="catering")
    row = api.get(reverse("api:registry-detail", args=[entry.pk])).json()
    assert row["name"]
    for field in ("street", "postal_code", "locality", "gmina", "email", "phone", "offer", "pkd"):
        assert row[field] in ("", None), field
    for field in ("employees", "fte", "ready_for_public_contracts", "social_enterprise"):
        assert row[field] is None, field


def test_the_powiat_filter_finds_only_entries_that_publish_their_address(api, teryt):
    public = make_entry("Adres jawny")
    make_entry("Adres niejawny", consent_all=False)
    found = api.get(reverse("api:registry-list"), {"powiat": public.powiat_code}).json()
    assert [e["id"] for e in found["results"]] == [public.pk]
    by_name = api.get(reverse("api:registry-list"), {"q": "niejawny"}).json()
    assert by_name["count"] == 1


def test_entries_are_paged_in_a_stable_order(api, teryt):
    entries = [make_entry(f"Podmiot {i:02d}") for i in range(5)]
    first = api.get(reverse("api:registry-list"), {"page_size": 2}).json()
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    ids = [e["id"] for page in (first, second, third) for e in page["results"]]
    assert ids == [e.pk for e in entries]
    assert third["next"] is None
    assert api.get(reverse("api:registry-list"), {"page": 99}).status_code == 404


def test_only_published_events_with_sessions_and_never_registrations(api):
    shown = make_event(title="Konferencja jawna", capacity=5)
    hidden = make_event(title="Szkic", is_published=False)
    register(shown, data=person(1))
    listed = api.get(reverse("api:event-list")).json()["results"]
    assert [e["id"] for e in listed] == [shown.pk]
    assert len(listed[0]["sessions"]) == 1
    assert "registrations" not in listed[0]
    assert "uczestnik1@example.pl" not in api.get(reverse("api:event-list")).content.decode()
    assert api.get(reverse("api:event-detail", args=[hidden.pk])).status_code == 404
    assert api.get(reverse("api:event-detail", args=[shown.pk])).json()["title"] == shown.title
    dump = api.get(reverse("api:dataset-json", args=["events"])).content.decode()
    assert "uczestnik1@example.pl" not in dump
    assert "Szkic" not in dump


def test_event_filters(api):
    from events.constants import EventKind, Module

    workshop = make_event(kind=EventKind.WORKSHOP, module=Module.CLAUSES, title="Warsztat")
    make_event()
    by_kind = api.get(reverse("api:event-list"), {"kind": "workshop"}).json()["results"]
    assert [e["id"] for e in by_kind] == [workshop.pk]
    by_module = api.get(reverse("api:event-list"), {"module": workshop.module}).json()
    assert [e["id"] for e in by_module["results"]] == [workshop.pk]
    assert api.get(reverse("api:event-list"), {"module": "9" * 40}).status_code == 200
    assert api.get(reverse("api:event-list"), {"kind": "a\x00b"}).json()["count"] == 0
    assert api.get(reverse("api:event-list"), {"module": "\x00"}).json()["count"] == 2


def test_nul_characters_in_filters_find_nothing_instead_of_failing(api, teryt):
    make_entry("Spółdzielnia")
    for params in ({"q": "\x00"}, {"pes_category": "\x00"}, {"powiat": "26\x00"}):
        response = api.get(reverse("api:registry-list"), params)
        assert response.status_code == 200


def test_datasets_carry_open_data_metadata_and_dumps(api, teryt):
    entry = make_entry("Spółdzielnia Dump")
    make_entry("Niepublikowana", published=False)
    datasets = api.get(reverse("api:dataset-list")).json()
    assert [d["slug"] for d in datasets] == [
        "registry", "events", "practices", "agreements", "resolutions",
    ]  # fmt: skip
    for d in datasets:
        for key in ("title", "description", "licence", "licence_url", "update_frequency"):
            assert d[key], key
        assert "last_modified" in d
    registry = api.get(reverse("api:dataset-detail", args=["registry"])).json()
    assert registry["records"] == 1
    assert registry["last_modified"] is not None
    csv_response = api.get(reverse("api:dataset-csv", args=["registry"]))
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode())))
    assert [int(r["id"]) for r in rows] == [entry.pk]
    json_dump = api.get(reverse("api:dataset-json", args=["registry"])).json()
    assert json_dump["metadata"]["licence"] == registry["licence"]
    assert [r["id"] for r in json_dump["records"]] == [entry.pk]
    assert rows[0]["name"] == json_dump["records"][0]["name"] == "Spółdzielnia Dump"
    assert api.get(reverse("api:dataset-detail", args=["nope"])).status_code == 404
    assert api.get(reverse("api:dataset-csv", args=["nope"])).status_code == 404


def test_dataset_metadata_follows_the_request_language(api):
    url = reverse("api:dataset-detail", args=["events"])
    polish = api.get(url, HTTP_ACCEPT_LANGUAGE="pl").json()
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Events of the social-economy programme"
    assert polish["title"] != english["title"]


def test_public_endpoints_are_read_only(api):
    for name in ("registry-list", "event-list", "dataset-list"):
        response = api.post(reverse(f"api:{name}"), {}, format="json")
        assert response.status_code == 405
        assert response["Content-Type"] == PROBLEM


def test_anonymous_readers_are_throttled(api, settings):
    rest = {**settings.REST_FRAMEWORK}
    rest["DEFAULT_THROTTLE_RATES"] = {"anon": "2/min", "user": "2/min"}
    with override_settings(REST_FRAMEWORK=rest):
        codes = [api.get(reverse("api:event-list")).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        response = api.get(reverse("api:event-list"))
        assert response["Content-Type"] == PROBLEM
        assert "Retry-After" in response
