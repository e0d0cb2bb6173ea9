"""The opinion PDF: PDF/A-3b, tagged, fonts embedded, and exactly the expected text."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from documents.models import Document
from documents.rendering import verify_url
from documents.services import document_render
from tests.documents.conftest import pdf_text

from .helpers import apply, new_request, write_opinion

pytestmark = pytest.mark.django_db

#: The opinion's text as pypdf extracts it, line by line, with what changes from run to run
#: (numbers, the verification code and link, dates) replaced by placeholders.
EXPECTED_TEXT = """\
Wydający Regionalny Ośrodek Polityki Społecznej
Znak sprawy <CASE>
Numer dokumentu <DOCUMENT>
Data wpływu
wniosku <DATE> r.
Data wydania <DATE> r.
Gmina Zagnańsk
ul. Spacerowa 8
26-050 Zagnańsk
Opinia doradcza
Dotyczy: Klauzule społeczne w przetargu na dożywianie uczniów
Obszar doradztwa: klauzule społeczne w zamówieniach publicznych
1. Stan faktyczny
Pytanie wnioskodawcy: Czy w przetargu na dożywianie uczniów możemy zastrzec wymóg
zatrudnienia osób bezrobotnych i jak sprawdzać jego spełnienie?
Przedmiot zamówienia Dostarczanie posiłków do szkół podstawowych
gminy w latach 2026-2027
Opis Przygotowanie i dowóz ok. 420 ciepłych
posiłków dziennie do czterech szkół
podstawowych, w dni nauki szkolnej, przez 20
miesięcy.
Szacunkowa wartość zamówienia (netto) 640 000,00 zł
Przedział wartości od 130 000 zł netto do progu unijnego:
procedura krajowa
Tryb udzielenia zamówienia tryb podstawowy
Liczba części 1 (zamówienie niepodzielone na części)
Planowana publikacja ogłoszenia <DATE> r.
Czas trwania 20 mies.
Rozważane klauzule wymóg zatrudnienia na podstawie umowy o
pracę (art. 95 Pzp); wymóg zatrudnienia osób z
grup wymienionych w ustawie (art. 96 ust. 2
pkt 2 Pzp)
Grupy docelowe osoby bezrobotne; osoby z
niepełnosprawnościami
Liczba lub udział osób 2 osoby przy wydawaniu posiłków
Regionalny program rozwoju ekonomii społecznej
Regionalny Ośrodek Polityki Społecznej
Sprawa: <CASE> · Dokument: <DOCUMENT>, wersja 1 · strona 1 z 2
Kod weryfikacyjny: <CODE>
Sprawdź autentyczność: <VERIFY_URL>

Kody CPV
Kod Nazwa Rodzaj
55524000-9 Usługi dostarczania posiłków
do szkół
główny
55520000-1 Usługi dostarczania posiłków dodatkowy
15894210-6 Posiłki szkolne dodatkowy
2. Opinia
Opinia: klauzula z art. 96 ust. 2 pkt 2 Pzp jest dopuszczalna.
3. Rekomendacje
Określić liczbę osób i sposób dokumentowania zatrudnienia.
4. Podstawa prawna
art. 96 ust. 2 pkt 2 Pzp; art. 2 pkt 5 UES
Opinia ma charakter doradczy i nie jest decyzją administracyjną w rozumieniu Kodeksu
postępowania administracyjnego.
Zatwierdzenie
Opinia w wersji 1 (skrót SHA-256:
9478667b5db9ef3c50dfcfb8a32e776c1647d343b46f002f78b91c6675de8db5) została
zatwierdzona dnia <DATE> r. przez: Dr Ewa Nowak-Świętosławska (w charakterze członka
organu: Regionalny Komitet Rozwoju Ekonomii Społecznej).
Regionalny program rozwoju ekonomii społecznej
Regionalny Ośrodek Polityki Społecznej
Sprawa: <CASE> · Dokument: <DOCUMENT>, wersja 1 · strona 2 z 2
Kod weryfikacyjny: <CODE>
Sprawdź autentyczność: <VERIFY_URL>
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def opinion(clock, gmina, clerk, advisor, member2):
    case = apply(new_request(gmina, clerk), "submit", clerk)
    case = apply(case, "accept", advisor)
    write_opinion(case, advisor)
    case = apply(case, "submit_for_approval", advisor)
    case = apply(case, "approve", member2, version=case.advisory.current_version.sha256)
    case = apply(case, "publish", advisor)
    document = Document.objects.get(kind="advisory_opinion")
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == "ready"
    with document.file.open("rb") as f:
        return case, document, f.read()


def masked_text(case, document, content: bytes) -> str:
    # The verification link is broken across lines where its code makes it too long.
    url = "\n?".join(re.escape(c) for c in verify_url(document.code_display))
    text = re.sub(url, "<VERIFY_URL>", pdf_text(content))
    for value, placeholder in (
        (document.code_display, "<CODE>"),
        (document.number, "<DOCUMENT>"),
        (case.number, "<CASE>"),
    ):
        text = text.replace(value, placeholder)
    # Amounts are grouped with non-breaking spaces ("640 000,00 zł"); compare them as spaces.
    text = text.replace("\xa0 ", " ").replace("\xa0", " ")
    text = re.sub(r"\b\d{1,2} \w+ 20\d\d\b", "<DATE>", text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def test_the_opinion_pdf_says_exactly_the_expected_text(opinion):
    case, document, content = opinion
    assert masked_text(case, document, content) == EXPECTED_TEXT


def test_the_opinion_pdf_is_tagged_pdfa_3b_with_embedded_fonts(opinion, tmp_path):
    _case, _document, content = opinion
    reader = PdfReader(io.BytesIO(content))
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    root = reader.trailer["/Root"]
    assert any(
        "sRGB" in str(intent.get_object()["/OutputConditionIdentifier"])
        for intent in root["/OutputIntents"]
    )
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert len(reader.trailer["/ID"]) == 2
    path = tmp_path / "opinion.pdf"
    path.write_bytes(content)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows, fonts.stdout
    for row in rows:
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row), row
