"""The indicators written in SQL by hand (reports.indicators, the module's docstring) at the
edges of a period, on both databases: SQLite keeps date-times as UTC text, so a bound passed
without Django's adaptation would be an hour or two off around midnight in Warsaw.

Literal fixtures: each test builds the rows it counts and states the counts."""

import datetime

import pytest
from django.utils import translation

from casework.kinds.agreement.constants import ENDED_STATES, AgreementStatus
from casework.kinds.agreement.models import Agreement
from casework.models import Case
from committee.models import Attendance, Body, Meeting, Resolution
from directory.constants import MembershipRole
from reports import indicators as ind
from reports.indicators import Period
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reports.conftest import _moves, at

pytestmark = pytest.mark.django_db

YEAR_2026 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def actor():
    return UserFactory()


@pytest.fixture
def group():
    org = OrganisationFactory(kind="thematic_group", name="Grupa ds. targów")
    return Body.objects.create(
        organisation=org, kind="thematic_group", term_start=datetime.date(2023, 1, 1)
    )


def test_meetings_at_midnight_in_warsaw(group, actor):
    """Held at the first and the last minute of 2026 in Warsaw (22:59 and 23:00 UTC of the day
    before the new year are on either side): two; the minute before and at the new year: not."""
    for when in (
        at(2025, 12, 31, 23, 59),  # 22:59 UTC, 31 December 2025
        at(2026, 1, 1, 0, 0),  # 23:00 UTC, 31 December 2025: the period's first instant
        at(2026, 12, 31, 23, 59),  # 22:59 UTC
        at(2027, 1, 1, 0, 0),  # 23:00 UTC, 31 December 2026: the first instant after it
    ):
        Meeting.objects.create(
            body=group, title="Posiedzenie", place="Kielce", starts_at=when,
            ends_at=when + datetime.timedelta(hours=1), status="held", created_by=actor,
        )  # fmt: skip
    assert ind.meetings_held(YEAR_2026).rows == [("Grupa ds. targów", 2)]
    first_day = Period(datetime.date(2026, 1, 1), datetime.date(2026, 1, 1))
    assert ind.meetings_held(first_day).rows == [("Grupa ds. targów", 1)]


def test_resolutions_on_the_first_and_last_day(group, actor):
    for seq, day in enumerate(
        (datetime.date(2025, 12, 31), datetime.date(2026, 1, 1), datetime.date(2026, 12, 31),
         datetime.date(2027, 1, 1)),
        start=1,
    ):  # fmt: skip
        Resolution.objects.create(
            body=group, year=day.year, seq=seq, number=f"{seq}/{day.year}", title="Uchwała",
            text="…", adopted_on=day, adopted_by=actor,
        )  # fmt: skip
    assert ind.resolutions_adopted(YEAR_2026).rows == [("Grupa ds. targów", 2)]
    assert ind.resolutions_adopted(YEAR_2026).keys == [str(group.pk)]


def test_no_bodies_no_rows():
    result = ind.meetings_held(YEAR_2026)
    assert (result.rows, result.keys, result.total) == ([], [], 0)
    assert result.summary == "Nothing was counted in this period."


def test_agreements_at_midnight_in_warsaw(actor):
    """B1 came into force at the first instant of 2026 in Warsaw (23:00 UTC on 31 December
    2025); B2 at the first instant of 2027 (23:00 UTC on 31 December 2026) and B3 ended then;
    B4 ended at the last minute of 2026."""
    org = OrganisationFactory(name="Gmina B")

    def agreement(status, *moves):
        case = Case.objects.create(
            kind="agreement", title="Porozumienie", requesting_organisation=org,
            filed_by=actor, status=status,
        )  # fmt: skip
        Agreement.objects.create(case=case)
        _moves(case, actor, *moves)

    agreement("in_force", (at(2026, 1, 1, 0, 0), "signing", "in_force"))
    agreement("in_force", (at(2027, 1, 1, 0, 0), "signing", "in_force"))
    agreement(
        "terminated",
        (at(2025, 5, 1), "signing", "in_force"), (at(2027, 1, 1, 0, 0), "in_force", "terminated"),
    )  # fmt: skip
    agreement(
        "expired",
        (at(2025, 5, 1), "signing", "in_force"), (at(2026, 12, 31, 23, 59), "in_force", "expired"),
    )  # fmt: skip
    result = ind.agreements_in_force(YEAR_2026)
    assert result.value("in_force") == 2  # B1 and B3
    assert result.value("entered") == 1  # B1
    assert result.value("ended") == 1  # B4


def test_the_statement_names_every_ended_state():
    """The agreements' statement lists the ended states one by one: a new one must be added
    there too."""
    assert {AgreementStatus.EXPIRED, AgreementStatus.TERMINATED} == ENDED_STATES
    for state in ENDED_STATES:
        assert f"%({state})s" in ind.AGREEMENTS_SQL


def test_attendance_at_midnight_in_warsaw(group, actor):
    """Seats at the meetings held at the first instant of 2026 (counted) and of 2027 (not): a
    chair present, a member online, an observer present (no vote: not counted)."""
    chair = MembershipFactory(organisation=group.organisation, role=MembershipRole.CHAIR)
    member = MembershipFactory(organisation=group.organisation, role=MembershipRole.MEMBER)
    observer = MembershipFactory(organisation=group.organisation, role=MembershipRole.OBSERVER)
    for when, statuses in (
        (at(2026, 1, 1, 0, 0), ("present", "online", "present")),
        (at(2027, 1, 1, 0, 0), ("absent", "absent", "absent")),
    ):
        meeting = Meeting.objects.create(
            body=group, title="Posiedzenie", place="Kielce", starts_at=when,
            ends_at=when + datetime.timedelta(hours=1), status="held", created_by=actor,
        )  # fmt: skip
        for seat, status in zip((chair, member, observer), statuses, strict=True):
            Attendance.objects.create(
                meeting=meeting, membership=seat, status=status, recorded_by=actor
            )
    result = ind.meeting_attendance(YEAR_2026)
    assert result.rows == [("present", 1), ("present online", 1), ("excused", 0), ("absent", 0)]
    assert result.figures == [("meetings counted", "1"), ("seats with a vote present", "100.0 %")]
