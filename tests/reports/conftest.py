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


def version_with(case, clause_types, *, number=1):
    """Give an advisory case an issued version recommending ``clause_types``."""
    from casework.kinds.advisory.models import OpinionVersion

    clauses = [
        {"clause_type": t, "title": f"Klauzula {t}", "legal_basis": "Pzp", "text": "Treść"}
        for t in clause_types
    ]
    version = OpinionVersion.objects.create(
        advisory=case.advisory, number=number, text="Opinia", sha256="ab" * 32,
        sent_by=UserFactory(), clauses=clauses,
    )  # fmt: skip
    case.advisory.current_version = version
    case.advisory.save(update_fields=["current_version"])
    return version


@pytest.fixture
def clauses_2026(powiats):
    """Issued in 2026: A recommends art. 94 and art. 95; B art. 95 twice (counts once); C no
    clause. Not counted: D issued in 2025 (art. 96); E never published (art. 361); F issued
    in 2026 whose earlier version recommended art. 100 but the issued one art. 94."""
    org = powiats["2661"]
    d = datetime.date
    a = issued(org, started=d(2026, 2, 2), issued_at=at(2026, 3, 1), promised=d(2026, 3, 4))
    version_with(a, ["art94", "art95"])
    b = issued(org, started=d(2026, 2, 2), issued_at=at(2026, 6, 1), promised=d(2026, 3, 4))
    version_with(b, ["art95", "art95"])
    c = issued(org, started=d(2026, 2, 2), issued_at=at(2026, 7, 1), promised=d(2026, 3, 4))
    version_with(c, [])
    old = issued(org, started=d(2025, 2, 2), issued_at=at(2025, 3, 1), promised=d(2025, 3, 4))
    version_with(old, ["art96"])
    draft = advisory(org, topic="social_clauses", status="in_review", received=d(2026, 2, 2))
    version_with(draft, ["art361"])
    f = issued(org, started=d(2026, 2, 2), issued_at=at(2026, 8, 3), promised=d(2026, 9, 4))
    version_with(f, ["art100"], number=1)
    version_with(f, ["art94"], number=2)


@pytest.fixture
def employment_2026(db):
    """Employment figures of four entities (by hand, for 2026):
    A: 10 on 1 Dec 2025 (3 disabled), 12 on 30 Jun 2026 (3 disabled, 2 unemployed);
    B: 5 on 1 Mar 2026 (1 homeless) — none on the first day;
    C: 8 on 1 Jun 2025 (none at risk), 9 on 15 Jan 2027 (4 others) — 8 on both days;
    D: 4 on 1 Jan 2026 itself (1 leaving prison).
    First day: 10 + 8 + 4 = 22, at risk 3 + 0 + 1 = 4. Last day: 12 + 5 + 8 + 4 = 29, at risk
    5 + 1 + 0 + 1 = 7. FTE on the last day: 11.50 + 4.00 + 7.25 + 3.75 = 26.50."""
    from decimal import Decimal

    from directory.registry.models import EmploymentFigure
    from tests.registry.factories import load_teryt, make_entry

    load_teryt()
    d = datetime.date

    def figures(name, *rows):
        entry = make_entry(name)
        for as_of, headcount, fte, at_risk in rows:
            EmploymentFigure.objects.create(
                entry=entry, as_of=as_of, headcount=headcount, fte=Decimal(fte), at_risk=at_risk
            )

    figures(
        "A", (d(2025, 12, 1), 10, "9.00", {"disabled": 3}),
        (d(2026, 6, 30), 12, "11.50", {"disabled": 3, "unemployed": 2}),
    )  # fmt: skip
    figures("B", (d(2026, 3, 1), 5, "4.00", {"homeless": 1}))
    figures(
        "C", (d(2025, 6, 1), 8, "7.25", {}), (d(2027, 1, 15), 9, "8.00", {"other": 4}),
    )  # fmt: skip
    figures("D", (d(2026, 1, 1), 4, "3.75", {"prison": 1}))


