# ruff: noqa: RUF001 (the clauses are Polish legal text, with en dashes)
"""Draft clauses (issue 14, must-hold 7): each clause type inserted from its template reaches
the opinion PDF with its legal basis; a template edited later changes no issued opinion;
the coordinator alone edits templates; the suggestion rules; the download's file name."""

import re

import pytest
from django.urls import reverse

from casework.kinds.advisory.clauses import (
    TEMPLATE_CLAUSE_TYPES,
    art361_cpv,
    current_templates,
    suggest_clause_types,
    template_save,
)
from casework.kinds.advisory.documents import build_opinion_context, format_pln
from casework.kinds.advisory.models import ClauseTemplate, OpinionVersion
from documents.models import Document, Notice
from documents.rendering import verify_url
from documents.services import document_render, document_request
from tests.documents.conftest import pdf_text

from .helpers import SCHOOL_CATERING, apply, complete_intake, new_request, write_opinion

pytestmark = pytest.mark.django_db

CATERING_TITLE = "Dostarczanie posiłków do szkół podstawowych gminy w latach 2026-2027"
CARE = {
    **SCHOOL_CATERING,
    "contract_title": "Usługi opiekuńcze w miejscu zamieszkania dla mieszkańców gminy",
    "contract_description": "Usługi opiekuńcze dla ok. 40 osób, 6 godzin dziennie.",
    "cpv_main": "85312000-9",
    "cpv_additional": "",
    "estimated_value_net": "1450000",
    "duration_months": "24",
    "lots_count": "2",
    "lots_description": "Część 1: Zagnańsk; część 2: Kajetanów.",
    "clause_types": ["art361"],
    "target_groups": [],
    "people_to_employ": "",
}

