"""Demo committee (idempotent): RKRES as a body with a secretary, its four thematic groups of
the programme (DOMAIN.md, Task 1) with members from the demo organisations, and one held
meeting whose item was adopted as a numbered resolution."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.constants import MembershipRole, OrganisationKind
from directory.demo import COMMITTEE_TERM, DEMO_DOMAIN, committee_term
from directory.models import Membership, Organisation

from .constants import AttendanceStatus, BodyKind
from .models import Body, Meeting
from .services import (
    agenda_item_add,
    attendance_record,
    item_decide,
    meeting_schedule,
    minutes_approve,
    minutes_save,
    resolution_adopt,
    vote_record,
)

K = OrganisationKind
GROUPS = [
    ("Grupa tematyczna: nauka, organizacje pozarządowe i biznes",
     [K.UNIVERSITY, K.ASSOCIATION, K.FOUNDATION, K.BUSINESS],
     [("komitet.czlonek", MembershipRole.CHAIR), ("organizacja", MembershipRole.MEMBER)]),
    ("Grupa tematyczna: OPS, PCPR, PUP, organizacje pozarządowe i OWES",
     [K.OPS, K.PCPR, K.PUP, K.ASSOCIATION, K.OWES],
     [("komitet.ngo", MembershipRole.CHAIR), ("urzednik.maslow", MembershipRole.MEMBER),
      ("doradca.owes", MembershipRole.MEMBER)]),
    ("Grupa tematyczna: podmioty reintegracyjne (CIS, KIS, ZAZ, WTZ)",
     [K.CIS, K.KIS, K.ZAZ, K.WTZ],
     [("komitet.przewodniczacy", MembershipRole.CHAIR),
      ("urzednik.gnojno", MembershipRole.MEMBER)]),
    ("Grupa tematyczna: ROPS z OWES",
     [K.ROPS, K.OWES],
     [("koordynator", MembershipRole.CHAIR), ("doradca.rops", MembershipRole.SECRETARY),
      ("doradca.owes", MembershipRole.MEMBER)]),
]  # fmt: skip
SECRETARY = "komitet.sekretarz"
MEETING_TITLE = "Posiedzenie RKRES nr 1/2026"


def _user(login: str):
    return get_user_model().objects.filter(email=f"{login}@{DEMO_DOMAIN}").first()


def _seat(user, organisation, role, start, end):
    Membership.objects.update_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"valid_from": start, "valid_to": end},
    )


def load(*, stdout) -> None:
    committee = Organisation.objects.filter(kind=K.COMMITTEE).order_by("pk").first()
    if committee is None:
        return
    start, end = committee_term()
    body, _new = Body.objects.update_or_create(
        organisation=committee,
        defaults={
            "kind": BodyKind.COMMITTEE,
            "term_start": COMMITTEE_TERM[0],
            "term_end": end,
            "composition": [K.ROPS, K.OWES, K.GMINA, K.ASSOCIATION, K.UNIVERSITY, K.BUSINESS],
            "description": (
                "Komitet opiniuje i zatwierdza dokumenty programu, koordynuje współpracę "
                "sektorów i wyznacza kierunki rozwoju ekonomii społecznej w regionie."
            ),
        },
    )
    secretary = _user(SECRETARY)  # seated by directory.demo
    for title, composition, seats in GROUPS:
        organisation, _new = Organisation.objects.get_or_create(
            name=title, defaults={"kind": K.THEMATIC_GROUP, "locality": "Kielce"}
        )
        Body.objects.update_or_create(
            organisation=organisation,
            defaults={
                "kind": BodyKind.THEMATIC_GROUP,
                "parent": body,
                "term_start": COMMITTEE_TERM[0],
                "term_end": end,
                "composition": list(composition),
            },
        )
        for seat_login, role in seats:
            user = _user(seat_login)
            if user is not None:
                _seat(user, organisation, role, start, end)
    stdout.write(f"  committee: RKRES and {len(GROUPS)} thematic groups")
    _meeting(body, secretary, stdout)


def _meeting(body: Body, secretary, stdout) -> None:
    chair = _user("komitet.przewodniczacy")
    if chair is None or secretary is None:
        return
    if Meeting.objects.filter(body=body, title=MEETING_TITLE).exists():
        return
    local = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    starts = local - datetime.timedelta(days=14)
    meeting = meeting_schedule(
        body=body,
        actor=secretary,
        title=MEETING_TITLE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place="ROPS Kielce, ul. Witosa 86, sala konferencyjna",
        add_awaiting=False,
    )
    item = agenda_item_add(
        meeting=meeting,
        actor=secretary,
        title="Stanowisko w sprawie rekomendacji grup tematycznych na rok 2026",
        materials="Rekomendacje czterech grup tematycznych przygotowane przez sekretariat.",
    )
    attendance_record(
        meeting=meeting,
        actor=secretary,
        statuses={
            m.pk: AttendanceStatus.PRESENT
            for m in Membership.objects.current().filter(organisation=body.organisation)
        },
    )
    voters = Membership.objects.current().filter(organisation=body.organisation)
    for seat in voters.select_related("user"):
        if seat.role != MembershipRole.OBSERVER:
            vote_record(item=item, actor=chair, member=seat.user, choice="for")
    item = item_decide(item=item, actor=chair)
    if item.status != "passed":
        return
    resolution = resolution_adopt(
        items=[item],
        actor=secretary,
        title="przyjęcia rekomendacji grup tematycznych na rok 2026",
        text=(
            "§ 1. Komitet przyjmuje rekomendacje grup tematycznych na rok 2026.\n"
            "§ 2. Uchwała wchodzi w życie z dniem podjęcia."
        ),
    )
    minutes = minutes_save(
        meeting=meeting,
        actor=secretary,
        text="Posiedzenie otworzył przewodniczący. Komitet przyjął porządek obrad.",
    )
    minutes_approve(minutes=minutes, actor=chair)
    stdout.write(f"  committee: one meeting, resolution no. {resolution.number}")
