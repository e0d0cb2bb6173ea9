"""The public good practices: the catalogue's practices (``casework.kinds.practice.public``)
and nothing more — published and archived only, the contact person only with consent, never
scores or comments — with the catalogue's search and filters, and the open-data dumps."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.kinds.practice import catalogue
from casework.kinds.practice.models import PracticeScore, ReviewCriterion
from casework.kinds.practice.public import PUBLIC_FIELDS, public_practices
from tests.catalogue.factories import gmina, photo, published_practice

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def practices(db):
    kielce = gmina("2604092", "Masłów", "2604", "kielecki")
    opatow = gmina("2607042", "Opatów", "2607", "opatowski")
    year_ago = timezone.now() - datetime.timedelta(days=400)
    shown = published_practice(
        title="Stołówka szkolna spółdzielni",
        gminas=[kielce],
        contact_name="Anna Nowak",
        contact_email="anna@example.pl",
        contact_consent=True,
    )
    hidden = published_practice(
        title="Pralnia społeczna",
        area="social_services",
        gminas=[opatow],
        contact_name="Jan Kowalski",
        contact_email="jan.kowalski@example.pl",
        contact_phone="600100200",
        contact_consent=False,
        approved_at=year_ago,
    )
    archived = published_practice(title="Warsztat stolarski", status="archived", gminas=[kielce])
    photo(shown)
    criterion = ReviewCriterion.objects.first()
    PracticeScore.objects.create(
        practice=hidden,
        criterion=criterion,
        score=2,
        justification="Uzasadnienie oceny tajne",
        scored_by=hidden.case.filed_by,
    )
    private = [
        published_practice(title=f"Niepubliczna {status}", status=status)
        for status in ("draft", "submitted", "in_review", "in_approval", "rejected", "withdrawn")
    ]
    return {"shown": shown, "hidden": hidden, "archived": archived, "private": private}


def _ids(api, params=None) -> list[int]:
    response = api.get(reverse("api:practice-list"), {"page_size": 200, **(params or {})})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_published_and_archived_are_listed_others_are_404(api, practices):
    expected = [p.pk for p in public_practices()]
    assert _ids(api) == expected
    assert set(expected) == {practices[k].pk for k in ("shown", "hidden", "archived")}
    for practice in practices["private"]:
        response = api.get(reverse("api:practice-detail", args=[practice.pk]))
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
    body = api.get(reverse("api:practice-detail", args=[practices["archived"].pk])).json()
    assert body["status"] == "archived"


def test_the_fields_are_the_kinds_public_fields_and_the_contact_needs_consent(api, practices):
    shown = api.get(reverse("api:practice-detail", args=[practices["shown"].pk])).json()
    hidden = api.get(reverse("api:practice-detail", args=[practices["hidden"].pk])).json()
    assert list(shown) == list(PUBLIC_FIELDS)
    assert shown["contact"] == {"name": "Anna Nowak", "email": "anna@example.pl", "phone": ""}
    assert hidden["contact"] is None
    assert shown["gminas"] == [{"code": "2604092", "name": "Masłów", "powiat": "kielecki"}]
    [picture] = shown["photos"]
    assert picture["url"].startswith("http://testserver/")
    assert picture["credit"].startswith("Jan Fotograf")
    everything = str(api.get(reverse("api:practice-list")).json())
    for secret in ("Jan Kowalski", "jan.kowalski@example.pl", "600100200", "tajne", "4.00"):
        assert secret not in everything


@pytest.mark.parametrize(
    "params",
    [
        {"area": "social_services"},
        {"area": "reintegration", "powiat": "2604"},
        {"gmina": "2607042"},
        {"powiat": "2607"},
        {"year": str(timezone.now().year)},
        {"organisation_kind": "association"},
        {"area": "no-such-area"},
    ],
)
def test_the_filters_are_the_catalogues(api, practices, params):
    filters = {k: v for k, v in params.items() if k != "organisation_kind"}
    if "organisation_kind" in params:
        filters["kind"] = params["organisation_kind"]
    if "year" in filters:
        filters["year"] = int(filters["year"])
    expected = [p.pk for p in catalogue.filter_practices(public_practices(), **filters)]
    assert _ids(api, params) == expected
    assert any(expected) or params == {"area": "no-such-area"}


def test_the_search_finds_what_the_catalogue_finds(api, practices):
    assert _ids(api, {"q": "pralnia"}) == [practices["hidden"].pk]
    assert _ids(api, {"q": "stolarski"}) == [practices["archived"].pk]
    assert _ids(api, {"q": "niepubliczna"}) == []
    assert _ids(api, {"q": "\x00!!"}) == []
    for query in ("stołówka", "stolowka szkolna", "spółdzielni pralnia"):
        found = catalogue.search(public_practices(), query)
        expected = list(
            found.order_by("-score", "-current_version__approved_at", "-pk").values_list(
                "pk", flat=True
            )
        )
        assert _ids(api, {"q": query}) == expected


@pytest.mark.parametrize("year", ["1999", "2101", "20x5", "99999", "-1"])
def test_a_bad_year_is_a_translated_400(api, practices, year):
    response = api.get(reverse("api:practice-list"), {"year": year}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"] == {"year": ["Give a year between 2000 and 2100."]}
    polish = api.get(reverse("api:practice-list"), {"year": year}, HTTP_ACCEPT_LANGUAGE="pl")
    assert polish.json()["errors"] == {"year": ["Podaj rok od 2000 do 2100."]}


def test_the_dumps_hold_the_practices_with_their_metadata(api, practices):
    meta = api.get(reverse("api:dataset-detail", args=["practices"])).json()
    assert meta["records"] == 3
    assert meta["licence"]
    assert meta["last_modified"]
    text = api.get(reverse("api:dataset-csv", args=["practices"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == [p.pk for p in public_practices()]
    by_id = {int(r["id"]): r for r in rows}
    assert by_id[practices["shown"].pk]["contact_email"] == "anna@example.pl"
    assert by_id[practices["hidden"].pk]["contact_email"] == ""
    assert by_id[practices["hidden"].pk]["powiats"] == "opatowski"
    dump = api.get(reverse("api:dataset-json", args=["practices"])).json()
    assert dump["metadata"]["slug"] == "practices"
    assert [r["id"] for r in dump["records"]] == [p.pk for p in public_practices()]
    for secret in ("Jan Kowalski", "jan.kowalski@example.pl", "tajne", "Niepubliczna"):
        assert secret not in text
        assert secret not in str(dump)


def test_a_title_that_begins_like_a_formula_is_neutralised_in_the_csv_dump(api, practices):
    """The dumps go through the shared writer: a spreadsheet opening the CSV runs no formula
    a submitter typed (the JSON keeps the text as it is)."""
    case = practices["shown"].case
    case.title = '=HYPERLINK("http://example.invalid","x")'
    case.save(update_fields=["title"])
    text = api.get(reverse("api:dataset-csv", args=["practices"])).content.decode()
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(text))}
    assert rows[practices["shown"].pk]["title"] == "'" + case.title
    dump = api.get(reverse("api:dataset-json", args=["practices"])).json()
    assert case.title in [r["title"] for r in dump["records"]]
