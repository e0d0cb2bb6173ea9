"""Volume data for the indicators the first generator did not feed: the clauses of issued
opinions, employment figures, good practices, and events with sessions, registrations,
attendance and certificates.

    DATABASE_URL=postgres://…/esflow_bench .venv/bin/python -m bench.indicator_data [--seed 1]

Adds to a database ``bench.generate`` filled (so an existing 100,000-case database need not be
rebuilt); does nothing when the data is already there (an event titled ``BENCH_EVENT``).
``bench.generate`` calls it last, so a new database has it too. Sizes scale with the cases
and the registry: clauses on every issued opinion's version (0-3 types), two employment
figures for every registry entry, one practice per 50 cases, 300 events of 40 registrations;
then agreements and the committee's work (``agreement_committee_data_create``, its own marker).
"""

from __future__ import annotations

import datetime
import os
import random
import sys
from decimal import Decimal
from unittest import mock

if __name__ == "__main__":  # run as a script: set Django up before the models are imported
    import django

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()

from django.db import transaction
from django.utils import timezone

BATCH = 2000
BENCH_EVENT = "Wydarzenie benchmarku"
#: The name of the bench's committee (its presence: the committee and agreement data are there).
BENCH_BODY = "Komitet benchmarku"


def indicator_data_create(*, seed: int = 1, log=print) -> None:
    from accounts.models import User
    from casework.kinds.advisory.constants import AdvisoryStatus
    from casework.kinds.advisory.intake.constants import ClauseType
    from casework.kinds.advisory.models import OpinionVersion
    from casework.kinds.practice.constants import PracticeStatus, ThematicArea
    from casework.kinds.practice.models import GoodPractice
    from casework.models import Case, CaseEvent
    from directory.models import Organisation, TerritorialUnit
    from directory.registry.constants import AtRiskGroup
    from directory.registry.models import EmploymentFigure, RegistryEntry
    from events.constants import Audience, EventKind, Module
    from events.models import (
        Attendance,
        Certificate,
        CertificateKind,
        Event,
        Registration,
        Session,
    )

    if Event.objects.filter(title=BENCH_EVENT).exists():
        log("indicator data: already there")
        return
    rnd = random.Random(seed)
    today = timezone.localdate()
    tz = timezone.get_default_timezone()
    actor = User.objects.order_by("pk").first()

    with transaction.atomic():
        # Clauses of the issued opinions' versions.
        types = list(ClauseType.values)
        versions = list(
            OpinionVersion.objects.filter(advisory__case__status=AdvisoryStatus.PUBLISHED).only(
                "pk"
            )
        )
        for v in versions:
            v.clauses = [
                {"clause_type": t, "title": t, "legal_basis": "Pzp", "text": "Treść klauzuli."}
                for t in rnd.sample(types, rnd.randint(0, 3))
            ]
        OpinionVersion.objects.bulk_update(versions, ["clauses"], batch_size=BATCH)
        log(f"indicator data: clauses on {len(versions)} issued versions")

        # Two employment figures per registry entry, about a year apart.
        groups = list(AtRiskGroup.values)
        figures = []
        for entry_id in RegistryEntry.objects.values_list("pk", flat=True).iterator():
            headcount = rnd.randint(1, 40)
            for days in (rnd.randint(380, 700), rnd.randint(0, 360)):
                at_risk = {g: rnd.randint(1, 5) for g in rnd.sample(groups, rnd.randint(0, 3))}
                figures.append(
                    EmploymentFigure(
                        entry_id=entry_id, as_of=today - datetime.timedelta(days=days),
                        headcount=headcount, fte=Decimal(headcount) * Decimal("0.75"),
                        at_risk=at_risk,
                    )
                )  # fmt: skip
                headcount = max(1, headcount + rnd.randint(-3, 5))
        EmploymentFigure.objects.bulk_create(figures, batch_size=BATCH)
        log(f"indicator data: {len(figures)} employment figures")

        # Good practices, first published over the last two years (one per 50 cases).
        orgs = list(
            Organisation.objects.filter(
                pk__in=RegistryEntry.objects.values("organisation_id")[:2000]
            )
        )
        areas = list(ThematicArea.values)
        n = max(20, Case.objects.count() // 50)
        practices = Case.objects.bulk_create(
            [
                Case(
                    kind="practice",
                    title=f"Dobra praktyka {i}",
                    status=PracticeStatus.PUBLISHED,
                    requesting_organisation=rnd.choice(orgs),
                    filed_by=actor,
                )
                for i in range(n)
            ],
            batch_size=BATCH,
        )
        GoodPractice.objects.bulk_create(
            [GoodPractice(case=c, area=rnd.choice(areas)) for c in practices], batch_size=BATCH
        )
        # ``at`` is set on insert (the audit log is append-only): each practice's two events
        # are inserted with the clock set to its publication, spread over two years.
        for c in practices:
            when = timezone.now() - datetime.timedelta(days=rnd.randint(0, 700))
            with mock.patch("django.utils.timezone.now", return_value=when):
                CaseEvent.objects.bulk_create(
                    [
                        CaseEvent(case=c, actor=actor, action="move", from_status=frm, to_status=to)
                        for frm, to in (("submitted", "in_review"), ("in_approval", "published"))
                    ]
                )
        log(f"indicator data: {n} practices")

        # Events, sessions, registrations, attendance, certificates.
        gminas = list(TerritorialUnit.objects.filter(kind="gmina"))
        organiser = orgs[0]
        audiences = list(Audience.values)
        registrations, attendances, certificates = [], [], []
        for i in range(300):
            kind = rnd.choice(list(EventKind.values))
            day = today - datetime.timedelta(days=rnd.randint(0, 700))
            starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=tz)
            event = Event.objects.create(
                title=BENCH_EVENT, kind=kind,
                module=rnd.choice(list(Module.values)) if kind == EventKind.WORKSHOP else None,
                organiser=organiser, capacity=60,
                gmina=rnd.choice(gminas) if rnd.random() < 0.85 else None,
                registration_opens_at=starts - datetime.timedelta(days=30),
                registration_closes_at=starts - datetime.timedelta(days=1), is_published=True,
            )  # fmt: skip
            sessions = Session.objects.bulk_create(
                [
                    Session(
                        event=event,
                        starts_at=starts + datetime.timedelta(days=d),
                        ends_at=starts + datetime.timedelta(days=d, hours=3),
                    )
                    for d in range(rnd.randint(1, 2))
                ]
            )
            regs = Registration.objects.bulk_create(
                [
                    Registration(
                        event=event,
                        name=f"Uczestnik {i}-{j}",
                        email=f"u{i}-{j}@bench.invalid",
                        audience=rnd.choice(audiences),
                        status="confirmed",
                    )
                    for j in range(40)
                ]
            )
            registrations += regs
            for reg in regs:
                present = [s for s in sessions if rnd.random() < 0.8]
                attendances += [
                    Attendance(registration=reg, session=s, checked_in_by=actor) for s in present
                ]
                if present and rnd.random() < 0.5:
                    certificates.append(
                        Certificate(
                            kind=CertificateKind.ATTENDANCE, registration=reg, name=reg.name
                        )
                    )
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        Certificate.objects.bulk_create(certificates, batch_size=BATCH)
        log(
            f"indicator data: 300 events, {len(registrations)} registrations, "
            f"{len(attendances)} attendances, {len(certificates)} certificates"
        )


