# ruff: noqa: RUF001 (the buckets are labelled with en dashes, as ranges are written)
"""Every indicator against a literal fixture (tests/reports/conftest.py) and its literal value."""

import datetime

import pytest
from django.utils import translation

from reports import indicators as ind
from reports.indicators import Period

pytestmark = pytest.mark.django_db

YEAR_2026 = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_requests_by_topic(requests_2026):
    result = ind.requests_by_topic(YEAR_2026)
    assert result.rows == [
        ("social clauses in public procurement", 2),
        ("local social economy development plan", 1),
        ("social services", 0),
        ("active integration instruments", 0),
        ("cooperation and partnership", 1),
    ]
    assert result.total == 4


def test_requests_by_status_leaves_out_drafts(requests_2026):
    rows = dict(ind.requests_by_status(YEAR_2026).rows)
    assert rows == {
        "submitted": 1,
        "in review": 1,
        "awaiting information": 0,
        "in approval": 0,
        "approved": 0,
        "published": 1,
        "rejected": 1,
        "withdrawn": 0,
    }


def test_requests_by_powiat_in_teryt_order(requests_2026):
    assert ind.requests_by_powiat(YEAR_2026).rows == [("kielecki", 2), ("Kielce", 2)]


def test_requests_period_is_inclusive(requests_2026):
    one_day = Period(datetime.date(2026, 12, 31), datetime.date(2026, 12, 31))
    assert ind.requests_by_topic(one_day).total == 1
    assert ind.requests_by_topic(Period(datetime.date(2025, 1, 1), YEAR_2026.end)).total == 5


def test_time_to_opinion_counts_paused_days_out(opinions_2026):
    durations = sorted(ind.opinion_durations(YEAR_2026))
    assert durations == [(18, True), (25, True), (30, True), (70, False)]
    result = ind.time_to_opinion(YEAR_2026)
    assert result.rows == [
        ("up to 14 days", 0),
        ("15–30 days", 3),
        ("31–60 days", 0),
        ("over 60 days", 1),
    ]
    assert result.figures == [
        ("opinions issued", "4"),
        ("median (days)", "27.5"),
        ("90th percentile (days)", "70"),
        ("issued on time", "75.0 %"),
    ]


def test_time_to_opinion_in_polish_format(opinions_2026):
    with translation.override("pl"):
        result = ind.time_to_opinion(YEAR_2026)
    assert result.figures[1][1] == "27,5"
    assert result.figures[3][1] == "75,0 %"


