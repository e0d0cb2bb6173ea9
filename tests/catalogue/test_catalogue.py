"""The public catalogue of good practices: search without diacritics and by word stems,
filters that combine, a fixed number of queries, 404 for what is not public, the archive
notice, the gallery and the links both ways with the registry."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.constants import OrganisationKind
from directory.models import TerritorialUnit
from tests.factories import OrganisationFactory
from tests.registry.factories import load_teryt, make_entry

from .factories import photo, published_practice

pytestmark = pytest.mark.django_db

WARSAW = timezone.get_default_timezone()
LIST = reverse("portal:catalogue")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def teryt(db):
    load_teryt()


def unit(code):
    return TerritorialUnit.objects.get(code=code)


def found(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [p.title for p in response.context["practices"]]


@pytest.fixture
def three(teryt):
    coop = OrganisationFactory(name="Spółdzielnia Socjalna Smaki", kind="social_cooperative")
    foundation = OrganisationFactory(name="Fundacja Razem", kind="foundation")
    return [
        published_practice(
            title="Stołówka szkolna prowadzona przez spółdzielnię",
            organisation=coop,
            area="reintegration",
            gminas=[unit("2608043")],  # Pińczów, powiat pińczowski
            solution="Gotowanie posiłków dla uczniów w kuchni szkoły.",
            approved_at=datetime.datetime(2025, 5, 4, 10, tzinfo=WARSAW),
        ),
        published_practice(
            title="Sprzątanie zieleni miejskiej",
            organisation=foundation,
            area="social_services",
            gminas=[unit("2608043")],
            solution="Usługi porządkowe świadczone przez uczestników CIS.",
            approved_at=datetime.datetime(2026, 2, 1, 10, tzinfo=WARSAW),
        ),
        published_practice(
            title="Catering społeczny w Starachowicach",
            organisation=coop,
            area="reintegration",
            gminas=[unit("2611011")],  # Starachowice
            solution="Posiłki dla seniorów przygotowywane przez spółdzielnię.",
            approved_at=datetime.datetime(2026, 6, 1, 10, tzinfo=WARSAW),
        ),
    ]


def test_search_without_diacritics_and_by_stems(client, three):
    stolowka, sprzatanie, catering = (p.case.title for p in three)
    # Typed without Polish letters.
    assert found(client, q="stolowka") == [stolowka]
    assert found(client, q="sprzatanie zieleni") == [sprzatanie]
    # Another form of the word: the stem finds it ("spółdzielni" / "spółdzielnię").
    assert set(found(client, q="spoldzielni")) == {stolowka, catering}
    assert found(client, q="posiłkami seniorów") == [catering]
    # The organisation and the place are searched too.
    assert found(client, q="fundacja") == [sprzatanie]
    assert set(found(client, q="pinczow")) == {stolowka, sprzatanie}
    assert found(client, q="xyzzy") == []


def test_filters_combine(client, three):
    stolowka, sprzatanie, catering = (p.case.title for p in three)
    assert set(found(client, area="reintegration")) == {stolowka, catering}
    assert found(client, area="reintegration", powiat="2608") == [stolowka]
    assert found(client, area="reintegration", year="2026") == [catering]
    assert found(client, kind=OrganisationKind.FOUNDATION, powiat="2608") == [sprzatanie]
    assert found(client, kind=OrganisationKind.FOUNDATION, powiat="2611") == []
    assert found(client, gmina="2611011", q="catering") == [catering]
    assert found(client, q="spoldzielni", year="2025") == [stolowka]
    # The map counts what the other filters select, per powiat.
    response = client.get(LIST, {"area": "reintegration"})
    assert 'aria-label="Powiat pińczowski: 1' in response.content.decode()


def test_bad_filters_are_refused_with_a_message_not_an_error(client, three):
    response = client.get(LIST, {"year": "abc", "powiat": "9999", "page": "x", "q": "a" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["practices"]) == 3


def _many(n, places, start=0):
    for i in range(start, start + n):
        p = published_practice(
            title=f"Praktyka {i:03d} spółdzielni",
            area="reintegration",
            gminas=[places[i % len(places)]],
            solution="Gotowanie posiłków.",
        )
        photo(p, n=i)
    return p


@pytest.mark.parametrize("params", ["", "?q=spoldzielni", "?powiat=2608&area=reintegration"])
def test_the_list_runs_the_same_queries_with_5_and_60(
    client, teryt, django_assert_num_queries, params
):
    places = [unit("2608043"), unit("2611011")]
    _many(5, places)
    url = LIST + params
    client.get(url)  # warm the caches (the map's projection, the region's units)
    # The years of the filter, the counts per powiat (one grouped aggregate), the paginator's
    # count, the page, its gminas and photos (prefetched), the yearly editions.
    with django_assert_num_queries(7) as few:
        assert client.get(url).status_code == 200
    _many(55, places, start=5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["practices"]) == 12


def test_the_practice_page_runs_the_same_queries_with_5_and_60(
    client, teryt, django_assert_num_queries
):
    places = [unit("2608043"), unit("2611011")]
    first = _many(5, places)
    client.get(reverse("portal:practice", args=[first.pk]))
    # The practice, its gminas and photos; the similar ones, theirs; the registry profile's
    # key; the practice card.
    with django_assert_num_queries(8) as few:
        assert client.get(reverse("portal:practice", args=[first.pk])).status_code == 200
    last = _many(55, places, start=5)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("portal:practice", args=[last.pk]))
    assert len(response.context["similar"]) == 4


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "in_review", "changes_requested", "in_approval", "rejected"]
)
def test_a_practice_not_published_is_404(client, teryt, status, coordinator):
    practice = published_practice(title="Jeszcze nie", status=status)
    url = reverse("portal:practice", args=[practice.pk])
    assert client.get(url).status_code == 404
    client.force_login(coordinator)  # staff see the case, not a public page of it
    assert client.get(url).status_code == 404
    assert found(client, q="jeszcze") == []


def test_an_unknown_id_is_404(client, db):
    assert client.get(reverse("portal:practice", args=[999999])).status_code == 404
    assert client.get("/katalog-dobrych-praktyk/abc/").status_code == 404


def test_archived_is_public_with_a_notice(client, teryt):
    practice = published_practice(title="Dawna praktyka", status="archived")
    response = client.get(reverse("portal:practice", args=[practice.pk]))
    assert response.status_code == 200
    assert response.context["item"].is_archived
    assert "Dawna praktyka" in found(client, q="dawna")


def test_gallery_contact_and_links_both_ways_with_the_registry(client, teryt):
    entry = make_entry("Spółdzielnia Socjalna Smaki")
    practice = published_practice(
        title="Stołówka szkolna",
        organisation=entry.organisation,
        contact_name="Anna Nowak",
        contact_consent=False,
        gminas=[unit("2608043")],
    )
    photo(practice, alt_text="Kucharki przy pracy")
    page = client.get(reverse("portal:practice", args=[practice.pk]))
    html = page.content.decode()
    assert 'alt="Kucharki przy pracy"' in html
    assert "Jan Fotograf" in html
    assert "CC BY 4.0" in html
    assert "Anna Nowak" not in html
    assert reverse("portal:registry-entry", args=[entry.pk]) in html
    profile = client.get(reverse("portal:registry-entry", args=[entry.pk])).content.decode()
    assert reverse("portal:practice", args=[practice.pk]) in profile
    # The photo is served to the public.
    assert client.get(page.context["item"].photos[0]["url"]).status_code == 200


def test_the_catalogue_is_in_the_navigation_and_english(client, db):
    response = client.get(LIST)
    assert response.status_code == 200
    assert any(i["url"] == LIST for i in response.context["nav_items"])
    english = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert "Catalogue of good practices" in english.content.decode()


def test_the_demo_shows_published_practices_in_the_catalogue(client, settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=StringIO())
    titles = found(client, q="spoldzielnia")
    assert "Stołówka szkolna prowadzona przez spółdzielnię socjalną" in titles
    assert len(found(client)) == 3
    response = client.get(LIST, {"q": "seniorow"})
    practice = response.context["practices"][0]
    assert practice.title == "Catering dla seniorów w Pińczowie"
    assert practice.thumbnail is not None
    page = client.get(practice.url)
    assert page.status_code == 200
    assert "Obiady pakowane do dowozu dla seniorów" in page.content.decode()
