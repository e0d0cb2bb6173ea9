"""The registry page gives what the plain querysets give: the same rows, counts and map, the
typo fallback, fresh place lists."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from directory.models import RegistryEntry, TerritorialUnit
from directory.registry.querysets import place_choices
from portal.forms import RegistrySearchForm
from portal.public import PublicListItem
from tests.registry.factories import make_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(teryt):
    made = [
        make_entry(f"Kuchnia {i:02d}", offer="usługi cateringowe", gmina_code=code)
        for i, code in enumerate(["2661011", "2661011", "2601013", "2609033", "2604033"] * 5)
    ]
    make_entry("Catering", offer="obiady")  # an exact name: first by relevance
    make_entry("Bez adresu", offer="catering", consent_address=False, gmina_code="2601013")
    make_entry("Sprzątanie", offer="sprzątanie biur")
    return made


@pytest.mark.parametrize(
    ("place", "by_relevance", "offset"),
    [
        ({}, True, 0),
        ({}, False, 20),
        ({"powiat": "2601"}, True, 0),
        ({"gmina": "2661011"}, False, 0),
        ({"powiat": "2661", "gmina": "2601013"}, True, 0),
    ],
)
def test_page_matches_the_plain_querysets(client, entries, place, by_relevance, offset):
    found = RegistryEntry.objects.public().search("catering")
    params = {"q": "catering", "page": offset // 20 + 1, **place}
    if not by_relevance:
        params["sort"] = "name"
    response = client.get(reverse("portal:registry"), params)
    page = response.context["page"]
    rows = response.context["profiles"]
    per_powiat = {p["code"]: p["count"] for p in response.context["map"]["powiats"] if p["count"]}
    here = page.paginator.count
    anywhere = found.place_counts(**place)[1]
    expected = found.public_filter(**place).ordered(by_relevance=by_relevance)
    assert here == expected.count()
    assert anywhere == found.count() == 27
    assert (here, anywhere, per_powiat) == found.place_counts(**place)
    # "Catering" is in Kielce too; "Bez adresu" has no published address.
    assert per_powiat == {"2661": 11, "2601": 5, "2609": 5, "2604": 5}
    assert [r.pk for r in rows] == [e.pk for e in expected[offset : offset + 20]]
    assert all(r.name == RegistryEntry.objects.get(pk=r.pk).organisation.name for r in rows)


def test_counts_of_nothing_ask_nothing(teryt, django_assert_num_queries):
    with django_assert_num_queries(0):
        result = RegistryEntry.objects.public().search("12345", similar=True).place_counts()
    assert result == (0, 0, {})


def test_page_shows_count_map_and_the_exact_name_first(client, entries):
    response = client.get(reverse("portal:registry") + "?q=catering")
    assert response.context["page"].paginator.count == 27
    assert response.context["page"].paginator.num_pages == 2
    assert next(p.name for p in response.context["profiles"]) == "Catering"
    counts = {p["code"]: p["count"] for p in response.context["map"]["powiats"]}
    assert counts["2661"] == 11  # with "Catering" (made in Kielce)
    assert "27 podmiotów" in response.content.decode()


@pytest.mark.parametrize(
    ("param", "number"),
    [("2", 2), ("99", 2), ("abc", 1), ("0", 2), ("9223372036854775807", 2), ("1" * 40, 2)],
)
def test_pages_out_of_range_fall_back_like_django_paginator(client, entries, param, number):
    response = client.get(reverse("portal:registry") + f"?q=catering&page={param}")
    page = response.context["page"]
    assert page.number == number
    assert len(response.context["profiles"]) == (7 if number == 2 else 20)


def test_words_that_match_nothing_fall_back_to_similar_names(client, teryt):
    shown = make_entry("Zielona Pracownia", offer="zieleń miejska")
    response = client.get(reverse("portal:registry") + "?q=Zielona+Pracownai")
    names = [p.name for p in response.context["profiles"]]
    if connection.vendor == "postgresql":
        assert names == [shown.organisation.name]  # trigram similarity of the name
        assert response.context["page"].paginator.count == 1
    else:
        assert names == []  # SQLite has no trigrams: nothing, and no error
        assert response.context["page"].paginator.count == 0


def test_similar_names_are_not_tried_when_the_words_match(teryt):
    make_entry("Catering Razem", offer="obiady")
    make_entry("Cateringowo", offer="catering")
    found = RegistryEntry.objects.public().search("catering")
    assert found.place_counts()[1] == 2


@pytest.mark.pg_only
def test_word_search_alone_uses_no_trigram_similarity(teryt):
    make_entry("Smaki", offer="catering")
    sql = str(RegistryEntry.objects.public().search("catering").query)
    assert "%%" not in sql
    assert "SIMILARITY" not in sql.upper()
    assert "@@" in sql


def test_export_follows_the_same_fallback(client, teryt):
    make_entry("Zielona Pracownia", offer="zieleń miejska")
    data = client.get(reverse("portal:registry-export", args=["json"]) + "?q=Zielona+Pracownai")
    names = [r["name"] for r in data.json()["entities"]]
    assert names == (["Zielona Pracownia"] if connection.vendor == "postgresql" else [])


def test_place_choices_follow_a_teryt_change(client, teryt):
    powiats, gminas = place_choices()
    assert ("2661", "Kielce") in powiats
    assert len(gminas) == TerritorialUnit.objects.filter(kind="gmina").count()
    unit = TerritorialUnit.objects.get(code="2661")
    unit.name = "Kielce Nowe"
    unit.save()  # load_teryt saves units one by one: the cached copy is dropped
    assert ("2661", "Kielce Nowe") in place_choices()[0]
    assert "Kielce Nowe" in client.get(reverse("portal:registry")).content.decode()


def test_search_form_still_validates_the_place_codes(teryt):
    powiats, gminas = place_choices()
    data = QueryDict("powiat=9999&gmina=2661011")
    form = RegistrySearchForm(data, powiats=powiats, gminas=gminas)
    assert not form.is_valid()
    assert set(form.errors) == {"powiat"}
    assert 'value="2661011" selected' in str(form["gmina"])


def test_map_labels_use_a_decimal_point_in_polish(client, teryt):
    with translation.override("pl"):
        text = client.get(reverse("portal:registry"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    coords = re.findall(r'<text x="([^"]*)" y="([^"]*)"', text)
    assert len(coords) == 14
    assert all(re.fullmatch(r"\d+\.\d", v) for pair in coords for v in pair)


def test_list_row_shows_only_consented_groups(teryt):
    row = {
        "pk": 7,
        "name": "X",
        "kind": "social_cooperative",
        "locality": "Kielce",
        "powiat_code": "2661",
        "offer": " ".join(["słowo"] * 40),
        "ready": True,
        "is_ps": True,
        "consent_address": False,
        "consent_offer": True,
        "consent_ps_status": False,
    }
    item = PublicListItem(row, {"2661": "Kielce"}, "/x/7/")
    assert (item.locality, item.powiat) == ("", "")
    assert not item.is_social_enterprise
    assert item.ready_for_public_contracts
    assert item.summary.endswith("…")
    assert len(item.summary.split()) == 30
    item = PublicListItem(
        {**row, "consent_address": True, "consent_offer": False, "consent_ps_status": True},
        {"2661": "Kielce"},
        "/x/7/",
    )
    assert (item.locality, item.powiat, item.is_social_enterprise) == ("Kielce", "Kielce", True)
    assert (item.summary, item.ready_for_public_contracts, item.offer) == ("", False, None)
