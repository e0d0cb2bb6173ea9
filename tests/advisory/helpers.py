"""Builders for advisory-request tests: people around one gmina's request, complete intake."""

import datetime

from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.intake.topics import MODE_SUBMIT, intake_form
from casework.kinds.advisory.services import advisory_create, opinion_edit
from casework.models import Case, CaseEvent, Notification
from workflows.models import OutboxRow
from workflows.outbox import outbox_rehand
from workflows.services import transition_apply

SCHOOL_CATERING = {
    "requester_regon": "291009337",
    "requester_teryt": "2604052",
    "contact_name": "Katarzyna Wójcik",
    "contact_email": "zamowienia@gmina-zagnansk.example.pl",
    "contact_phone": "+48 41 300 13 20",
    "question": (
        "Czy w przetargu na dożywianie uczniów możemy zastrzec wymóg zatrudnienia osób "
        "bezrobotnych i jak sprawdzać jego spełnienie?"
    ),
    "contract_title": "Dostarczanie posiłków do szkół podstawowych gminy w latach 2026-2027",
    "contract_description": (
        "Przygotowanie i dowóz ok. 420 ciepłych posiłków dziennie do czterech szkół "
        "podstawowych, w dni nauki szkolnej, przez 20 miesięcy."
    ),
    "contract_type": "services",
    "cpv_main": "55524000-9",
    "cpv_additional": "55520000-1, 15894210-6",
    "social_service": "yes",
    "estimated_value_net": "640 000,00",
    "procedure_type": "basic",
    "lots_count": "1",
    "duration_months": "20",
    "planned_publication": "2026-04-15",
    "eu_cofinanced": "no",
    "clause_types": ["art95", "art96"],
    "target_groups": ["unemployed", "disabled"],
    "people_to_employ": "2 osoby przy wydawaniu posiłków",
    "verification_sanctions": (
        "Oświadczenie wykonawcy, zanonimizowane kopie umów o pracę co kwartał; kara umowna "
        "1000 zł za każdy miesiąc niespełnienia wymogu."
    ),
    "known_pes": "Spółdzielnia Socjalna „Smaczna Szkoła” w Zagnańsku",
    "requested_date": "2026-04-01",
}


def complete_intake(topic: str = Topic.SOCIAL_CLAUSES, data: dict | None = None) -> dict:
    form = intake_form(topic, data=data or SCHOOL_CATERING, mode=MODE_SUBMIT)
    assert form.is_valid(), form.errors
    return form.to_json()


def new_request(organisation, clerk, *, intake=None, consent=False, title=None) -> Case:
    return advisory_create(
        requesting_organisation=organisation,
        topic=Topic.SOCIAL_CLAUSES,
        title=title or "Klauzule społeczne w przetargu na dożywianie uczniów",
        filed_by=clerk,
        intake=complete_intake() if intake is None else intake,
        consent_to_publish=consent,
    )


def apply(case, name, actor, **data):
    return transition_apply(
        case=case, expected_status=case.status, name=name, actor=actor, data=data
    )


OPINION = "Opinia: klauzula z art. 96 ust. 2 pkt 2 Pzp jest dopuszczalna."


def write_opinion(case, advisor, text=OPINION):
    opinion_edit(
        case=case,
        actor=advisor,
        text=text,
        recommendations="Określić liczbę osób i sposób dokumentowania zatrudnienia.",
        legal_references="art. 96 ust. 2 pkt 2 Pzp; art. 2 pkt 5 UES",
    )


def events(case):
    return list(CaseEvent.objects.filter(case=case).order_by("pk"))


def notified(case, verb):
    """Who got an in-app notification ``verb`` on ``case`` (after running the outbox)."""
    outbox_rehand(now=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1))
    return {n.recipient for n in Notification.objects.filter(case=case, verb=verb)}


def notify_rows(case):
    return OutboxRow.objects.filter(topic="workflows.notify", payload__case_id=case.pk)
