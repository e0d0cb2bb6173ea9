"""Volume data for the indicators the first generator did not feed: the clauses of issued
opinions, employment figures, good practices, and events with sessions, registrations,
attendance and certificates.

    DATABASE_URL=postgres://…/esflow_bench .venv/bin/python -m bench.indicator_data [--seed 1]

Adds to a database ``bench.generate`` filled (so an existing 100,000-case database need not be
rebuilt); does nothing when the data is already there (an event titled ``BENCH_EVENT``).
``bench.generate`` calls it last, so a new database has it too. Sizes scale with the cases
and the registry: clauses on every issued opinion's version (0-3 types), two employment
figures for every registry entry, one practice per 50 cases, 300 events of 40 registrations.
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


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    indicator_data_create(seed=parser.parse_args().seed)