@pytest.fixture
def practices_2026(powiats):
    """Good practices first published in 2026: two in reintegration (one archived since),
    one in social services. Not counted: one published in 2025, one still in review."""
    from casework.kinds.practice.models import GoodPractice

    org = powiats["2661"]
    actor = UserFactory()

    def practice(area, status, *moves):
        case = Case.objects.create(
            kind="practice", title="Praktyka", requesting_organisation=org, filed_by=actor,
            status=status,
        )  # fmt: skip
        GoodPractice.objects.create(case=case, area=area)
        for when, from_status, to_status in moves:
            stamped(
                when,
                lambda f=from_status, t=to_status: CaseEvent.objects.create(
                    case=case, actor=actor, action="move", from_status=f, to_status=t,
                ),
            )  # fmt: skip

    practice("reintegration", "published", (at(2026, 3, 1), "in_approval", "published"))
    practice(
        "reintegration", "archived", (at(2026, 5, 1), "in_approval", "published"),
        (at(2026, 9, 1), "published", "archived"),
    )  # fmt: skip
    practice("social_services", "published", (at(2026, 7, 1), "in_approval", "published"))
    practice("rops_owes", "published", (at(2025, 12, 1), "in_approval", "published"))
    practice("science_ngo_business", "in_review", (at(2026, 2, 1), "submitted", "in_review"))


@pytest.fixture
def event_places(events_2026):
    """The 2026 workshops of ``events_2026`` took place in Chęciny (module 1: two present) and
    Kielce (module 2: one present); the conference (one present) was online."""
    from events.models import Event
    from tests.registry.factories import load_teryt

    load_teryt()
    checiny = TerritorialUnit.objects.get(code="2604033")
    kielce = TerritorialUnit.objects.get(code="2661011")
    Event.objects.filter(module=1).update(gmina=checiny)
    Event.objects.filter(module=2).update(gmina=kielce)
    Event.objects.filter(kind="fair").update(gmina=kielce)  # 2025: outside the period


def _moves(case, actor, *moves):
    for when, from_status, to_status in moves:
        stamped(
            when,
            lambda f=from_status, t=to_status: CaseEvent.objects.create(
                case=case, actor=actor, action="move", from_status=f, to_status=t,
            ),
        )  # fmt: skip


@pytest.fixture
def agreements_2026(db):
    """Partnership agreements. In force at the end of 2026: A1 (since 2025), A2 (since April
    2026; a party left by an annex in October, a party joining has not signed), A4 (since
    November 2026, terminated in 2027). A3 was in force from 2025 and expired in August 2026;
    A5 is still being signed. Parties of A1, A2, A4 at the end of 2026: the gmina (twice),
    the association X (twice), two OPS and a social cooperative."""
    from casework.kinds.agreement.models import Agreement, AgreementParty, AgreementVersion

    actor = UserFactory()
    gmina = OrganisationFactory(kind=OrganisationKind.GMINA, name="Gmina A")
    x = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie X")
    y = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Y")
    z = OrganisationFactory(kind=OrganisationKind.ASSOCIATION, name="Stowarzyszenie Z")
    ops1 = OrganisationFactory(kind=OrganisationKind.OPS, name="OPS 1")
    ops2 = OrganisationFactory(kind=OrganisationKind.OPS, name="OPS 2")
    coop = OrganisationFactory(kind=OrganisationKind.SOCIAL_COOPERATIVE, name="Spółdzielnia")
    cis = OrganisationFactory(kind=OrganisationKind.CIS, name="CIS")

    def agreement(status, parties, *moves):
        """``parties``: (organisation, signed, left_at)."""
        case = Case.objects.create(
            kind="agreement", title="Porozumienie", requesting_organisation=parties[0][0],
            filed_by=actor, status=status,
        )  # fmt: skip
        row = Agreement.objects.create(case=case)
        version = AgreementVersion.objects.create(
            agreement=row, number=1, sha256="0" * 64, sent_by=actor, title="Porozumienie"
        )
        for i, (org, signed, left_at) in enumerate(parties):
            AgreementParty.objects.create(
                agreement=row, organisation=org, is_leader=i == 0,
                signed_version=version if signed else None, left_at=left_at,
            )  # fmt: skip
        _moves(case, actor, *moves)

    agreement(
        "in_force", [(gmina, True, None), (x, True, None), (ops1, True, None)],
        (at(2025, 6, 1), "signing", "in_force"),
    )  # fmt: skip
    agreement(
        "in_force",
        [(gmina, True, None), (coop, True, None), (y, True, at(2026, 10, 1)), (z, False, None)],
        (at(2026, 4, 1), "signing", "in_force"), (at(2026, 7, 1), "in_force", "amending"),
        (at(2026, 10, 1), "signing", "in_force"),
    )  # fmt: skip
    agreement(
        "expired", [(cis, True, None), (y, True, None)],
        (at(2025, 3, 1), "signing", "in_force"), (at(2026, 8, 31), "in_force", "expired"),
    )  # fmt: skip
    agreement(
        "terminated", [(x, True, None), (ops2, True, None)],
        (at(2026, 11, 1), "signing", "in_force"), (at(2027, 2, 1), "in_force", "terminated"),
    )  # fmt: skip
    agreement(
        "signing", [(cis, True, None), (coop, False, None)],
        (at(2026, 6, 1), "in_approval", "signing"),
    )  # fmt: skip


