"""Demo advisory requests in every state, created through the services and transitions so
that numbers, events, deadlines and notifications are real. Idempotent: a request whose title
already exists for its gmina is left alone.

Runs after ``directory.demo.load`` (it uses its organisations and people).
"""

from django.contrib.auth import get_user_model

from casework.models import Case
from directory.demo import email_of
from directory.models import Organisation
from workflows.services import transition_apply

from .clauses import suggest_clause_types
from .intake.constants import Topic
from .intake.topics import MODE_DRAFT, intake_form, requester_initial
from .services import advisory_create, opinion_edit

SCHOOL_CATERING = {
    "requester_teryt": "2604092",
    "contact_name": "Tomasz Kowalczyk",
    "contact_email": "urzednik.maslow@demo.esflow.pl",
    "contact_phone": "+48 41 311 00 00",
    "question": (
        "Planujemy przetarg na dowóz posiłków do czterech szkół podstawowych. Czy możemy "
        "wymagać zatrudnienia osób bezrobotnych lub z niepełnosprawnościami przy realizacji "
        "zamówienia i jak weryfikować spełnienie tego wymogu?"
    ),
    "contract_title": (
        "Dostarczanie posiłków do szkół podstawowych Gminy Masłów w roku szkolnym 2026/2027"
    ),
    "contract_description": (
        "Przygotowanie i dowóz ok. 420 ciepłych posiłków dziennie (zupa i drugie danie) do "
        "szkół w Masłowie Pierwszym, Mąchocicach, Wiśniówce i Domaszowicach, w dni nauki."
    ),
    "contract_type": "services",
    "cpv_main": "55524000-9",
    "cpv_additional": "55520000-1, 15894210-6",
    "social_service": "yes",
    "estimated_value_net": "640 000,00",
    "procedure_type": "basic",
    "lots_count": "1",
    "duration_months": "10",
    "planned_publication": "2026-05-15",
    "eu_cofinanced": "no",
    "clause_types": ["art95", "art96"],
    "target_groups": ["unemployed", "disabled"],
    "people_to_employ": "co najmniej 2 osoby przy przygotowaniu i wydawaniu posiłków",
    "verification_sanctions": (
        "Oświadczenie wykonawcy i zanonimizowane kopie umów o pracę co kwartał; kara umowna "
        "1000 zł za każdy miesiąc niespełnienia wymogu."
    ),
    "known_pes": "Spółdzielnia Socjalna „Smaki Ponidzia” (Pińczów)",
    "requested_date": "2026-04-30",
}

LOCAL_PLAN = {
    "requester_teryt": "2601022",
    "contact_name": "Agnieszka Mazur",
    "contact_email": "urzednik.gnojno@demo.esflow.pl",
    "question": (
        "Przygotowujemy gminny plan rozwoju ekonomii społecznej na lata 2026-2030. Prosimy "
        "o ocenę diagnozy i katalogu działań, zwłaszcza utworzenia spółdzielni socjalnej osób "
        "prawnych z sąsiednią gminą."
    ),
    "strategy_documents": ["development_strategy", "social_problems_strategy"],
    "stage": "drafting",
    "sections_for_review": ["diagnosis", "actions", "indicators"],
    "adoption_deadline": "2026-09-30",
}

OPINION = (
    "Gmina może w tym zamówieniu określić wymóg zatrudnienia na podstawie umowy o pracę "
    "osób wykonujących czynności przygotowania i wydawania posiłków (art. 95 Pzp) oraz "
    "wymóg zatrudnienia osób bezrobotnych lub osób z niepełnosprawnościami (art. 96 ust. 2 "
    "pkt 2 Pzp). Usługi dostarczania posiłków do szkół (CPV 55524000-9) należą do usług "
    "społecznych z załącznika XIV dyrektywy 2014/24/UE, co otwiera także drogę do "
    "zastrzeżenia zamówienia na podstawie art. 361 Pzp."
)
RECOMMENDATIONS = (
    "1. Wskazać w SWZ liczbę osób (co najmniej 2) i okres ich zatrudnienia.\n"
    "2. Określić sposób dokumentowania: oświadczenie i zanonimizowane kopie umów co kwartał.\n"
    "3. Kara umowna proporcjonalna do liczby miesięcy niespełnienia wymogu."
)
LEGAL = "art. 95, art. 96 ust. 2 pkt 2, art. 361 Pzp; art. 2 pkt 5 ustawy o ekonomii społecznej"

#: (title suffix, topic, gmina login, steps) — steps walk the request to its state.
SCENARIOS = [
    ("szkic", "draft"),
    ("złożony", "submitted"),
    ("w ocenie", "in_review"),
    ("oczekuje na informacje", "awaiting_info"),
    ("do zatwierdzenia", "in_approval"),
    ("zatwierdzony", "approved"),
    ("opublikowany", "published"),
    ("odrzucony", "rejected"),
    ("wycofany", "withdrawn"),
]


def _user(login):
    return get_user_model().objects.get(email=email_of(login))


def _intake(topic, data):
    form = intake_form(topic, data=data, mode=MODE_DRAFT)
    if not form.is_valid():  # pragma: no cover - the demo data is fixed
        raise ValueError(form.errors.as_text())
    return form.to_json()