def agreement_committee_data_create(*, seed: int = 1, log=print) -> None:
    """Agreements and the committee's work, for their indicators: one agreement per 100 cases
    put in force over the last two years (a fifth ended since), with 2-6 parties from the
    registry; a committee and six thematic groups (one not listed on the portal), 40 held
    meetings each with 15 seats' attendance and 0-3 resolutions. Added apart from
    ``indicator_data_create`` (its own marker), so a database that has the rest gets these."""
    from accounts.models import User
    from casework.kinds.agreement.models import Agreement, AgreementParty, AgreementVersion
    from casework.models import Case, CaseEvent
    from committee.constants import AttendanceStatus, MeetingStatus
    from committee.models import Attendance, Body, Meeting, Resolution
    from directory.constants import MembershipRole, OrganisationKind
    from directory.models import Membership, Organisation
    from directory.registry.models import RegistryEntry

    if Organisation.objects.filter(name=BENCH_BODY).exists():
        log("agreement and committee data: already there")
        return
    rnd = random.Random(seed)
    now = timezone.now()
    actor = User.objects.order_by("pk").first()
    orgs = list(
        Organisation.objects.filter(pk__in=RegistryEntry.objects.values("organisation_id")[:2000])
    )
    with transaction.atomic():
        n = max(20, Case.objects.count() // 100)
        # A fifth ended since (the status is set on insert: only a transition changes it).
        ends = [
            rnd.choice(["expired", "terminated"]) if rnd.random() < 0.2 else "" for _i in range(n)
        ]
        cases = Case.objects.bulk_create(
            [
                Case(
                    kind="agreement",
                    title=f"Porozumienie {i}",
                    status=end or "in_force",
                    requesting_organisation=rnd.choice(orgs),
                    filed_by=actor,
                )
                for i, end in enumerate(ends)
            ],
            batch_size=BATCH,
        )
        agreements = Agreement.objects.bulk_create(
            [Agreement(case=c) for c in cases], batch_size=BATCH
        )
        versions = AgreementVersion.objects.bulk_create(
            [
                AgreementVersion(
                    agreement=a, number=1, sha256="0" * 64, sent_by=actor, title="Porozumienie"
                )
                for a in agreements
            ],
            batch_size=BATCH,
        )
        parties = []
        for a, v, end in zip(agreements, versions, ends, strict=True):
            for org in rnd.sample(orgs, rnd.randint(2, 6)):
                parties.append(AgreementParty(agreement=a, organisation=org, signed_version=v))
            entered = now - datetime.timedelta(days=rnd.randint(30, 700))
            moves = [("signing", "in_force")] + ([("in_force", end)] if end else [])
            for i, (frm, to) in enumerate(moves):
                when = entered + datetime.timedelta(days=30 * i)
                with mock.patch("django.utils.timezone.now", return_value=when):
                    CaseEvent.objects.create(
                        case=a.case, actor=actor, action="move", from_status=frm, to_status=to
                    )
        AgreementParty.objects.bulk_create(parties, batch_size=BATCH)
        log(f"agreement and committee data: {n} agreements, {len(parties)} parties")

        users = list(User.objects.order_by("pk")[:15])
        roles = [MembershipRole.CHAIR, MembershipRole.SECRETARY, MembershipRole.OBSERVER]
        roles += [MembershipRole.MEMBER] * (len(users) - len(roles))
        statuses = list(AttendanceStatus.values)
        meetings = resolutions = 0
        for b in range(7):
            kind = OrganisationKind.COMMITTEE if b == 0 else OrganisationKind.THEMATIC_GROUP
            org = Organisation.objects.create(
                kind=kind, name=BENCH_BODY if b == 0 else f"Grupa benchmarku {b}"
            )
            body = Body.objects.create(
                organisation=org, kind="committee" if b == 0 else "thematic_group",
                term_start=datetime.date(2020, 1, 1), is_public=b != 6,
            )  # fmt: skip
            seats = Membership.objects.bulk_create(
                [
                    Membership(
                        user=u, organisation=org, role=r, valid_from=datetime.date(2020, 1, 1)
                    )
                    for u, r in zip(users, roles, strict=False)
                ]
            )
            seq = 0
            for _m in range(40):
                starts = now - datetime.timedelta(days=rnd.randint(0, 700))
                meeting = Meeting.objects.create(
                    body=body, title="Posiedzenie", place="Kielce", starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2), status=MeetingStatus.HELD,
                    created_by=actor,
                )  # fmt: skip
                meetings += 1
                Attendance.objects.bulk_create(
                    [
                        Attendance(
                            meeting=meeting,
                            membership=s,
                            recorded_by=actor,
                            status=rnd.choices(statuses, weights=[6, 2, 1, 1])[0],
                        )
                        for s in seats
                    ]
                )
                day = timezone.localtime(starts).date()
                for _r in range(rnd.randint(0, 3)):
                    seq += 1
                    Resolution.objects.create(
                        body=body, year=day.year, seq=seq, number=f"{b}-{seq}/{day.year}",
                        title="Uchwała", text="Treść uchwały.", adopted_on=day, meeting=meeting,
                        adopted_by=actor,
                    )  # fmt: skip
                    resolutions += 1
        log(
            f"agreement and committee data: 7 bodies, {meetings} meetings, "
            f"{resolutions} resolutions"
        )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    seed = parser.parse_args().seed
    indicator_data_create(seed=seed)
    agreement_committee_data_create(seed=seed)
