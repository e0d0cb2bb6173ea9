"""Literal fixtures for the indicators: every count the tests expect is written out by hand."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from casework.kinds.advisory.models import AdvisoryRequest
from casework.models import Case, CaseEvent, CasePause
from directory.constants import MembershipRole, OrganisationKind, UnitKind
from directory.models import TerritorialUnit
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

WARSAW = timezone.get_default_timezone()


def at(y, m, d, hour=10, minute=0):
    return datetime.datetime(y, m, d, hour, minute, tzinfo=WARSAW)


def stamped(when, create):
    """Create a row whose ``auto_now_add`` field reads ``when`` (the audit log is append-only:
    its time cannot be changed after the insert)."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        return create()


@pytest.fixture
def coordinator(db):
    rops = OrganisationFactory(rops=True)
    return MembershipFactory(organisation=rops, role=MembershipRole.COORDINATOR).user


@pytest.fixture
def advisor(db):
    rops = OrganisationFactory(rops=True)
    return MembershipFactory(organisation=rops, role=MembershipRole.ADVISOR).user


@pytest.fixture
def powiats(db):
    """Two powiats, a gmina in each, a municipality requesting in each."""
    units = {}
    for code, name in (("2604", "kielecki"), ("2661", "Kielce")):
        powiat = TerritorialUnit.objects.create(code=code, kind=UnitKind.POWIAT, name=name)
        units[code] = TerritorialUnit.objects.create(
            code=code + "011", kind=UnitKind.GMINA, name=name.capitalize(), parent=powiat,
            subtype="urban",
        )  # fmt: skip
    return {
        code: OrganisationFactory(kind=OrganisationKind.GMINA, gmina=gmina)
        for code, gmina in units.items()
    }


def advisory(org, *, topic, status, received, **fields):
    case = Case.objects.create(
        kind="advisory", title="Wniosek", requesting_organisation=org, filed_by=UserFactory(),
        date_received=received, status=status, **fields,
    )  # fmt: skip
    AdvisoryRequest.objects.create(case=case, topic=topic)
    return case


@pytest.fixture
def requests_2026(powiats):
    """Four requests received in 2026; a draft and one received in 2025 that do not count."""
    kielce, kielecki = powiats["2661"], powiats["2604"]
    d = datetime.date
    advisory(kielce, topic="social_clauses", status="published", received=d(2026, 2, 2))
    advisory(kielce, topic="social_clauses", status="in_review", received=d(2026, 3, 1))
    advisory(kielecki, topic="local_plan", status="submitted", received=d(2026, 5, 5))
    advisory(kielecki, topic="cooperation", status="rejected", received=d(2026, 12, 31))
    advisory(kielce, topic="local_plan", status="draft", received=None)
    advisory(kielce, topic="social_clauses", status="submitted", received=d(2025, 12, 31))


def issued(org, *, started, issued_at, promised, pauses=()):
    """A published opinion: clock started, paused, published at ``issued_at``."""
    case = advisory(
        org, topic="social_clauses", status="published", received=started,
        clock_started_on=started, promised_date=promised, deadline_days=30,
    )  # fmt: skip
    for start, end in pauses:
        CasePause.objects.create(case=case, started_on=start, ended_on=end)
    actor = UserFactory()
    stamped(
        issued_at,
        lambda: CaseEvent.objects.create(
            case=case, actor=actor, action="publish", from_status="approved",
            to_status="published",
        ),
    )  # fmt: skip
    return case


