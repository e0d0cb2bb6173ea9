"""The public registry pages render for anonymous visitors and show only published data."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from directory.registry import services
from directory.registry.public import PublicProfile
from tests.registry.factories import make_entry

pytestmark = pytest.mark.django_db

SECRET = "Sekretna-Wartość"


@pytest.fixture
def public_and_hidden(teryt):
    """One fully published entry, one unpublished, one published without any field group."""
    shown = make_entry("Jawna Spółdzielnia", offer="usługi cateringowe", rich=True)
    services.registry_ps_grant(
        entry=shown,
        purpose="reintegration",
        decision_number="PS/1/2025",
        decision_date=__import__("datetime").date(2025, 3, 1),
    )
    hidden = make_entry(
        f"Ukryta {SECRET}", offer=f"cateringowe {SECRET}", published=False, gmina_code="2601013"
    )
    bare = make_entry(
        "Skromna Fundacja",
        kind="foundation",
        offer=f"cateringowe {SECRET}",
        consent_all=False,
        gmina_code="2609033",
        rich=True,
    )
    services.registry_entry_update(
        entry=bare, changes={"website": "https://sekret.example.pl", "sectors": ["gastronomy"]}
    )
    services.registry_ps_grant(
        entry=bare,
        purpose="reintegration",
        decision_number=f"PS/{SECRET}",
        decision_date=__import__("datetime").date(2025, 3, 1),
    )
    return shown, hidden, bare


def _no_secrets(text: str, bare) -> None:
    org = bare.organisation
    assert SECRET not in text
    assert "Ukryta" not in text
    for value in (org.email, org.street, "sekret.example.pl", "PS/" + SECRET):
        assert value not in text


@pytest.mark.parametrize(
    "params",
    [
        "",
        "?q=cateringowe",
        "?q=ukryta",
        "?powiat=2609",
        "?powiat=2601",
        "?ps=yes",
        "?sector=gastronomy",
        "?ready=on",
        "?kind=foundation",
        "?sort=name",
    ],
)
def test_registry_search_never_shows_unpublished_entries_or_fields(
    client, public_and_hidden, params
):
    _shown, _hidden, bare = public_and_hidden
    response = client.get(reverse("portal:registry") + params)
    assert response.status_code == 200
    _no_secrets(response.content.decode(), bare)


def test_filters_over_unpublished_groups_do_not_match(client, public_and_hidden):
    _shown, _hidden, _bare = public_and_hidden
    for params in ("?powiat=2609", "?ps=yes", "?sector=gastronomy", "?gmina=2609033"):
        names = [
            p.name for p in client.get(reverse("portal:registry") + params).context["profiles"]
        ]
        assert "Skromna Fundacja" not in names, params
    names = [p.name for p in client.get(reverse("portal:registry") + "?ps=yes").context["profiles"]]
    assert names == ["Jawna Spółdzielnia"]


def test_map_counts_only_published_entries_with_a_published_address(client, public_and_hidden):
    response = client.get(reverse("portal:registry"))
    counts = {p["code"]: p["count"] for p in response.context["map"]["powiats"]}
    assert counts["2661"] == 1
    assert counts["2601"] == 0  # the unpublished entry
    assert counts["2609"] == 0  # published, but its address is not
    assert sum(counts.values()) == 1


def test_profile_shows_published_groups(client, public_and_hidden):
    shown, *_ = public_and_hidden
    text = client.get(reverse("portal:registry-entry", args=[shown.pk])).content.decode()
    org = shown.organisation
    for value in (
        "Jawna Spółdzielnia",
        org.email,
        org.street,
        "56.21.Z",
        "Busko-Zdrój",
        "PS/1/2025",
        "usługi cateringowe",
    ):
        assert value in text


def test_profile_hides_groups_without_consent(client, public_and_hidden):
    *_, bare = public_and_hidden
    response = client.get(reverse("portal:registry-entry", args=[bare.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Skromna Fundacja" in text
    _no_secrets(text, bare)
    for value in ("56.21.Z", "Busko-Zdrój", "8.50"):
        assert value not in text


def test_profile_of_unpublished_entry_is_404(client, public_and_hidden):
    _shown, hidden, _bare = public_and_hidden
    assert client.get(reverse("portal:registry-entry", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("portal:registry-entry", args=[999999])).status_code == 404


def test_profile_of_inactive_organisation_is_404(client, public_and_hidden):
    shown, *_ = public_and_hidden
    type(shown.organisation).objects.filter(pk=shown.pk).update(is_active=False)
    assert client.get(reverse("portal:registry-entry", args=[shown.pk])).status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_exports_contain_only_published_entries_and_fields(client, public_and_hidden, fmt):
    shown, _hidden, bare = public_and_hidden
    response = client.get(reverse("portal:registry-export", args=[fmt]) + "?q=")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    elif fmt == "xlsx":
        # Its headings are in the page's language; the standard CSV's field names stand in.
        ws = load_workbook(io.BytesIO(body)).active
        values = [[c if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]
        rows = [dict(zip(PublicProfile.columns(), r, strict=True)) for r in values[1:]]
    else:
        rows = json.loads(body)["entities"]
    assert sorted(r["name"] for r in rows) == ["Jawna Spółdzielnia", "Skromna Fundacja"]
    bare_row = next(r for r in rows if r["name"] == "Skromna Fundacja")
    for column in (
        "street",
        "email",
        "website",
        "pkd",
        "offer",
        "ps_decision",
        "employees",
        "sectors",
    ):
        assert bare_row[column] in ("", None), column
    shown_row = next(r for r in rows if r["name"] == "Jawna Spółdzielnia")
    assert shown_row["email"] == shown.organisation.email
    assert "56.21.Z" in shown_row["pkd"]
    _no_secrets(json.dumps(rows, ensure_ascii=False, default=str), bare)


def test_export_follows_the_search_filters(client, public_and_hidden):
    response = client.get(reverse("portal:registry-export", args=["json"]) + "?kind=foundation")
    assert [r["name"] for r in json.loads(response.content)["entities"]] == ["Skromna Fundacja"]


def test_unknown_export_format_is_404(client, public_and_hidden):
    assert client.get("/portal/rejestr/eksport.pdf").status_code == 404


def test_bad_filter_values_are_reported_not_500(client, public_and_hidden):
    response = client.get(reverse("portal:registry") + "?powiat=9999&page=abc&sector=x")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_htmx_request_gets_only_the_results_fragment(client, public_and_hidden):
    response = client.get(reverse("portal:registry") + "?q=jawna", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert text.lstrip().startswith('<h2 id="results-heading"')  # the inside of #results
    assert "<html" not in text
    assert "Jawna Spółdzielnia" in text


def test_sitemap_xml_lists_only_public_profiles(client, public_and_hidden):
    shown, hidden, bare = public_and_hidden
    text = client.get(reverse("portal:sitemap-xml")).content.decode()
    assert reverse("portal:registry-entry", args=[shown.pk]) in text
    assert reverse("portal:registry-entry", args=[bare.pk]) in text
    assert reverse("portal:registry-entry", args=[hidden.pk]) not in text


@pytest.mark.parametrize("name", ["home", "portal:contact", "portal:sitemap", "portal:registry"])
def test_public_pages_work_for_anonymous_visitors(client, teryt, name):
    assert client.get(reverse(name)).status_code == 200


def test_map_counts_follow_the_search_and_other_filters(client, public_and_hidden):
    response = client.get(reverse("portal:registry") + "?q=nic-takiego")
    assert sum(p["count"] for p in response.context["map"]["powiats"]) == 0
    response = client.get(reverse("portal:registry") + "?q=jawna&powiat=2601")
    counts = {p["code"]: p["count"] for p in response.context["map"]["powiats"]}
    assert counts["2661"] == 1
    kielce = next(p for p in response.context["map"]["powiats"] if p["code"] == "2661")
    assert "q=jawna" in kielce["href"]
    assert "powiat=2661" in kielce["href"]


def test_htmx_results_also_refresh_the_map_out_of_band(client, public_and_hidden):
    response = client.get(reverse("portal:registry") + "?q=nic-takiego", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert 'id="registry-map"' in text
    assert 'hx-swap-oob="true"' in text
    assert "Powiat Kielce: 0 podmiotów" in text
    page = client.get(reverse("portal:registry")).content.decode()
    assert "hx-swap-oob" not in page


def test_home_names_the_registry_and_the_coming_sections(client, teryt):
    text = client.get(reverse("home")).content.decode()
    assert reverse("portal:registry") in text
    for name in ("Katalog dobrych praktyk", "Porozumienia partnerskie", "Wydarzenia", "Raporty"):
        assert name in text
    assert text.count("Wkrótce.") == 4


def test_contact_page_shows_the_rops(client, rops):
    type(rops).objects.filter(pk=rops.pk).update(email="rops@example.pl", phone="41 000 11 22")
    text = client.get(reverse("portal:contact")).content.decode()
    assert rops.name in text
    assert "rops@example.pl" in text


def test_sitemap_lists_the_public_pages(client, teryt):
    text = client.get(reverse("portal:sitemap")).content.decode()
    for name in ("home", "portal:registry", "portal:contact", "portal:accessibility"):
        assert f'href="{reverse(name)}"' in text
