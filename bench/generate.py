"""Volume data for benchmarks: one region's instance far beyond real volume.

    DATABASE_URL=postgres://…/esflow_bench .venv/bin/python -m bench.generate \\
        --seed 1 --cases 100000 --orgs 5000 --entries 100000

``volume_generate(seed=…, cases=…, orgs=…, entries=…)`` fills the database; run as a script it
prints the row count of every table afterwards. A script and not a management command: no
installed app (product code) may import ``bench/``. Only the advisory kind exists so far, so
every generated case is an advisory request (built through ``casework.kinds.advisory``).

Cases go through ``cases_bulk_create``: the bulk path of the case services. It inserts the
Case rows, their ``AdvisoryRequest`` detail rows, the event chain that leads to each case's
state, pauses, opinion versions, comments and attachment metadata with ``bulk_create`` in
batches. Numbers come from the engine's ``NumberCounter``: the counter is bumped once per
batch by the number of non-draft cases in it, and the batch takes the range it got. On
PostgreSQL the status trigger guards UPDATE only and events are append-only, so INSERTs in
any state are allowed (engine note). Registry entries go through
``directory.registry.services.registry_entry_create`` one by one (the real service).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

if __name__ == "__main__":  # run as a script: set Django up before the models are imported
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from casework.constants import AttachmentVisibility, Channel
from casework.kinds.advisory.constants import AdvisoryStatus
from casework.kinds.advisory.intake.constants import Topic
from casework.kinds.advisory.models import AdvisoryRequest, OpinionVersion
from casework.models import Attachment, Case, CaseComment, CaseEvent, CasePause
from directory.constants import MUNICIPAL_KINDS, MembershipRole, OrganisationKind
from directory.models import Membership, Organisation, TerritorialUnit
from workflows.calendar import due_date_compute
from workflows.models import NumberCounter
from workflows.numbering import number_year
from workflows.registry import flow_class

S = AdvisoryStatus
BATCH = 2000

# The event chain that leads to each state: (action, from, to).
PATHS: dict[str, list[tuple[str, str, str]]] = {
    S.DRAFT: [],
    S.SUBMITTED: [("submit", S.DRAFT, S.SUBMITTED)],
    S.IN_REVIEW: [("submit", S.DRAFT, S.SUBMITTED), ("accept", S.SUBMITTED, S.IN_REVIEW)],
    S.AWAITING_INFO: [
        ("submit", S.DRAFT, S.SUBMITTED),
        ("accept", S.SUBMITTED, S.IN_REVIEW),
        ("request_info", S.IN_REVIEW, S.AWAITING_INFO),
    ],
    S.IN_APPROVAL: [
        ("submit", S.DRAFT, S.SUBMITTED),
        ("accept", S.SUBMITTED, S.IN_REVIEW),
        ("submit_for_approval", S.IN_REVIEW, S.IN_APPROVAL),
    ],
    S.APPROVED: [
        ("submit", S.DRAFT, S.SUBMITTED),
        ("accept", S.SUBMITTED, S.IN_REVIEW),
        ("submit_for_approval", S.IN_REVIEW, S.IN_APPROVAL),
        ("approve", S.IN_APPROVAL, S.APPROVED),
    ],
    S.PUBLISHED: [
        ("submit", S.DRAFT, S.SUBMITTED),
        ("accept", S.SUBMITTED, S.IN_REVIEW),
        ("submit_for_approval", S.IN_REVIEW, S.IN_APPROVAL),
        ("approve", S.IN_APPROVAL, S.APPROVED),
        ("publish", S.APPROVED, S.PUBLISHED),
    ],
    S.REJECTED: [("submit", S.DRAFT, S.SUBMITTED), ("decline", S.SUBMITTED, S.REJECTED)],
    S.WITHDRAWN: [("submit", S.DRAFT, S.SUBMITTED), ("withdraw", S.SUBMITTED, S.WITHDRAWN)],
}
# Share of each state (weights): most cases are closed, as in a long-running instance.
STATE_WEIGHTS = {
    S.DRAFT: 4,
    S.SUBMITTED: 6,
    S.IN_REVIEW: 10,
    S.AWAITING_INFO: 5,
    S.IN_APPROVAL: 5,
    S.APPROVED: 5,
    S.PUBLISHED: 45,
    S.REJECTED: 12,
    S.WITHDRAWN: 8,
}
ASSIGNED = {S.IN_REVIEW, S.AWAITING_INFO, S.IN_APPROVAL, S.APPROVED, S.PUBLISHED}
CLOCK_RUNNING = {S.SUBMITTED, S.IN_REVIEW, S.IN_APPROVAL}
WITH_VERSION = {S.IN_APPROVAL, S.APPROVED, S.PUBLISHED}
OFFERS = [
    "usługi cateringowe dla szkół",
    "sprzątanie biur i klatek schodowych",
    "zatrudnienie osób z niepełnosprawnościami",
    "pielęgnacja zieleni miejskiej",
    "szkolenia komputerowe",
    "rękodzieło i ceramika",
    "usługi opiekuńcze dla osób starszych",
    "remonty i prace budowlane",
]
TITLES = [
    "Klauzule społeczne w zamówieniu na {x}",
    "Plan rozwoju ekonomii społecznej: {x}",
    "Zlecenie usług społecznych: {x}",
    "Instrumenty aktywnej integracji: {x}",
    "Współpraca z PES przy {x}",
]
PES_KINDS = [
    OrganisationKind.SOCIAL_COOPERATIVE,
    OrganisationKind.FOUNDATION,
    OrganisationKind.ASSOCIATION,
]


@dataclass
class Staff:
    advisors: list
    coordinators: list
    committee: list


UNUSABLE = make_password(None)


def _users(prefix: str, n: int, start: int = 0):
    from accounts.models import User

    users = [
        User(
            email=f"{prefix}{start + i}@bench.invalid",
            full_name=f"{prefix.capitalize()} {start + i}",
            password=UNUSABLE,  # benchmarks log in with force_login
        )
        for i in range(n)
    ]
    return User.objects.bulk_create(users, batch_size=BATCH)


def staff_create(*, advisors: int = 20, coordinators: int = 3, committee: int = 7) -> Staff:
    """ROPS with its advisors and coordinators, and the committee with its members."""
    today = timezone.localdate()
    rops = Organisation.objects.create(name="ROPS (bench)", kind=OrganisationKind.ROPS)
    body = Organisation.objects.create(name="Komitet (bench)", kind=OrganisationKind.COMMITTEE)
    adv = _users("advisor", advisors)
    coo = _users("coordinator", coordinators)
    com = _users("committee", committee)
    rows = [
        Membership(user=u, organisation=rops, role=MembershipRole.ADVISOR, valid_from=today)
        for u in adv
    ]
    rows += [
        Membership(user=u, organisation=rops, role=MembershipRole.COORDINATOR, valid_from=today)
        for u in coo
    ]
    rows += [Membership(user=u, organisation=body, valid_from=today) for u in com]
    Membership.objects.bulk_create(rows)
    return Staff(adv, coo, com)


def organisations_create(*, n: int, rnd: random.Random) -> list[tuple[Organisation, object]]:
    """``n`` requesting organisations (gmina offices and their units), one clerk each."""
    gminas = list(TerritorialUnit.objects.filter(kind="gmina").values_list("pk", flat=True))
    kinds = sorted(MUNICIPAL_KINDS)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Urząd {i} (bench)",
                kind=rnd.choice(kinds),
                gmina_id=rnd.choice(gminas) if gminas else None,
                locality="Kielce",
            )
            for i in range(n)
        ],
        batch_size=BATCH,
    )
    clerks = _users("clerk", n)
    today = timezone.localdate() - datetime.timedelta(days=3650)
    Membership.objects.bulk_create(
        [
            Membership(user=u, organisation=o, valid_from=today)
            for o, u in zip(orgs, clerks, strict=True)
        ],
        batch_size=BATCH,
    )
    return list(zip(orgs, clerks, strict=True))


def _counter_take(*, kind: str, year: int, n: int) -> int:
    """Bump the numbering counter once by ``n``; return the first number of the range."""
    qn = connection.ops.quote_name
    table = qn(NumberCounter._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({qn('kind')}, {qn('year')}, {qn('last')}) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({qn('kind')}, {qn('year')}) "
        f"DO UPDATE SET {qn('last')} = {table}.{qn('last')} + %s RETURNING {qn('last')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [kind, year, n, n])
        (last,) = cursor.fetchone()
    return last - n + 1


@transaction.atomic
def cases_bulk_create(
    *,
    specs: list[dict],
    staff: Staff,
    rnd: random.Random,
) -> list[Case]:
    """Insert advisory cases in the states given, with their events and detail rows.

    Each spec: ``organisation``, ``clerk``, ``status``. Numbers are taken from the counter in
    one bump for the batch; every non-draft case gets its event chain from draft to its state.
    """
    flow = flow_class("advisory")
    kind = flow.kind
    numbering = flow.numbering.for_kind(kind)
    policy = flow.deadline_policy
    year = number_year()
    filed = [s for s in specs if s["status"] != S.DRAFT]
    seq = _counter_take(kind=kind, year=year, n=len(filed)) if filed else 0
    today = timezone.localdate()
    cases = []
    for spec in specs:
        status = spec["status"]
        received = today - datetime.timedelta(
            days=rnd.randint(0, 40 if status in CLOCK_RUNNING else 700)
        )
        case = Case(
            kind=kind,
            title=rnd.choice(TITLES).format(x=rnd.choice(OFFERS)),
            requesting_organisation=spec["organisation"],
            filed_by=spec["clerk"],
            channel=Channel.ONLINE,
            is_complex=rnd.random() < 0.1,
            status=status,
        )
        if status != S.DRAFT:
            case.number_year, case.number_seq = year, seq
            case.number = numbering.format(year=year, seq=seq)
            seq += 1
            case.date_received = received
            case.clock_started_on = received
            case.deadline_days = policy.complex_days if case.is_complex else policy.days
            case.deadline_unit = policy.unit
            if status in CLOCK_RUNNING:
                case.due_date = due_date_compute(
                    start=received, days=case.deadline_days, unit=policy.unit, pauses=()
                )
            if status == S.AWAITING_INFO:
                case.resume_status = S.IN_REVIEW
        if status in ASSIGNED:
            case.assignee = rnd.choice(staff.advisors)
        cases.append(case)
    Case.objects.bulk_create(cases, batch_size=BATCH)

    topics = [t for t, _ in Topic.choices]
    details = AdvisoryRequest.objects.bulk_create(
        [
            AdvisoryRequest(
                case=c,
                topic=rnd.choice(topics),
                intake={"question": c.title},
                opinion_text="Opinia." if c.status in WITH_VERSION else "",
            )
            for c in cases
        ],
        batch_size=BATCH,
    )
    versions = []
    for d in details:
        if d.case.status in WITH_VERSION:
            text = f"Opinia w sprawie {d.case.number}."
            versions.append(
                OpinionVersion(
                    advisory=d,
                    number=1,
                    text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest(),
                    sent_by=d.case.assignee,
                    approved_by=(
                        rnd.choice(staff.committee)
                        if d.case.status in (S.APPROVED, S.PUBLISHED)
                        else None
                    ),
                    approved_at=(
                        timezone.now() if d.case.status in (S.APPROVED, S.PUBLISHED) else None
                    ),
                )
            )
    OpinionVersion.objects.bulk_create(versions, batch_size=BATCH)
    for v in versions:
        v.advisory.current_version = v
    AdvisoryRequest.objects.bulk_update(
        [v.advisory for v in versions], ["current_version"], batch_size=BATCH
    )

    events, pauses, comments, attachments = [], [], [], []
    coordinator = staff.coordinators[0]
    for c in cases:
        for action, frm, to in PATHS[c.status]:
            if action in ("submit", "withdraw"):
                actor = c.filed_by
            elif action in ("approve",):
                actor = staff.committee[0]
            elif action == "decline":
                actor = coordinator
            else:
                actor = c.assignee or coordinator
            data = {"number": c.number} if action == "submit" else {}
            events.append(
                CaseEvent(
                    case=c, actor=actor, action=action, from_status=frm, to_status=to, data=data
                )
            )
        if c.status == S.AWAITING_INFO:
            pauses.append(CasePause(case=c, started_on=today))
        if c.status != S.DRAFT:
            comments.append(
                CaseComment(case=c, author=c.filed_by, body="Prosimy o opinię.", is_internal=False)
            )
            if c.assignee:
                comments.append(
                    CaseComment(
                        case=c, author=c.assignee, body="Notatka robocza.", is_internal=True
                    )
                )
        if rnd.random() < 0.5:
            attachments.append(
                Attachment(
                    case=c,
                    storage_name=f"bench/{rnd.getrandbits(64):016x}{len(attachments)}.pdf",
                    original_name="zalacznik.pdf",
                    size=rnd.randint(10_000, 2_000_000),
                    sha256=f"{rnd.getrandbits(256):064x}",
                    content_type="application/pdf",
                    kind="pdf",
                    uploaded_by=c.filed_by,
                    visibility=AttachmentVisibility.EXTERNAL,
                )
            )
    CaseEvent.objects.bulk_create(events, batch_size=BATCH)
    CasePause.objects.bulk_create(pauses, batch_size=BATCH)
    CaseComment.objects.bulk_create(comments, batch_size=BATCH)
    Attachment.objects.bulk_create(attachments, batch_size=BATCH)
    return cases


def entries_create(*, n: int, rnd: random.Random) -> None:
    """``n`` registry entries in bulk: organisation rows, then entry rows whose derived columns
    and search document come from the registry service's ``registry_entry_reindex`` (the
    PostgreSQL tsvector is a generated column). No field history: these are not edits."""
    from directory.models import EntryPKD, PlaceOfActivity, RegistryEntry
    from directory.registry.services import registry_entry_reindex

    gminas = list(TerritorialUnit.objects.filter(kind="gmina").select_related("parent"))
    consents = ("address", "contact", "activity", "employment", "offer", "ps_status")
    for start in range(0, n, BATCH):
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"{rnd.choice(['Spółdzielnia', 'Fundacja', 'Stowarzyszenie'])} {i}",
                    kind=rnd.choice(PES_KINDS),
                    street=f"ul. Testowa {i}",
                    postal_code="25-001",
                    locality="Kielce",
                    gmina=rnd.choice(gminas) if gminas else None,
                )
                for i in range(start, min(n, start + BATCH))
            ]
        )
        rows = []
        for org in orgs:
            entry = RegistryEntry(
                organisation=org,
                offer=rnd.choice(OFFERS),
                published=rnd.random() < 0.95,
                **{f"consent_{g}": True for g in consents},
            )
            entry._prefetched_objects_cache = {
                "pkd_codes": EntryPKD.objects.none(),
                "places": PlaceOfActivity.objects.none(),
            }
            registry_entry_reindex(entry=entry)
            rows.append(entry)
        RegistryEntry.objects.bulk_create(rows)


def volume_generate(
    *,
    seed: int = 1,
    cases: int = 100_000,
    orgs: int = 5_000,
    entries: int = 100_000,
    log: Callable[[str], None] = print,
) -> Staff:
    """Fill the database; reproducible for a seed (same rows in the same order)."""
    rnd = random.Random(seed)
    t0 = timezone.now()
    if not TerritorialUnit.objects.exists():
        from django.core.management import call_command

        call_command("load_teryt", verbosity=0)
    staff = staff_create()
    pairs = organisations_create(n=orgs, rnd=rnd)
    log(f"organisations: {len(pairs)} ({timezone.now() - t0})")
    states = list(STATE_WEIGHTS)
    weights = [STATE_WEIGHTS[s] for s in states]
    done = 0
    while done < cases:
        n = min(BATCH, cases - done)
        specs = []
        for _ in range(n):
            org, clerk = rnd.choice(pairs)
            specs.append(
                {"organisation": org, "clerk": clerk, "status": rnd.choices(states, weights)[0]}
            )
        cases_bulk_create(specs=specs, staff=staff, rnd=rnd)
        done += n
        log(f"cases: {done} ({timezone.now() - t0})")
    entries_create(n=entries, rnd=rnd)
    log(f"registry entries: {entries} ({timezone.now() - t0})")
    return staff


def table_counts() -> dict[str, int]:
    """Row count of every table of every model (for the generator's report)."""
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if table in counts or not model._meta.managed:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return dict(sorted(counts.items()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Fill the database with generated volume data (reproducible by seed)."
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=5_000)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    volume_generate(seed=args.seed, cases=args.cases, orgs=args.orgs, entries=args.entries)
    print(f"generated in {time.perf_counter() - start:.1f} s; rows per table:")
    for table, count in table_counts().items():
        print(f"  {table:48} {count:>10}")


if __name__ == "__main__":
    main(sys.argv[1:])
