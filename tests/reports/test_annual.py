"""The annual report: a PDF/A document in the register, its sections in order, each chart with
its table; issuing it is the coordinator's alone."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from documents.services import document_render
from reports.annual import ANNUAL_DOCUMENT
from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_annual_report_is_pdfa_with_sections_in_order(client, coordinator, opinions_2026):
    client.force_login(coordinator)
    response = client.post(reverse("reports:annual"), {"year": "2026"})
    document = Document.objects.get(kind=ANNUAL_DOCUMENT)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    assert document.is_public
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.is_ready
    content = document.file.read()
    reader = PdfReader(io.BytesIO(content))
    # PDF/A: the XMP metadata names the part.
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert "pdfaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    # Lines wrap where the page ends them; compare with single spaces.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    titles = [
        "Sprawozdanie roczne z realizacji programu rozwoju ekonomii społecznej za 2026 r.",
        "Zadanie 1: Spójność działań regionalnych",
        "Zadanie 2: Budowanie marki ekonomii społecznej",
        "Zadanie 3: Podnoszenie kompetencji",
        "Wskaźniki",
        "Wnioski o doradztwo według tematów",
        "Czas wydania opinii",
        "Wydane zaświadczenia",
    ]
    positions = [text.find(t) for t in titles]
    assert -1 not in positions, [t for t, p in zip(titles, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    # Every chart has its table: sixteen public indicators, sixteen charts and captions.
    assert text.count("tabela danych") == 16
    assert "Wnioski o doradztwo według statusu" not in text
    assert "Wydane opinie: 4; mediana (w dniach): 27,5" in text
    assert document.number in text
    # The charts are vectors: the only raster image of a page is the footer's QR code.
    assert [len(page.images) for page in reader.pages] == [1] * len(reader.pages)


def test_annual_report_twice_is_two_versions(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("reports:annual"), {"year": "2026"})
    client.post(reverse("reports:annual"), {"year": "2026"})
    assert AnnualReport.objects.count() == 1
    versions = sorted(
        Document.objects.filter(kind=ANNUAL_DOCUMENT).values_list("version", flat=True)
    )
    assert versions == [1, 2]


def test_annual_report_refused_to_others(client, advisor):
    assert client.post(reverse("reports:annual"), {"year": "2026"}).status_code == 302  # login
    client.force_login(advisor)
    assert client.post(reverse("reports:annual"), {"year": "2026"}).status_code == 404
    assert client.get(reverse("reports:annual")).status_code == 404
    assert not Document.objects.filter(kind=ANNUAL_DOCUMENT).exists()


@pytest.mark.parametrize("year", ["", "1999", "abc", "99999999999999999999"])
def test_annual_report_bad_year_stores_nothing(client, coordinator, year):
    client.force_login(coordinator)
    response = client.post(reverse("reports:annual"), {"year": year})
    assert response.status_code == 200
    assert response.context["year_form"].errors
    assert not AnnualReport.objects.exists()


def test_issued_annual_report_is_public_and_verifies(client, coordinator):
    from documents.services import document_verify_code

    client.force_login(coordinator)
    client.post(reverse("reports:annual"), {"year": "2026"})
    document = Document.objects.get(kind=ANNUAL_DOCUMENT)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    client.logout()
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    assert document_verify_code(code=document.verification_code).document == document


def test_plan_seed_follows_domain(db):
    from reports.models import Activity, Task

    assert list(Task.objects.values_list("number", "title")) == [
        (1, "Spójność działań regionalnych"),
        (2, "Budowanie marki ekonomii społecznej"),
        (3, "Podnoszenie kompetencji"),
    ]
    assert Activity.objects.filter(task__number=1).count() == 8
    assert Activity.objects.filter(task__number=2).count() == 6
    assert Activity.objects.filter(task__number=3).count() == 5
    assert sorted(Activity.objects.exclude(source="").values_list("source", flat=True)) == [
        "bez_barier", "conference", "fair", "opinions_issued", "study_visit", "university_day",
        "workshop_1", "workshop_2", "workshop_3", "workshop_4",
    ]  # fmt: skip
