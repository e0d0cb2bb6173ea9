"""The public registers of agreements and resolutions: what the portal shows and nothing
more; filters; the PDF only where the portal links it; anything else a 404 or a clear 400."""

import csv
import io

import pytest
from django.urls import reverse

from api.datasets import DATASETS
from casework.kinds.agreement.models import Agreement
from documents.models import Document
from documents.services import document_render
from tests.agreement.test_register import _sign_all
from tests.casework.factories import draft_case
from tests.factories import OrganisationFactory

from .registers import make_agreements, make_body, make_resolutions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_register_of_agreements_and_its_filters(api):
    now = make_agreements(2)
    past = make_agreements(1, ended=True, public_pdf=False)
    url = reverse("api:agreement-list")
    listed = api.get(url).json()["results"]
    assert {a["id"] for a in listed} == {c.pk for c in now + past}
    first = next(a for a in listed if a["id"] == now[0].pk)
    assert first["title"] == now[0].title
    assert first["in_force"] is True
    assert first["goals"] == "Rozwój ekonomii społecznej w gminie."
    assert (first["start_date"], first["end_date"]) == ("2026-01-01", "2027-12-31")
    assert {"name": "Stowarzyszenie Razem", "leader": False} in first["parties"]
    assert {"name": "Gmina Masłów", "leader": True} in first["parties"]
    version = Agreement.objects.get(pk=now[0].pk).in_force_version
    document = Document.objects.get(kind="agreement_signed", source_id=version.pk)
    assert first["document_url"].endswith(reverse("documents:download", args=[document.pk]))
    ended = next(a for a in listed if a["id"] == past[0].pk)
    assert ended["in_force"] is False
    assert ended["document_url"] is None  # not every party agreed to publish it
    assert set(_ids(api.get(url, {"status": "in_force"}))) == {c.pk for c in now}
    assert _ids(api.get(url, {"status": "past"})) == [past[0].pk]
    assert len(_ids(api.get(url, {"year": "2026"}))) == 3
    assert _ids(api.get(url, {"year": "2025"})) == []
    for bad in (
        {"status": "draft"},
        {"year": "20x6"},
        {"year": "1999"},
        {"status": "\x00"},
        {"year": "²⁰²⁶"},  # digits to isdigit(), not to int()
    ):
        response = api.get(url, bad)
        assert response.status_code == 400, bad
        assert response["Content-Type"].startswith("application/problem+json")


def test_an_agreement_not_in_the_register_is_a_404(api, gmina_org, municipality_user):
    shown = make_agreements(1)[0]
    detail = api.get(reverse("api:agreement-detail", args=[shown.pk]))
    assert detail.status_code == 200
    assert detail.json()["document_url"]
    other = draft_case(organisation=gmina_org, filed_by=municipality_user)
    for pk in (other.pk, 10**9):
        assert api.get(reverse("api:agreement-detail", args=[pk])).status_code == 404


def test_the_signed_pdf_only_where_every_party_consented(api, signing, parties):
    detail = reverse("api:agreement-detail", args=[signing.pk])
    assert api.get(detail).status_code == 404  # still being signed: not in the register
    _sign_all(signing, parties, [True, False, True])
    document = Document.objects.get(kind="agreement_signed")
    document_render(document_id=document.pk)
    answer = api.get(detail).json()
    assert answer["title"] == signing.title
    assert answer["document_url"] is None
    assert api.get(reverse("api:agreement-list")).json()["results"][0]["document_url"] is None
    rows = api.get(reverse("api:dataset-json", args=["agreements"])).json()["records"]
    assert [r["document_url"] for r in rows] == [""]
    page = api.get(reverse("portal:agreement", args=[signing.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) not in page


def test_the_signed_pdf_where_everyone_consented(api, signing, parties):
    _sign_all(signing, parties, [True, True, True])
    document = Document.objects.get(kind="agreement_signed")
    document_render(document_id=document.pk)
    link = reverse("documents:download", args=[document.pk])
    assert (
        api.get(reverse("api:agreement-detail", args=[signing.pk]))
        .json()["document_url"]
        .endswith(link)
    )
    assert (
        api.get(reverse("api:agreement-list")).json()["results"][0]["document_url"].endswith(link)
    )
    assert link in api.get(reverse("portal:agreement", args=[signing.pk])).content.decode()


@pytest.fixture
def resolutions(committee_body, committee_member, gmina_org, municipality_user):
    case = draft_case(organisation=gmina_org, filed_by=municipality_user)
    body = make_body(committee_body)
    shown = make_resolutions(2, body=body, recorder=committee_member, case=case)
    hidden_body = make_body(OrganisationFactory(committee=True), is_public=False)
    hidden = make_resolutions(1, body=hidden_body, recorder=committee_member)
    return case, shown, hidden


def test_the_register_of_resolutions(api, resolutions):
    case, shown, hidden = resolutions
    url = reverse("api:resolution-list")
    assert _ids(api.get(url)) == [shown[1].pk, shown[0].pk]
    row = api.get(reverse("api:resolution-detail", args=[shown[0].pk])).json()
    assert row["number"] == "1/2026"
    assert row["body_name"] == shown[0].body.name
    assert row["adopted_on"] == "2026-03-12"
    assert row["circular_procedure"] is False
    assert row["items"] == [
        {"matter": case.number, "count": {"votes_for": 4, "votes_against": 1, "abstaining": 0}}
    ]
    document = Document.objects.get(kind="committee_resolution", source_id=shown[0].pk)
    assert row["document_url"].endswith(reverse("documents:download", args=[document.pk]))
    assert row["verification_code"] == document.verification_code
    assert api.get(reverse("api:resolution-detail", args=[hidden[0].pk])).status_code == 404
    assert _ids(api.get(url, {"year": "2026"})) == [shown[1].pk, shown[0].pk]
    assert _ids(api.get(url, {"year": "2025"})) == []
    assert api.get(url, {"year": "x"}).status_code == 400
    # What the page of the resolution shows, the API shows; not the resolution's own notes,
    # the meeting's materials nor who recorded it.
    text = str(api.get(url).json())
    for hidden_text in ("notatka", "Materiały wewnętrzne", "committee@example.pl"):
        assert hidden_text not in text


@pytest.mark.parametrize("slug", ["agreements", "resolutions"])
def test_the_dumps_of_the_registers(api, resolutions, slug):
    make_agreements(2)
    meta = api.get(reverse("api:dataset-detail", args=[slug])).json()
    assert meta["records"] == 2
    assert meta["last_modified"]
    assert meta["title"] == str(DATASETS[slug].title)
    records = api.get(reverse("api:dataset-json", args=[slug])).json()["records"]
    assert len(records) == 2
    text = api.get(reverse("api:dataset-csv", args=[slug])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    assert all(r["document_url"].startswith("http") for r in rows)
