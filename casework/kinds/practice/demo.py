"""Demo good practices in three states (published, returned for changes, awaiting the
committee's approval), created through the services and transitions, so numbers, events,
scores, frozen versions and notifications are real. Idempotent: a practice whose title
already exists for its organisation is left alone.

Runs after ``directory.demo.load`` (it uses its organisations and people).
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.constants import Channel
from casework.models import Case
from directory.demo import email_of
from directory.models import Organisation, TerritorialUnit
from workflows import calendar
from workflows.services import transition_apply

from .models import ReviewCriterion
from .services import photo_add, practice_create, practice_score, practice_update

COMMON = {
    "contact_phone": "",
    "links": "",
    "period_end": None,
}

PRACTICES = [
    {
        "organisation": "Spółdzielnia Socjalna „Smaki Ponidzia”",
        "filed_by": "organizacja",
        "title": "Stołówka szkolna prowadzona przez spółdzielnię socjalną",
        "area": "reintegration",
        "gminas": ["2608043"],
        "partners": "Gmina Pińczów\nCentrum Integracji Społecznej w Starachowicach",
        "period_start": datetime.date(2024, 9, 1),
        "problem": (
            "Osoby długotrwale bezrobotne z Pińczowa nie miały stałej pracy, a szkoły "
            "podstawowe gminy kupowały posiłki od firmy spoza powiatu."
        ),
        "solution": (
            "Gmina zleciła przygotowanie posiłków w trybie zamówienia zastrzeżonego (art. 94 "
            "Pzp); spółdzielnia zatrudniła absolwentów CIS i prowadzi kuchnię w szkole."
        ),
        "results": "Stałe zatrudnienie, ciepłe posiłki przygotowywane na miejscu.",
        "figures": "8 osób zatrudnionych na umowę o pracę\n420 posiłków dziennie",
        "costs": "Wyposażenie kuchni: 85 000 zł; koszty bieżące pokrywa umowa z gminą.",
        "funding_sources": "Dotacja OWES na utworzenie miejsc pracy; budżet gminy.",
        "replication": (
            "Lokal kuchni w szkole, zamówienie zastrzeżone i współpraca z CIS przy naborze."
        ),
        "contact_name": "Barbara Jabłońska",
        "contact_email": "organizacja@demo.esflow.pl",
        "contact_consent": True,
        "steps": ["submit", "accept", "score", "submit_for_approval", "approve"],
        "score": 5,
    },
    {
        "organisation": "Spółdzielnia Socjalna „Smaki Ponidzia”",
        "filed_by": "organizacja",
        "title": "Sklep z produktami lokalnych wytwórców",
        "area": "science_ngo_business",
        "gminas": ["2608043"],
        "partners": "Koło Gospodyń Wiejskich w Skowronnie",
        "period_start": datetime.date(2025, 3, 1),
        "problem": "Lokalni wytwórcy nie mieli gdzie sprzedawać swoich produktów.",
        "solution": "Spółdzielnia prowadzi sklep i sprzedaż internetową produktów z regionu.",
        "results": "Sklep działa od wiosny 2025 r.",
        "figures": "",
        "costs": "",
        "funding_sources": "",
        "replication": "",
        "contact_name": "Barbara Jabłońska",
        "contact_email": "organizacja@demo.esflow.pl",
        "contact_consent": False,
        "steps": ["submit", "accept", "request_changes"],
        "feedback": (
            "Prosimy podać wyniki w liczbach (obroty, liczba wytwórców, zatrudnienie) oraz "
            "koszty i źródła finansowania."
        ),
    },
    {
        "organisation": "Centrum Integracji Społecznej w Starachowicach",
        "filed_by": "koordynator",
        "title": "Reintegracja zawodowa w partnerstwie z PUP",
        "area": "social_services",
        "gminas": ["2611011"],
        "partners": "Powiatowy Urząd Pracy w Starachowicach",
        "period_start": datetime.date(2023, 1, 1),
        "problem": "Uczestnicy CIS po zakończeniu zajęć wracali do bezrobocia.",
        "solution": (
            "Wspólne indywidualne plany z PUP, staże u pracodawców i zatrudnienie wspierane."
        ),
        "results": "Większość absolwentów podjęła pracę.",
        "figures": "64 absolwentów w latach 2023-2025\n41 osób zatrudnionych",
        "costs": "Koszty kadry CIS i staży.",
        "funding_sources": "Fundusz Pracy; budżet gminy.",
        "replication": "Porozumienie CIS z PUP i wspólny zespół do spraw planów.",
        "contact_name": "",
        "contact_email": "",
        "contact_consent": False,
        "channel": Channel.PAPER,
        "steps": ["submit", "accept", "score", "submit_for_approval"],
        "score": 4,
    },
]


PRACTICES += [
    {
        "organisation": "Centrum Integracji Społecznej w Starachowicach",
        "filed_by": "koordynator",
        "title": "Sprzątanie zieleni miejskiej przez uczestników CIS",
        "area": "social_services",
        "gminas": ["2611011"],
        "partners": "Urząd Miejski w Starachowicach",
        "period_start": datetime.date(2024, 4, 1),
        "problem": "Miasto zlecało utrzymanie zieleni firmom spoza regionu.",
        "solution": (
            "Uczestnicy CIS pielęgnują skwery i parki w ramach reintegracji zawodowej, "
            "a miasto zleca usługi w trybie klauzuli społecznej."
        ),
        "results": "Nowe umiejętności uczestników i zadbana zieleń osiedli.",
        "figures": "12 uczestników\n9 ha terenów zielonych",
        "costs": "Sprzęt ogrodniczy: 40 000 zł.",
        "funding_sources": "Budżet miasta; Fundusz Pracy.",
        "replication": "Porozumienie z gminą i brygadzista z doświadczeniem ogrodniczym.",
        "contact_name": "",
        "contact_email": "",
        "contact_consent": False,
        "channel": Channel.PAPER,
        "steps": ["submit", "accept", "score", "submit_for_approval", "approve"],
        "score": 4,
        "photos": ["Uczestnicy CIS sadzą krzewy na skwerze"],
    },
    {
        "organisation": "Spółdzielnia Socjalna „Smaki Ponidzia”",
        "filed_by": "organizacja",
        "title": "Catering dla seniorów w Pińczowie",
        "area": "reintegration",
        "gminas": ["2608043"],
        "partners": "Miejsko-Gminny Ośrodek Pomocy Społecznej w Pińczowie",
        "period_start": datetime.date(2025, 1, 1),
        "problem": "Samotni seniorzy nie mieli dostępu do ciepłych posiłków.",
        "solution": "Spółdzielnia przygotowuje i dowozi obiady zamawiane przez ośrodek pomocy.",
        "results": "Codzienne posiłki dla seniorów i dwa nowe miejsca pracy.",
        "figures": "60 obiadów dziennie\n2 osoby zatrudnione",
        "costs": "Samochód dostawczy w leasingu.",
        "funding_sources": "Umowa z MGOPS.",
        "replication": "Kuchnia z zapleczem, umowa z ośrodkiem pomocy społecznej.",
        "contact_name": "Barbara Jabłońska",
        "contact_email": "organizacja@demo.esflow.pl",
        "contact_consent": True,
        "steps": ["submit", "accept", "score", "submit_for_approval", "approve"],
        "score": 5,
        "photos": ["Obiady pakowane do dowozu dla seniorów"],
    },
]
PRACTICES[0]["photos"] = ["Kucharki spółdzielni wydają obiad w stołówce szkolnej"]


def _demo_photo(colour) -> SimpleUploadedFile:
    """A plain picture made on the spot (the demo ships no photo files)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 420), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 640, 40):
        draw.rectangle([i, 300 - i // 4, i + 30, 420], fill=(255 - colour[0], 200, colour[2]))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def _user(login):
    return get_user_model().objects.get(email=email_of(login))


def _run(case, name, actor, **data):
    case.refresh_from_db()
    return transition_apply(
        case=case, name=name, actor=actor, expected_status=case.status, data=data
    )


def load(*, stdout) -> None:
    advisor = _user("doradca.rops")
    member = _user("komitet.czlonek")
    made = 0
    for spec in PRACTICES:
        spec = {**COMMON, **spec}
        organisation = Organisation.objects.get(name=spec["organisation"])
        if Case.objects.filter(title=spec["title"], requesting_organisation=organisation).exists():
            continue
        filer = _user(spec["filed_by"])
        channel = spec.get("channel", Channel.ONLINE)
        case = practice_create(
            requesting_organisation=organisation,
            title=spec["title"],
            area=spec["area"],
            filed_by=filer,
            channel=channel,
            date_received=calendar.today() if channel != Channel.ONLINE else None,
        )
        text = {
            key: spec[key]
            for key in (
                "partners", "area", "period_start", "period_end", "problem", "solution",
                "results", "figures", "costs", "funding_sources", "replication", "links",
                "contact_name", "contact_email", "contact_phone", "contact_consent",
            )
        }  # fmt: skip
        practice_update(
            case=case,
            actor=filer,
            title=spec["title"],
            gminas=TerritorialUnit.objects.filter(code__in=spec["gminas"]),
            **text,
        )
        for n, alt_text in enumerate(spec.get("photos", [])):
            photo_add(
                practice=case.practice,
                file=_demo_photo(((60 + 70 * n) % 256, 120, 90)),
                alt_text=alt_text,
                author="Archiwum organizacji",
                licence="cc-by-4.0",
                actor=filer,
            )
        for step in spec["steps"]:
            if step == "submit":
                _run(case, "submit", filer)
            elif step == "accept":
                _run(case, "accept", advisor)
            elif step == "score":
                scores = {
                    c.pk: (spec["score"], f"{c.name}: ocena uzasadniona opisem praktyki.")
                    for c in ReviewCriterion.objects.filter(is_active=True)
                }
                case.refresh_from_db()
                practice_score(case=case, actor=advisor, scores=scores)
            elif step == "request_changes":
                _run(case, "request_changes", advisor, reason=spec["feedback"])
            elif step == "submit_for_approval":
                _run(case, "submit_for_approval", advisor)
            elif step == "approve":
                case.refresh_from_db()
                version = case.practice.current_version
                _run(case, "approve", member, version=version.sha256)
        made += 1
    stdout.write(f"Good practices: {made} created.\n")