@pytest.fixture
def opinions_2026(powiats):
    """Days counted, by hand: 18, 30 (40 less a 10-day pause), 70, 25; the first, second and
    fourth on time. One issued on 1 Jan 2027 at 00:30 Warsaw time (still 2026 in UTC) and one
    in 2025 fall outside 2026."""
    org = powiats["2661"]
    d = datetime.date
    issued(org, started=d(2026, 3, 2), issued_at=at(2026, 3, 20), promised=d(2026, 4, 1))
    issued(
        org, started=d(2026, 3, 2), issued_at=at(2026, 4, 11), promised=d(2026, 4, 13),
        pauses=[(d(2026, 3, 5), d(2026, 3, 15))],
    )  # fmt: skip
    issued(org, started=d(2026, 1, 5), issued_at=at(2026, 3, 16), promised=d(2026, 2, 4))
    issued(org, started=d(2026, 5, 4), issued_at=at(2026, 5, 29), promised=d(2026, 6, 3))
    issued(org, started=d(2026, 12, 1), issued_at=at(2027, 1, 1, 0, 30), promised=d(2027, 1, 4))
    issued(org, started=d(2025, 11, 3), issued_at=at(2025, 11, 20), promised=d(2025, 12, 3))


@pytest.fixture
def events_2026(db):
    """Attendances: workshop module 1 (two present, one absent), workshop module 2 (one person
    at both sessions), a conference (one), and a 2025 event (one) outside 2026."""
    from events.constants import EventKind, Module
    from events.models import Attendance, Certificate, CertificateKind, Registration
    from tests.events.conftest import make_event

    checker = UserFactory()

    def event(kind, module, starts):
        return make_event(
            kind=kind, module=module, capacity=20,
            sessions=[(s, None) for s in starts],
        )  # fmt: skip

    def person(ev, n, audience, present=True):
        reg = Registration.objects.create(
            event=ev, name=f"Osoba {n}", email=f"osoba{n}@example.pl", audience=audience,
            status="confirmed",
        )  # fmt: skip
        if present:
            for s in ev.sessions.all():
                Attendance.objects.create(registration=reg, session=s, checked_in_by=checker)
        return reg

    w1 = event(EventKind.WORKSHOP, Module.CLAUSES, [at(2026, 4, 10)])
    r1 = person(w1, 1, "local_government")
    person(w1, 2, "social_economy")
    person(w1, 3, "local_government", present=False)
    w2 = event(EventKind.WORKSHOP, Module.SERVICES, [at(2026, 5, 10), at(2026, 5, 11)])
    person(w2, 4, "local_government")
    conf = event(EventKind.CONFERENCE, None, [at(2026, 6, 1)])
    person(conf, 5, "science")
    old = event(EventKind.FAIR, None, [at(2025, 11, 1)])
    r6 = person(old, 6, "business")
    stamped(
        at(2026, 4, 11),
        lambda: Certificate.objects.create(
            kind=CertificateKind.ATTENDANCE, registration=r1, name="Osoba 1"
        ),
    )
    stamped(
        at(2026, 12, 1),
        lambda: Certificate.objects.create(
            kind=CertificateKind.CYCLE, email="osoba9@example.pl", name="Osoba 9"
        ),
    )
    stamped(at(2025, 11, 2), lambda: Certificate.objects.create(
        kind=CertificateKind.ATTENDANCE, registration=r6, name="Osoba 6"))  # fmt: skip


@pytest.fixture
def registry(db):
    """Three entities: two social cooperatives in Kielce (main PKD 2025 56.21.Z, section I;
    main PKD 2007 81.21.Z, section N), a foundation in Chęciny (powiat kielecki) with no PKD
    code."""
    from directory.registry import services
    from tests.registry.factories import load_teryt, make_entry

    load_teryt()
    a = make_entry("Spółdzielnia A", gmina_code="2661011")
    b = make_entry("Spółdzielnia B", gmina_code="2661011")
    make_entry("Fundacja C", kind=OrganisationKind.FOUNDATION, gmina_code="2604033")
    services.registry_pkd_set(entry=a, codes=[("2025", "56.21.Z", True)], actor=None)
    services.registry_pkd_set(
        entry=b, codes=[("2007", "81.21.Z", True), ("2007", "56.21.Z", False)], actor=None
    )