def _walk(case, target, *, clerk, advisor, coordinator, member):
    def go(name, actor, **data):
        nonlocal case
        case = transition_apply(
            case=case, expected_status=case.status, name=name, actor=actor, data=data
        )

    if target == "draft":
        return case
    go("submit", clerk)
    if target == "submitted":
        return case
    if target == "rejected":
        go("decline", coordinator, reason="Wniosek dotyczy zamówienia już rozstrzygniętego.")
        return case
    go("accept", coordinator, assignee=str(advisor.pk))
    if target == "withdrawn":
        go("withdraw", clerk, reason="Gmina zrezygnowała z tego zamówienia.")
        return case
    if target == "in_review":
        return case
    go("request_info", advisor, question="Prosimy o projekt opisu przedmiotu zamówienia.")
    if target == "awaiting_info":
        return case
    go("provide_info", clerk, answer="Projekt OPZ przesyłamy w załączeniu do wiadomości.")
    # The advisor inserts the clause drafts the request suggests (social clauses only).
    intake = case.advisory.intake or {}
    suggested = (
        [s.clause_type for s in suggest_clause_types(intake) if s.suggested]
        if case.advisory.topic == Topic.SOCIAL_CLAUSES
        else []
    )
    opinion_edit(
        case=case,
        actor=advisor,
        text=OPINION,
        recommendations=RECOMMENDATIONS,
        legal_references=LEGAL,
        insert_clause_types=suggested,
    )
    go("submit_for_approval", advisor)
    if target == "in_approval":
        return case
    if target == "rejected_by_committee":
        go("reject", member, reason="Opinia wykracza poza zakres pytania wnioskodawcy.")
        return case
    case.refresh_from_db()
    go("approve", member, version=case.advisory.current_version.sha256)
    if target == "approved":
        return case
    go("publish", advisor)
    return case


def load(*, stdout) -> None:
    maslow = Organisation.objects.get(name="Urząd Gminy Masłów")
    gnojno = Organisation.objects.get(name="Urząd Gminy Gnojno")
    people = {
        "advisor": _user("doradca.rops"),
        "coordinator": _user("koordynator"),
        "member": _user("komitet.czlonek"),
    }
    made = 0
    for suffix, target in SCENARIOS:
        for org, clerk_login, topic, data, title in (
            (
                maslow,
                "urzednik.maslow",
                Topic.SOCIAL_CLAUSES,
                SCHOOL_CATERING,
                "Klauzule społeczne: dowóz posiłków do szkół",
            ),
            (
                gnojno,
                "urzednik.gnojno",
                Topic.LOCAL_PLAN,
                LOCAL_PLAN,
                "Gminny plan rozwoju ekonomii społecznej Gnojna",
            ),
        ):
            full_title = f"{title} ({suffix})"
            if Case.objects.filter(title=full_title, requesting_organisation=org).exists():
                continue
            clerk = _user(clerk_login)
            case = advisory_create(
                requesting_organisation=org,
                topic=topic,
                title=full_title,
                filed_by=clerk,
                intake=_intake(topic, {**requester_initial(org), **data}),
                consent_to_publish=target == "published",
            )
            _walk(case, target, clerk=clerk, **people)
            made += 1
    made += _load_extra(people)
    stdout.write(f"  advisory requests: {made} new\n")


def _load_extra(people) -> int:
    """A request taken by phone on a gmina's behalf, and one the committee rejected."""
    import datetime

    from workflows import calendar

    made = 0
    baltow = Organisation.objects.get(name="Urząd Gminy Bałtów")
    title = "Usługi opiekuńcze w gminie (zgłoszenie telefoniczne)"
    if not Case.objects.filter(title=title, requesting_organisation=baltow).exists():
        data = {
            **requester_initial(baltow),
            "contact_name": "Sekretarz Gminy Bałtów",
            "contact_email": "sekretariat@baltow.demo.esflow.pl",
            "question": "Jak zlecić usługi opiekuńcze spółdzielni socjalnej w trybie art. 361 Pzp?",
            "services": ["care"],
            "current_delivery": "in_house",
            "planned_route": "open_call",
            "recipients_estimate": "25",
            "planned_start": "2026-09-01",
        }
        case = advisory_create(
            requesting_organisation=baltow,
            topic=Topic.SOCIAL_SERVICES,
            title=title,
            filed_by=people["coordinator"],
            channel="phone",
            date_received=calendar.today() - datetime.timedelta(days=3),
            intake=_intake(Topic.SOCIAL_SERVICES, data),
        )
        transition_apply(
            case=case,
            expected_status=case.status,
            name="submit",
            actor=people["coordinator"],
            data={},
        )
        made += 1
    gnojno = Organisation.objects.get(name="Urząd Gminy Gnojno")
    title = "Gminny plan rozwoju ekonomii społecznej Gnojna (odrzucony przez komitet)"
    if not Case.objects.filter(title=title, requesting_organisation=gnojno).exists():
        clerk = _user("urzednik.gnojno")
        case = advisory_create(
            requesting_organisation=gnojno,
            topic=Topic.LOCAL_PLAN,
            title=title,
            filed_by=clerk,
            intake=_intake(Topic.LOCAL_PLAN, {**requester_initial(gnojno), **LOCAL_PLAN}),
        )
        _walk(case, "rejected_by_committee", clerk=clerk, **people)
        made += 1
    return made