#: Per clause type: the request, then the title, legal basis and text the PDF must contain.
EXPECTED = {
    "art94": (
        {**SCHOOL_CATERING, "clause_types": ["art94"]},
        "Zamówienie zastrzeżone (art. 94 Pzp)",
        "art. 94 ust. 1 i 2 ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych",
        "Na podstawie art. 94 ust. 1 ustawy z dnia 11 września 2019 r. – Prawo zamówień "
        "publicznych zamawiający zastrzega, że o udzielenie zamówienia „Dostarczanie posiłków do "
        "szkół podstawowych gminy w latach 2026-2027” mogą ubiegać się wyłącznie wykonawcy "
        "mający status zakładu pracy chronionej, spółdzielnie socjalne oraz inni wykonawcy, "
        "których głównym celem lub głównym celem działalności ich wyodrębnionych organizacyjnie "
        "jednostek, które będą realizowały zamówienie, jest społeczna i zawodowa integracja osób "
        "społecznie marginalizowanych, w szczególności: osoby bezrobotne; osoby z "
        "niepełnosprawnościami. Zgodnie z art. 94 ust. 2 Pzp procentowy wskaźnik zatrudnienia "
        "osób należących do jednej lub więcej kategorii, o których mowa w art. 94 ust. 1 Pzp, "
        "nie może być mniejszy niż 30% osób zatrudnionych przez wykonawcę albo jego jednostkę, "
        "która będzie realizowała zamówienie.",
    ),
    "art95": (
        {**SCHOOL_CATERING, "clause_types": ["art95"]},
        "Wymóg zatrudnienia na podstawie umowy o pracę (art. 95 Pzp)",
        "art. 95 ust. 1 i 2 ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych w "
        "związku z art. 22 § 1 ustawy z dnia 26 czerwca 1974 r. – Kodeks pracy",
        "Na podstawie art. 95 ust. 1 ustawy z dnia 11 września 2019 r. – Prawo zamówień "
        "publicznych zamawiający wymaga zatrudnienia przez wykonawcę lub podwykonawcę na "
        "podstawie stosunku pracy osób wykonujących przy realizacji zamówienia „Dostarczanie "
        "posiłków do szkół podstawowych gminy w latach 2026-2027” następujące czynności: "
        "[wskazać czynności], jeżeli wykonanie tych czynności polega na wykonywaniu pracy w "
        "sposób określony w art. 22 § 1 Kodeksu pracy.",
    ),
    "art96": (
        {**SCHOOL_CATERING, "clause_types": ["art96"]},
        "Zatrudnienie osób z grup zagrożonych wykluczeniem jako wymaganie związane z realizacją "
        "zamówienia (art. 96 ust. 2 pkt 2 Pzp)",
        "art. 96 ust. 1, ust. 2 pkt 2 i ust. 3 ustawy z dnia 11 września 2019 r. – Prawo "
        "zamówień publicznych",
        "Na podstawie art. 96 ust. 2 pkt 2 ustawy z dnia 11 września 2019 r. – Prawo zamówień "
        "publicznych zamawiający wymaga, aby wykonawca przy realizacji zamówienia „Dostarczanie "
        "posiłków do szkół podstawowych gminy w latach 2026-2027” zatrudnił przez cały okres "
        "jego realizacji (20 mies.) 2 osoby przy wydawaniu posiłków spośród osób należących do "
        "następujących grup: osoby bezrobotne; osoby z niepełnosprawnościami.",
    ),
    "art242": (
        {**SCHOOL_CATERING, "clause_types": ["art242"]},
        "Aspekty społeczne jako kryterium oceny ofert (art. 242 ust. 2 pkt 2 Pzp)",
        "art. 242 ust. 2 pkt 2 ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych",
        "W kryterium ocenia się zadeklarowaną w ofercie liczbę osób z następujących grup: osoby "
        "bezrobotne; osoby z niepełnosprawnościami, które wykonawca zatrudni na podstawie umowy o "
        "pracę przy realizacji zamówienia „Dostarczanie posiłków do szkół podstawowych gminy w "
        "latach 2026-2027” przez cały okres jego realizacji: – 0 osób – 0 pkt, – 1 osoba – 10 "
        "pkt, – 2 osoby i więcej – 20 pkt.",
    ),
    "art361": (
        CARE,
        "Zamówienie na usługi społeczne zastrzeżone (art. 361 Pzp)",
        "art. 361 ustawy z dnia 11 września 2019 r. – Prawo zamówień publicznych",
        "Na podstawie art. 361 ust. 1 ustawy z dnia 11 września 2019 r. – Prawo zamówień "
        "publicznych zamawiający zastrzega, że o udzielenie zamówienia „Usługi opiekuńcze w "
        "miejscu zamieszkania dla mieszkańców gminy” mogą ubiegać się wyłącznie wykonawcy, "
        "którzy spełniają łącznie następujące warunki: 1) celem ich działalności jest realizacja "
        "zadań w zakresie użyteczności publicznej związanych ze świadczeniem usług zdrowotnych, "
        "społecznych lub kulturalnych objętych zamówieniem; 2) zyski są reinwestowane w celu "
        "osiągnięcia celu ich działalności, a w przypadku podziału lub redystrybucji zysków "
        "podział ten lub redystrybucja opierają się na zasadzie partycypacji; 3) struktura "
        "zarządzania lub własności wykonawcy opiera się na zasadzie własności pracowniczej lub "
        "partycypacji albo wymaga aktywnego uczestnictwa pracowników, użytkowników lub "
        "zainteresowanych stron; 4) w ciągu ostatnich 3 lat zamawiający nie udzielił im "
        "zamówienia na podstawie art. 361 Pzp. Umowa zostanie zawarta na okres 24 mies., nie "
        "dłuższy niż 3 lata.",
    ),
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def words(text: str) -> str:
    return " ".join(text.split())


def body_text(document, content: bytes) -> str:
    """The PDF's words without the letterhead and footer repeated on every page (dates kept:
    the clauses cite "ustawy z dnia 11 września 2019 r.")."""
    url = "\n?".join(re.escape(c) for c in verify_url(document.code_display))
    text = re.sub(url, "<VERIFY_URL>", pdf_text(content))
    text = text.replace("\xa0 ", " ").replace("\xa0", " ")
    text = re.sub(
        r"Regionalny program rozwoju ekonomii społecznej\n.*?<VERIFY_URL>\n?", "", text, flags=re.S
    )
    return words(text)


def insert(client, case, advisor, *clause_types, text=""):
    client.force_login(advisor)
    return client.post(
        reverse("casework:opinion-save", args=[case.pk]),
        {
            "text": text,
            "recommendations": "",
            "legal_references": "",
            "insert": "1",
            "insert_clause_types": list(clause_types),
        },
    )


def published(case, advisor, member):
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    case = apply(case, "approve", member, version=case.advisory.current_version.sha256)
    return apply(case, "publish", advisor)


def rendered(case):
    document = Document.objects.get(
        kind="advisory_opinion", source_id=case.advisory.current_version.pk
    )
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "ready"
    with document.file.open("rb") as f:
        return document, f.read()


@pytest.mark.parametrize("clause_type", sorted(EXPECTED))
def test_each_clause_type_reaches_the_opinion_pdf_with_its_legal_basis(
    client, clause_type, clock, gmina, clerk, advisor, member2
):
    data, title, basis, text = EXPECTED[clause_type]
    case = new_request(gmina, clerk, intake=complete_intake(data=data))
    case = apply(apply(case, "submit", clerk), "accept", advisor)
    assert insert(client, case, advisor, clause_type).status_code == 302
    case.advisory.refresh_from_db()
    assert [c["clause_type"] for c in case.advisory.opinion_clauses] == [clause_type]
    case = published(case, advisor, member2)
    document, content = rendered(case)
    body = body_text(document, content)
    assert "Załącznik. Klauzule do dokumentów zamówienia" in body
    assert f"1. {words(title)} Podstawa prawna: {words(basis)}" in body
    assert words(text) in body


def test_the_pdf_gives_value_procedure_lots_and_publication(
    client, clock, gmina, clerk, advisor, member2
):
    case = new_request(gmina, clerk, intake=complete_intake(data=CARE))
    case = apply(apply(case, "submit", clerk), "accept", advisor)
    case = published(case, advisor, member2)
    document, content = rendered(case)
    body = body_text(document, content)
    assert "Szacunkowa wartość zamówienia (netto) 1 450 000,00 zł" in body
    assert "Tryb udzielenia zamówienia tryb podstawowy" in body
    assert "Liczba części 2 Część 1: Zagnańsk; część 2: Kajetanów." in body
    assert "Planowana publikacja ogłoszenia 15 kwietnia 2026" in body
    # No clause was inserted: the opinion has no annex.
    assert "Klauzule do dokumentów zamówienia" not in body


def test_polish_money_format():
    assert format_pln("1450000") == "1\u00a0450\u00a0000,00\u00a0zł"
    assert format_pln("640000.5") == "640\u00a0000,50\u00a0zł"
    assert format_pln("999") == "999,00\u00a0zł"
    assert format_pln("0") == "0,00\u00a0zł"


def test_a_changed_template_changes_no_issued_opinion(
    client, clock, gmina, clerk, advisor, member2, coordinator
):
    case = new_request(gmina, clerk)
    case = apply(apply(case, "submit", clerk), "accept", advisor)
    insert(client, case, advisor, "art96")
    case = published(case, advisor, member2)
    version = case.advisory.current_version
    issued_text = version.clauses[0]["text"]
    assert issued_text.startswith("Na podstawie art. 96 ust. 2 pkt 2")
    template_save(
        clause_type="art96",
        title="Nowy tytuł",
        legal_basis="art. 96 ust. 2 pkt 2 Pzp (zmieniona)",
        text="Zupełnie nowa treść klauzuli dla {przedmiot}.",
        actor=coordinator,
    )
    assert current_templates()["art96"].version == 2
    version = OpinionVersion.objects.get(pk=version.pk)
    assert version.clauses[0]["text"] == issued_text
    assert version.clauses[0]["template_version"] == "1"
    assert version.fingerprint_matches()
    context = build_opinion_context(version)
    assert context["clauses_issued"][0]["text"] == issued_text
    document, content = rendered(case)
    body = body_text(document, content)
    assert words(issued_text) in body
    assert "Zupełnie nowa treść" not in body
    # The case page after publication shows the issued text, not the template's new one.
    client.force_login(clerk)
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert 'class="clause-text" id="issued-clause-text-1" lang="pl">Na podstawie art. 96' in page
    assert "Zupełnie nowa treść" not in page
    # A draft made after the edit takes the new version.
    other = new_request(gmina, clerk, title="Druga sprawa")
    other = apply(apply(other, "submit", clerk), "accept", advisor)
    insert(client, other, advisor, "art96")
    other.advisory.refresh_from_db()
    assert other.advisory.opinion_clauses[0]["text"] == (
        f"Zupełnie nowa treść klauzuli dla {CATERING_TITLE}."
    )


def test_the_advisor_edits_and_removes_inserted_clauses(client, clock, gmina, clerk, advisor):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    assert insert(client, case, advisor, "art95", "art96").status_code == 302
    case.advisory.refresh_from_db()
    first, second = case.advisory.opinion_clauses
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert 'name="clause-0-text"' in page
    response = client.post(
        reverse("casework:opinion-save", args=[case.pk]),
        {
            "text": "Opinia.",
            "recommendations": "",
            "legal_references": "",
            "clause-TOTAL_FORMS": "2",
            "clause-INITIAL_FORMS": "2",
            "clause-0-clause_type": "art95",
            "clause-0-template_version": "1",
            "clause-0-title": first["title"],
            "clause-0-legal_basis": first["legal_basis"],
            "clause-0-text": "Czynności: przygotowywanie i wydawanie posiłków.",
            "clause-1-clause_type": "art96",
            "clause-1-template_version": "1",
            "clause-1-title": second["title"],
            "clause-1-legal_basis": second["legal_basis"],
            "clause-1-text": second["text"],
            "clause-1-DELETE": "on",
        },
    )
    assert response.status_code == 302
    case.advisory.refresh_from_db()
    assert case.advisory.opinion_text == "Opinia."
    assert case.advisory.opinion_clauses == [
        {**first, "text": "Czynności: przygotowywanie i wydawanie posiłków."}
    ]
    # Inserting a type already in the draft adds nothing twice.
    insert(client, case, advisor, "art95")
    case.advisory.refresh_from_db()
    assert [c["clause_type"] for c in case.advisory.opinion_clauses] == ["art95"]


def test_a_forged_clause_type_is_refused_and_nothing_stored(client, clock, gmina, clerk, advisor):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    client.force_login(advisor)
    url = reverse("casework:opinion-save", args=[case.pk])
    data = {"text": "Opinia.", "recommendations": "", "legal_references": ""}
    assert (
        client.post(url, {**data, "insert": "1", "insert_clause_types": ["art9999"]}).status_code
        == 400
    )
    forged = {
        **data,
        "clause-TOTAL_FORMS": "1",
        "clause-INITIAL_FORMS": "0",
        "clause-0-clause_type": "x" * 40,
        "clause-0-title": "T",
        "clause-0-legal_basis": "B",
        "clause-0-text": "X",
    }
    assert client.post(url, forged).status_code == 400
    case.advisory.refresh_from_db()
    assert case.advisory.opinion_text == ""
    assert case.advisory.opinion_clauses == []


def test_only_the_assignee_inserts_clauses(
    client, clock, gmina, clerk, advisor, advisor2, coordinator
):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    for user in (advisor2, clerk, coordinator):
        assert insert(client, case, user, "art95").status_code == 403
    case.advisory.refresh_from_db()
    assert case.advisory.opinion_clauses == []
    client.logout()
    response = client.post(reverse("casework:opinion-save", args=[case.pk]), {"insert": "1"})
    assert response.status_code == 302
    assert "next=" in response["Location"]


# --- suggestions ---------------------------------------------------------------------------

SUGGESTIONS = [
    # (changes to the school catering request, the clause types suggested)
    ({}, ["art94", "art95", "art96", "art242"]),
    ({"contract_type": "supplies", "clause_types": []}, ["art94", "art96", "art242"]),
    (
        {"target_groups": [], "people_to_employ": "", "known_pes": "", "clause_types": []},
        ["art95"],
    ),
    ({"procedure_type": "single_source"}, ["art94", "art95", "art96"]),
    (
        {"cpv_main": "85312000-9", "cpv_additional": []},
        ["art94", "art95", "art96", "art242", "art361"],
    ),
    ({"cpv_main": "85312000-9", "duration_months": 48}, ["art94", "art95", "art96", "art242"]),
    ({"cpv_main": "85312000-9", "contract_type": "works"}, ["art94", "art95", "art96", "art242"]),
    (
        {"cpv_main": "92500000-6", "cpv_additional": []},
        ["art94", "art95", "art96", "art242", "art361"],
    ),
    (
        {"cpv_main": "45000000-7", "cpv_additional": ["80110000-8"]},
        ["art94", "art95", "art96", "art242", "art361"],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), SUGGESTIONS)
def test_suggested_clause_types(changes, expected):
    intake = {**complete_intake(), **changes}
    suggested = [s.clause_type for s in suggest_clause_types(intake) if s.suggested]
    assert suggested == expected


@pytest.mark.parametrize(
    ("code", "listed"),
    [
        ("85000000-9", True),
        ("85312000-9", True),
        ("85323000-9", True),
        ("85330000-0", False),
        ("80110000-8", True),
        ("80100000-5", False),
        ("55524000-9", False),
        ("98133110-8", True),
        ("garbage", False),
    ],
)
def test_art361_cpv_list(code, listed):
    assert art361_cpv(code) is listed


def test_the_seeded_templates_cite_their_articles():
    templates = current_templates()
    assert sorted(templates) == sorted(TEMPLATE_CLAUSE_TYPES)
    for clause_type, article in (
        ("art94", "art. 94"),
        ("art95", "art. 95"),
        ("art96", "ust. 2 pkt 2"),
        ("art242", "art. 242 ust. 2 pkt 2"),
        ("art361", "art. 361"),
    ):
        template = templates[clause_type]
        assert template.version == 1
        assert article in template.legal_basis
        assert "Prawo zamówień publicznych" in template.legal_basis
        assert f"Na podstawie {article}" in template.text or article in template.text


# --- the coordinator's template pages ---------------------------------------------------------


def test_only_the_coordinator_sees_and_edits_templates(
    client, coordinator, advisor, committee_member, municipality_user, organisation_user
):
    listing = reverse("casework:clause-templates")
    edit = reverse("casework:clause-template-edit", args=["art95"])
    data = {"title": "Tytuł", "legal_basis": "art. 95 Pzp", "text": "Treść."}
    response = client.get(listing)
    assert response.status_code == 302
    assert client.post(edit, data).status_code == 302
    for user in (advisor, committee_member, municipality_user, organisation_user):
        client.force_login(user)
        assert client.get(listing).status_code == 404
        assert client.get(edit).status_code == 404
        assert client.post(edit, data).status_code == 404
    assert ClauseTemplate.objects.filter(clause_type="art95").count() == 1
    client.force_login(coordinator)
    page = client.get(listing)
    assert page.status_code == 200
    assert (
        'lang="pl">Wymóg zatrudnienia na podstawie umowy o pracę (art. 95 Pzp)'
        in page.content.decode()
    )
    assert client.get(edit).status_code == 200
    assert client.get(reverse("casework:clause-template-edit", args=["art100"])).status_code == 404
    assert client.get(reverse("casework:clause-template-edit", args=["x" * 60])).status_code == 404
    assert client.post(edit, {**data, "text": ""}).status_code == 400
    assert ClauseTemplate.objects.filter(clause_type="art95").count() == 1
    assert client.post(edit, data).status_code == 302
    versions = list(ClauseTemplate.objects.filter(clause_type="art95").order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].text.startswith("Na podstawie art. 95 ust. 1")
    assert (versions[1].text, versions[1].created_by) == ("Treść.", coordinator)


# --- the download's file name ---------------------------------------------------------------


def test_the_opinion_downloads_named_after_the_case_number(
    client, clock, gmina, clerk, advisor, member2
):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    case = published(case, advisor, member2)
    document, _content = rendered(case)
    assert case.number == "DOR/2026/0001"
    assert document.download_name == "opinia-DOR-2026-0001-v1.pdf"
    client.force_login(clerk)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert 'filename="opinia-DOR-2026-0001-v1.pdf"' in response["Content-Disposition"]


def test_the_frozen_clauses_are_fingerprinted(client, clock, gmina, clerk, advisor):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    insert(client, case, advisor, "art95")
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    version = case.advisory.current_version
    assert version.clauses[0]["clause_type"] == "art95"
    assert version.fingerprint_matches()
    without = OpinionVersion.fingerprint_of({**version.content(), "clauses": []})
    assert without != version.sha256
    # A version with no clauses keeps the fingerprint it had before clauses existed.
    assert without == OpinionVersion.fingerprint_of(
        {k: v for k, v in version.content().items() if k != "clauses"}
    )
    OpinionVersion.objects.filter(pk=version.pk).update(
        clauses=[{**version.clauses[0], "text": "Podmieniona treść."}]
    )
    version.refresh_from_db()
    assert not version.fingerprint_matches()


def test_english_pages_mark_the_polish_clause_texts(client, clock, gmina, clerk, advisor, member2):
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    insert(client, case, advisor, "art96")
    case = published(case, advisor, member2)
    client.force_login(clerk)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("casework:case-detail", args=[case.pk])).content.decode()
    assert "Clauses for the tender documents" in page
    assert '<h3 id="issued-clause-1" lang="pl">Zatrudnienie osób z grup' in page
    assert 'Legal basis: <span lang="pl">art. 96 ust. 1, ust. 2 pkt 2 i ust. 3' in page
    assert '<pre class="clause-text" id="issued-clause-text-1" lang="pl">Na podstawie' in page


