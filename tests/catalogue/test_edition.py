"""The yearly catalogue edition: one PDF/A of every practice published in a year, with a
table of contents whose page numbers are where each practice starts, an index by powiat,
the photos embedded; verifiable; a new version when practices are added."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework.kinds.practice.documents import CATALOGUE_EDITION, PRACTICE_CARD
from casework.kinds.practice.models import CatalogueEdition
from casework.kinds.practice.services import edition_issue, editions_refresh
from documents.models import Document
from documents.services import document_render, document_verify_code, document_verify_file

from .factories import gmina, photo, published_practice

pytestmark = pytest.mark.django_db

WARSAW = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _in(year, day=1):
    return datetime.datetime(year, 3, 1, 10, tzinfo=WARSAW) + datetime.timedelta(days=day)


def _render(document) -> tuple[Document, PdfReader]:
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.is_ready, document.error
    return document, PdfReader(io.BytesIO(document.file.read()))


def _image_xobjects(reader) -> set:
    found = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.add(ref.idnum)
    return found


def test_the_edition_of_sixty_practices(settings):
    places = [
        gmina("2604092", "Masłów", "2604", "kielecki"),
        gmina("2608043", "Pińczów", "2608", "pińczowski"),
        gmina("2611011", "Starachowice", "2611", "starachowicki"),
    ]
    practices = []
    for n in range(60):
        p = published_practice(
            title=f"Praktyka {n:03d} spółdzielni",
            gminas=[places[n % 3]],
            approved_at=_in(2026, n),
            status="archived" if n == 7 else "published",
        )
        photo(p, n=n)
        practices.append(p)
    published_practice(title="Praktyka z innego roku", approved_at=_in(2025))
    published_practice(title="Praktyka w przygotowaniu", status="in_review", approved_at=_in(2026))

    document, reader = _render(edition_issue(year=2026))

    # PDF/A: the XMP metadata names the part and conformance.
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp or "<pdfaid:part>" in xmp
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "Katalog dobrych praktyk ekonomii społecznej" in texts[0]
    assert "Liczba praktyk: 60" in texts[0]
    toc_pages = [i for i, t in enumerate(texts) if "Spis treści" in t]
    assert toc_pages
    assert toc_pages[0] == 1
    # The table of contents ends on the first page that lists the last practice (the index
    # by powiat at the end lists it again).
    last_toc = min(i for i, t in enumerate(texts) if "Praktyka 059 spółdzielni — s." in t)
    toc = " ".join(texts[1 : last_toc + 1])
    for n in range(60):
        title = f"Praktyka {n:03d} spółdzielni"
        match = re.search(re.escape(title) + r" — s\. (\d+)", toc)
        assert match, title
        printed_page = int(match.group(1))
        starts = next(i for i, t in enumerate(texts) if i > last_toc and title in t)
        assert printed_page == starts + 1, (title, printed_page, starts + 1)
    assert "Praktyka z innego roku" not in " ".join(texts)
    assert "Praktyka w przygotowaniu" not in " ".join(texts)
    # The index by powiat, with page numbers too.
    index = " ".join(t for t in texts if "Indeks według powiatów" in t)
    assert "Powiat kielecki" in index
    assert "Powiat pińczowski" in index
    # Every photo is embedded (besides the QR code of the footer).
    assert len(_image_xobjects(reader)) >= 60 + 1
    # The edition verifies: by its code and by its file.
    assert document.is_public
    by_code = document_verify_code(code=document.code_display)
    assert by_code is not None
    assert by_code.document.pk == document.pk
    document.file.seek(0)
    by_file = document_verify_file(stream=document.file)
    assert by_file is not None
    assert by_file.document.pk == document.pk


def test_a_new_version_when_practices_are_added():
    published_practice(title="Pierwsza", approved_at=_in(2026))
    first = edition_issue(year=2026)
    assert first.version == 1
    assert editions_refresh() == 0  # in step: nothing issued
    published_practice(title="Druga", approved_at=_in(2026, 5))
    assert editions_refresh() == 1
    versions = sorted(
        Document.objects.filter(kind=CATALOGUE_EDITION).values_list("version", flat=True)
    )
    assert versions == [1, 2]
    assert len(CatalogueEdition.objects.get(year=2026).practice_ids) == 2
    assert editions_refresh() == 0


def test_the_coordinator_issues_the_edition_others_get_404(client, coordinator, advisor):
    published_practice(title="Pierwsza", approved_at=_in(2026))
    url = reverse("casework:practice-edition-issue")
    client.force_login(advisor)
    assert client.post(url, {"year": "2026"}).status_code == 404
    assert not Document.objects.filter(kind=CATALOGUE_EDITION).exists()
    client.force_login(coordinator)
    response = client.post(url, {"year": "2026"})
    document = Document.objects.get(kind=CATALOGUE_EDITION)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[document.pk])
    bad = client.post(url, {"year": "dwa tysiące"}, follow=True)
    assert bad.status_code == 200
    assert [str(m) for m in bad.context["messages"]]
    assert Document.objects.filter(kind=CATALOGUE_EDITION).count() == 1


def test_the_card_is_issued_at_publication_and_verifies(
    practice_published,
):
    document = Document.objects.get(kind=PRACTICE_CARD)
    assert document.is_public
    document, reader = _render(document)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Karta dobrej praktyki" in text
    assert "Stołówka prowadzona przez spółdzielnię" in text
    # No contact without consent, no scores.
    assert "Anna Nowak" not in text
    assert "Uzasadnienie" not in text
    assert document_verify_code(code=document.code_display).document.pk == document.pk


def test_the_tick_refreshes_the_editions():
    from workflows.scheduling import registered_checks

    assert registered_checks()["practice.catalogue_editions"] is editions_refresh


def test_publication_refreshes_the_catalogues_index(in_review, advisor, committee_member):
    from casework.kinds.practice.models import GoodPractice
    from tests.catalogue.conftest import run, score_all

    case = in_review
    # The organisation is renamed after the text was last saved.
    organisation = case.requesting_organisation
    organisation.name = "Stowarzyszenie Zielony Dąbrowiec"
    organisation.save()
    assert "dabrowiec" not in GoodPractice.objects.get(pk=case.pk).search_folded
    score_all(case, advisor, 4)
    run(case, "submit_for_approval", advisor)
    case.refresh_from_db()
    run(case, "approve", committee_member, version=case.practice.current_version.sha256)
    assert " dabrowiec " in GoodPractice.objects.get(pk=case.pk).search_folded


@pytest.mark.parametrize(
    "who", ["anonymous", "advisor", "municipality_user", "committee_member", "coordinator"]
)
def test_the_page_offers_issuing_an_edition_exactly_to_whom_the_view_accepts(client, request, who):
    """One rule (``services.may_issue_edition``) for the catalogue page's form and the view."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = reverse("casework:practice-edition-issue")
    offered = url in client.get(reverse("portal:catalogue")).content.decode()
    client.post(url, {"year": "2026"})  # anonymous: to the sign-in page; others refused: 404
    accepted = Document.objects.filter(kind=CATALOGUE_EDITION).exists()
    assert offered == accepted == (who == "coordinator")