@pytest.fixture
def committee_2026(db):
    """The committee (listed), a listed thematic group and an unlisted one.

    Held in 2026: the committee on 10 March and 15 September, the listed group on 1 June, the
    unlisted group on 1 April. Not counted: the committee's meeting held on 10 December 2025,
    one cancelled in May 2026 and one planned for January 2027. Resolutions of 2026: two of
    the committee (10 March), one of the unlisted group; one of the committee of 2025.
    Attendance of the committee's seats with a vote (chair, secretary, three members; the
    observer does not count): 10 March — present, online, present, excused, absent;
    15 September — present, present, online, present, present; so 6 present, 2 online,
    1 excused, 1 absent."""
    from committee.models import Attendance, Body, Meeting, Resolution

    actor = UserFactory()

    def body(kind, name, *, listed=True):
        org = OrganisationFactory(kind=kind, name=name)
        return Body.objects.create(
            organisation=org, kind=kind, term_start=datetime.date(2023, 1, 1), is_public=listed
        )

    rkres = body("committee", "Regionalny Komitet")
    clauses = body("thematic_group", "Grupa ds. klauzul")
    hidden = body("thematic_group", "Grupa robocza", listed=False)

    def meeting(b, when, status="held"):
        return Meeting.objects.create(
            body=b, title="Posiedzenie", place="Kielce", starts_at=when,
            ends_at=when + datetime.timedelta(hours=2), status=status, created_by=actor,
        )  # fmt: skip

    march = meeting(rkres, at(2026, 3, 10))
    september = meeting(rkres, at(2026, 9, 15))
    december_2025 = meeting(rkres, at(2025, 12, 10))
    cancelled = meeting(rkres, at(2026, 5, 1), "cancelled")
    meeting(rkres, at(2027, 1, 20), "planned")
    meeting(clauses, at(2026, 6, 1))
    april = meeting(hidden, at(2026, 4, 1))

    seq = iter(range(1, 100))

    def resolution(b, day, m=None):
        n = next(seq)
        Resolution.objects.create(
            body=b, year=day.year, seq=n, number=f"{n}/{day.year}", title="Uchwała", text="…",
            adopted_on=day, meeting=m, adopted_by=actor,
        )  # fmt: skip

    d = datetime.date
    resolution(rkres, d(2026, 3, 10), march)
    resolution(rkres, d(2026, 3, 10), march)
    resolution(rkres, d(2025, 12, 10), december_2025)
    resolution(hidden, d(2026, 4, 1), april)

    roles = [MembershipRole.CHAIR, MembershipRole.SECRETARY, *[MembershipRole.MEMBER] * 3]
    seats = [MembershipFactory(organisation=rkres.organisation, role=r) for r in roles]
    observer = MembershipFactory(organisation=rkres.organisation, role=MembershipRole.OBSERVER)

    def attendance(m, statuses, observer_status):
        for seat, status in [*zip(seats, statuses, strict=True), (observer, observer_status)]:
            Attendance.objects.create(meeting=m, membership=seat, status=status, recorded_by=actor)

    attendance(march, ["present", "online", "present", "excused", "absent"], "present")
    attendance(september, ["present", "present", "online", "present", "present"], "absent")
    attendance(cancelled, ["present"] * 5, "present")
    attendance(december_2025, ["absent"] * 5, "absent")
    return {"rkres": rkres, "clauses": clauses, "hidden": hidden}
