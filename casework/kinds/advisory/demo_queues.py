"""Demo load for the queues: enough advisory requests to fill every queue, every dashboard
panel and more than one page of the lists (``queues.PAGE_SIZE`` is 50; "all" holds 56).

Runs after ``casework.demo.load`` and reuses its intake data and walk through the
transitions, so every case is real (numbers, events, deadlines). Dates received lie in the
past so that some requests are due soon and some overdue. Idempotent: requests are matched by
title.
"""

import datetime

from casework.models import Case
from directory.models import Organisation
from workflows import calendar

from .demo import LOCAL_PLAN, SCHOOL_CATERING, _intake, _user, _walk
from .intake.constants import Topic
from .intake.topics import requester_initial
from .services import advisory_create

TITLES = {
    Topic.SOCIAL_CLAUSES: [
        "Klauzule społeczne: sprzątanie budynków gminnych",
        "Klauzule społeczne: utrzymanie zieleni",
        "Klauzule społeczne: odśnieżanie dróg gminnych",
        "Klauzule społeczne: catering dla seniorów",
        "Klauzule społeczne: usługi opiekuńcze",
    ],
    Topic.LOCAL_PLAN: [
        "Plan rozwoju ES: diagnoza",
        "Plan rozwoju ES: katalog działań",
        "Plan rozwoju ES: wskaźniki",
    ],
}

#: (state, how many, days since receipt) — 30-day clock: 27 days ago is due soon, 40 overdue.
PLAN = [
    ("submitted", 18, 2),
    ("submitted", 6, 27),
    ("submitted", 4, 40),
    ("in_review", 8, 10),
    ("in_review", 4, 27),
    ("in_review", 4, 40),
    ("awaiting_info", 6, 12),
    ("in_approval", 6, 20),
]


def load(*, stdout) -> None:
    today = calendar.today()
    requesters = [
        (
            Organisation.objects.get(name="Urząd Gminy Masłów"),
            "urzednik.maslow",
            Topic.SOCIAL_CLAUSES,
            SCHOOL_CATERING,
        ),
        (
            Organisation.objects.get(name="Urząd Gminy Gnojno"),
            "urzednik.gnojno",
            Topic.LOCAL_PLAN,
            LOCAL_PLAN,
        ),
    ]
    advisors = [_user("doradca.rops"), _user("doradca.owes")]
    people = {"coordinator": _user("koordynator"), "member": _user("komitet.czlonek")}
    made = total = 0
    for state, count, days_ago in PLAN:
        for i in range(count):
            total += 1
            org, clerk_login, topic, data = requesters[total % 2]
            titles = TITLES[topic]
            title = f"{titles[total // 2 % len(titles)]} (kolejka {total:02d})"
            if Case.objects.filter(title=title, requesting_organisation=org).exists():
                continue
            clerk = _user(clerk_login)
            case = advisory_create(
                requesting_organisation=org,
                topic=topic,
                title=title,
                filed_by=clerk,
                date_received=today - datetime.timedelta(days=days_ago),
                intake=_intake(topic, {**requester_initial(org), **data}),
            )
            _walk(case, state, clerk=clerk, advisor=advisors[i % 2], **people)
            made += 1
    stdout.write(f"  queue demo requests: {made} new, {total - made} already there\n")