def test_time_to_opinion_period_is_warsaw_days(opinions_2026):
    """Issued at 00:30 on 1 January 2027 in Warsaw (23:30 UTC on 31 December) is 2027."""
    year_2027 = Period(datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    assert ind.opinion_durations(year_2027) == [(31, True)]


def test_nearest_rank_percentile():
    assert ind.nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert ind.nearest_rank([5], 0.9) == 5


def test_no_opinions_says_so(db):
    result = ind.time_to_opinion(YEAR_2026)
    assert result.total == 0
    assert result.figures == []
    assert result.summary == "No opinion was issued in this period."


def test_entities_by_powiat(registry):
    assert ind.entities_by_powiat(YEAR_2026).rows == [("kielecki", 1), ("Kielce", 2)]


def test_entities_by_legal_form(registry):
    assert ind.entities_by_legal_form(YEAR_2026).rows == [
        ("social cooperative", 2),
        ("foundation", 1),
    ]


def test_entities_by_pkd_section_of_main_activity(registry):
    assert ind.entities_by_pkd_section(YEAR_2026).rows == [("I", 1), ("N", 1), ("not given", 1)]


def test_participants_by_audience(events_2026):
    assert ind.participants_by_audience(YEAR_2026).rows == [
        ("local-government staff", 2),
        ("social assistance and integration institutions", 0),
        ("social-economy entities", 1),
        ("science", 1),
        ("business", 0),
        ("other local actors", 0),
    ]


def test_participants_by_module_count_a_person_once(events_2026):
    rows = ind.participants_by_module(YEAR_2026).rows
    assert [n for _label, n in rows] == [2, 1, 0, 0]


def test_certificates_issued(events_2026):
    assert ind.certificates_issued(YEAR_2026).rows == [
        ("certificate of attendance", 1),
        ("certificate of completing the four-module cycle", 1),
    ]


def test_summary_names_the_largest_group(requests_2026):
    assert ind.requests_by_topic(YEAR_2026).summary == (
        "Total: 4; the largest group is “social clauses in public procurement”: 2."
    )


def test_time_to_opinion_summary(opinions_2026):
    assert ind.time_to_opinion(YEAR_2026).summary == (
        "Opinions issued: 4; median: 27.5 days; 90th percentile: 70 days; on time: 75.0 %."
    )


def test_clause_types_recommended_by_issued_opinions(clauses_2026):
    result = ind.clause_types_recommended(YEAR_2026)
    assert result.rows == [
        ("reserved contract (art. 94 Pzp)", 2),
        ("employment contract requirement (art. 95 Pzp)", 2),
        ("requirement to employ people from listed groups (art. 96 sec. 2 item 2 Pzp)", 0),
        ("social award criterion (art. 242 sec. 2 item 2 Pzp)", 0),
        ("reserved social services contract (art. 361 Pzp)", 0),
        ("labels (art. 104-106 Pzp)", 0),
        ("accessibility requirements (art. 100 Pzp)", 0),
        ("subcontracting to social economy entities", 0),
    ]
    assert result.figures == [
        ("opinions issued", "4"),
        ("opinions recommending a clause", "3"),
    ]
    assert result.summary.startswith(
        "Opinions issued: 4, of which 3 recommend at least one social clause."
    )


def test_clause_types_without_opinions_says_so(db):
    result = ind.clause_types_recommended(YEAR_2026)
    assert result.total == 0
    assert result.summary == "No opinion was issued in this period."


def test_employment_on_the_first_and_last_day(employment_2026):
    result = ind.employment_change(YEAR_2026)
    assert result.rows == [
        ("employees on the first day", 22),
        ("employees on the last day", 29),
        ("of whom at risk of exclusion, first day", 4),
        ("of whom at risk of exclusion, last day", 7),
    ]
    assert result.total is None  # two dates of one quantity do not add up
    assert result.figures == [
        ("entities reporting employment", "4"),
        ("change in employees", "+7"),
        ("change in people at risk of exclusion", "+3"),
        ("full-time equivalents on the last day", "26.50"),
    ]


def test_employment_falls_with_a_minus_sign(employment_2026):
    """From 1 Jul 2026 (A 12, B 5, C 8, D 4 = 29; at risk 7) to 31 Dec 2025 (A 10, C 8 = 18;
    at risk 3) — read backwards, a fall of 11 and of 4."""
    back = ind.employment_change(Period(datetime.date(2026, 7, 1), datetime.date(2026, 7, 1)))
    assert back.rows[0] == ("employees on the first day", 29)
    early = ind.employment_on(datetime.date(2025, 12, 31))
    assert early["headcount"] == 18
    assert ind._signed(early["headcount"] - 29) == "\N{MINUS SIGN}11"


def test_employment_at_risk_by_group(employment_2026):
    rows = dict(ind.employment_at_risk(YEAR_2026).rows)
    assert rows == {
        "people with disabilities": 3,
        "unemployed people": 2,
        "homeless people": 1,
        "people after addiction therapy": 0,
        "people with mental disorders": 0,
        "people leaving prison": 1,
        "refugees": 0,
        "young people leaving care": 0,
        "others at risk of exclusion": 0,
    }


def test_employment_in_polish_format(employment_2026):
    with translation.override("pl"):
        result = ind.employment_change(YEAR_2026)
    assert result.figures[3][1] == "26,50"


def test_practices_by_area_first_published_in_the_period(practices_2026):
    assert ind.practices_by_area(YEAR_2026).rows == [
        ("science, NGOs and business", 0),
        ("OPS, PCPR, PUP, NGOs and OWES", 1),
        ("reintegration: CIS, KIS, ZAZ and WTZ", 2),
        ("ROPS and OWES", 0),
    ]


def test_participants_by_gmina_of_the_event(event_places):
    assert ind.participants_by_gmina(YEAR_2026).rows == [
        ("Chęciny (kielecki)", 2),
        ("Kielce (Kielce)", 1),
        ("online or no place given", 1),
    ]


def test_agreements_in_force_entered_and_ended(agreements_2026):
    result = ind.agreements_in_force(YEAR_2026)
    assert result.rows == [
        ("in force on the last day", 3),
        ("entered into force in the period", 2),
        ("expired or terminated in the period", 1),
    ]
    assert result.keys == ["in_force", "entered", "ended"]
    assert result.total is None  # the three figures overlap
    year_2025 = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert ind.agreements_in_force(year_2025).rows == [
        ("in force on the last day", 2),
        ("entered into force in the period", 2),
        ("expired or terminated in the period", 0),
    ]


def test_agreement_parties_by_kind_of_organisation(agreements_2026):
    result = ind.agreement_parties_by_kind(YEAR_2026)
    assert result.rows == [
        ("municipal social welfare centre (OPS)", 2),
        ("association", 1),
        ("gmina (municipality)", 1),
        ("social cooperative", 1),
    ]
    assert result.keys == ["ops", "association", "gmina", "social_cooperative"]
    assert result.figures == [("agreements in force on the last day", "3")]
    # At the end of 2025: A1 and A3 (the CIS and Y, which left A2 only in 2026, were in A3).
    year_2025 = Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert dict(ind.agreement_parties_by_kind(year_2025).rows) == {
        "association": 2,
        "social integration centre (CIS)": 1,
        "gmina (municipality)": 1,
        "municipal social welfare centre (OPS)": 1,
    }


def test_committee_meetings_held_by_body(committee_2026):
    result = ind.meetings_held(YEAR_2026)
    rkres, clauses = committee_2026["rkres"], committee_2026["clauses"]
    assert result.rows == [
        ("Regionalny Komitet", 2),
        ("Grupa ds. klauzul", 1),
        ("bodies not listed on the portal", 1),
    ]
    assert result.keys == [str(rkres.pk), str(clauses.pk), "unlisted"]
    assert result.total == 4


def test_committee_resolutions_adopted_by_body(committee_2026):
    result = ind.resolutions_adopted(YEAR_2026)
    assert result.rows == [
        ("Regionalny Komitet", 2),
        ("Grupa ds. klauzul", 0),
        ("bodies not listed on the portal", 1),
    ]
    assert result.value("unlisted") == 1
    assert result.total == 3


def test_committee_attendance_of_seats_with_a_vote(committee_2026):
    result = ind.meeting_attendance(YEAR_2026)
    assert result.rows == [
        ("present", 6),
        ("present online", 2),
        ("excused", 1),
        ("absent", 1),
    ]
    assert result.keys == ["present", "online", "excused", "absent"]
    assert result.figures == [("meetings counted", "2"), ("seats with a vote present", "80.0 %")]
    nothing = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert ind.meeting_attendance(nothing).total == 0


def test_committee_and_agreement_indicators_public_or_not():
    assert ind.INDICATORS["agreements"].public
    assert ind.INDICATORS["agreement-parties"].public
    assert ind.INDICATORS["committee-meetings"].public
    assert ind.INDICATORS["committee-resolutions"].public
    assert not ind.INDICATORS["committee-attendance"].public