def test_the_public_version_and_other_kinds_name_their_files(
    client, clock, gmina, clerk, advisor, member2, coordinator
):
    case = new_request(gmina, clerk, consent=True)
    case = apply(apply(case, "submit", clerk), "accept", advisor)
    case = published(case, advisor, member2)
    apply(case, "publish_public", coordinator)
    public = Document.objects.get(kind="advisory_opinion_public")
    assert public.download_name == "opinia-publiczna-DOR-2026-0001-v1.pdf"
    # A kind that gives no file prefix keeps the register's name.
    notice = Notice.objects.create(title="Komunikat", created_by=clerk)
    document = document_request(kind="notice", source=notice, actor=None, public=True)
    assert document.download_name == f"notice-{document.pk:06d}-v1.pdf"


def test_an_emptied_template_table_is_seeded_again(client, clock, gmina, clerk, advisor):
    ClauseTemplate.objects.all().delete()  # as ``flush`` leaves it after the migrations ran
    case = apply(apply(new_request(gmina, clerk), "submit", clerk), "accept", advisor)
    assert insert(client, case, advisor, "art95").status_code == 302
    case.advisory.refresh_from_db()
    assert case.advisory.opinion_clauses[0]["text"].startswith(
        "Na podstawie art. 95 ust. 1 ustawy z dnia 11 września 2019 r."
    )
    assert sorted(ClauseTemplate.objects.values_list("clause_type", "version")) == sorted(
        (t, 1) for t in TEMPLATE_CLAUSE_TYPES
    )
