"""Baselines of the indicators: each indicator's aggregate written by hand in PostgreSQL's SQL,
with the same label look-ups the indicator does (powiat and gmina names, PKD sections).

Each function returns ``{row key: value}`` as the indicator's ``Result.keys`` name its rows, so
that ``bench/run.py`` checks that candidate and baseline count the same before it times them.
"""

from django.db import connection

from directory.registry.constants import AtRiskGroup
from reports.indicators import DAY_BUCKETS, ISSUED, Period, pkd_section


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _span(period: Period):
    low, high = period.datetimes()
    return {"start": period.start, "end": period.end, "low": low, "high": high}


REQUESTS = """
FROM casework_case c
WHERE c.kind = 'advisory' AND c.status <> 'draft'
  AND c.date_received >= %(start)s AND c.date_received <= %(end)s
"""


def requests_topic(period):
    sql = "SELECT a.topic, count(*) " + REQUESTS.replace(
        "WHERE", "JOIN casework_advisoryrequest a ON a.case_id = c.id WHERE"
    ) + " GROUP BY 1"  # fmt: skip
    return dict(_rows(sql, _span(period)))


def requests_status(period):
    return dict(_rows("SELECT c.status, count(*) " + REQUESTS + " GROUP BY 1", _span(period)))


def _powiat_names(codes):
    _rows(
        "SELECT code, name FROM directory_territorialunit WHERE kind = 'powiat' "
        "AND code = ANY(%s) ORDER BY name",
        [list(codes)],
    )


def requests_powiat(period):
    sql = (
        "SELECT coalesce(substring(g.code, 1, 4), ''), count(*) "
        + REQUESTS.replace(
            "WHERE",
            "JOIN directory_organisation o ON o.id = c.requesting_organisation_id "
            "LEFT JOIN directory_territorialunit g ON g.id = o.gmina_id WHERE",
        )
        + " GROUP BY 1"
    )
    counts = dict(_rows(sql, _span(period)))
    _powiat_names(k for k in counts if k)
    return counts


#: Opinions first published in the period (the Warsaw day of the first move to "published").
ISSUED_SQL = """
SELECT c.id, c.clock_started_on, c.promised_date,
       (min(e.at) AT TIME ZONE 'Europe/Warsaw')::date AS issued_on
FROM casework_case c JOIN casework_caseevent e ON e.case_id = c.id AND e.to_status = %(issued)s
WHERE c.kind = %(kind)s {extra}
GROUP BY c.id HAVING min(e.at) >= %(low)s AND min(e.at) < %(high)s
"""


def time_to_opinion(period):
    tops = [top for top, _label in DAY_BUCKETS]
    sql = f"""
WITH issued AS ({ISSUED_SQL.format(extra="AND c.clock_started_on IS NOT NULL")}),
paused AS (
  SELECT p.case_id, sum(p.ended_on - p.started_on) AS days FROM casework_casepause p
  WHERE p.ended_on IS NOT NULL AND p.case_id IN (SELECT id FROM issued) GROUP BY p.case_id),
days AS (
  SELECT i.issued_on - i.clock_started_on - coalesce(p.days, 0) AS d,
         i.promised_date IS NOT NULL AND i.issued_on <= i.promised_date AS on_time
  FROM issued i LEFT JOIN paused p ON p.case_id = i.id)
SELECT count(*) FILTER (WHERE d <= {tops[0]}),
       count(*) FILTER (WHERE d > {tops[0]} AND d <= {tops[1]}),
       count(*) FILTER (WHERE d > {tops[1]} AND d <= {tops[2]}),
       count(*) FILTER (WHERE d > {tops[2]}),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY d),
       percentile_disc(0.9) WITHIN GROUP (ORDER BY d),
       count(*) FILTER (WHERE on_time)
FROM days
"""  # noqa: S608 (constants)
    row = _rows(sql, {**_span(period), "issued": ISSUED, "kind": "advisory"})[0]
    return dict(zip([f"to{t}" for t in tops] + ["over60"], row[:4], strict=True))


def clause_types(period):
    from casework.kinds.advisory.intake.constants import ClauseType

    types = list(ClauseType.values)
    filters = ", ".join(
        f"count(*) FILTER (WHERE v.clauses @> %(t{i})s::jsonb)" for i in range(len(types))
    )
    sql = f"""
WITH issued AS ({ISSUED_SQL.format(extra="")})
SELECT count(*), count(*) FILTER (WHERE v.clauses <> '[]'::jsonb), {filters}
FROM casework_opinionversion v
WHERE v.id IN (SELECT a.current_version_id FROM casework_advisoryrequest a
               JOIN issued i ON i.id = a.case_id)
"""  # noqa: S608 (constants)
    needles = {f"t{i}": f'[{{"clause_type": "{t}"}}]' for i, t in enumerate(types)}
    row = _rows(sql, {**_span(period), "issued": ISSUED, "kind": "advisory", **needles})[0]
    return dict(zip(types, row[2:], strict=True))


def entities_powiat(period):
    counts = dict(
        _rows(
            "SELECT coalesce(powiat_code, ''), count(*) FROM directory_registryentry GROUP BY 1",
            [],
        )
    )
    _powiat_names(k for k in counts if k)
    return counts


def entities_form(period):
    return dict(_rows("SELECT kind, count(*) FROM directory_registryentry GROUP BY 1", []))


def entities_pkd(period):
    by_section: dict[str, int] = {}
    for version, code, n in _rows(
        "SELECT version, code, count(DISTINCT entry_id) FROM directory_entrypkd "
        "WHERE is_main GROUP BY 1, 2",
        [],
    ):
        section = pkd_section(code, version) or "?"
        by_section[section] = by_section.get(section, 0) + n
    (without,) = _rows(
        "SELECT count(*) FROM directory_registryentry e WHERE NOT EXISTS (SELECT 1 FROM "
        "directory_entrypkd p WHERE p.entry_id = e.organisation_id AND p.is_main)",
        [],
    )[0]
    return {**by_section, "": without}


def _employment_on(day):
    groups = list(AtRiskGroup.values)
    sums = ", ".join(f"coalesce(sum((at_risk ->> '{g}')::int), 0)" for g in groups)
    sql = f"""
SELECT count(*), coalesce(sum(headcount), 0), sum(fte), {sums}
FROM (SELECT DISTINCT ON (entry_id) entry_id, headcount, fte, at_risk
      FROM directory_employmentfigure WHERE as_of <= %s ORDER BY entry_id, as_of DESC) f
"""  # noqa: S608 (constants)
    row = _rows(sql, [day])[0]
    return row[1], dict(zip(groups, row[3:], strict=True))


def employment(period):
    first, first_risk = _employment_on(period.start)
    last, last_risk = _employment_on(period.end)
    return {
        "employees_first": first,
        "employees_last": last,
        "at_risk_first": sum(first_risk.values()),
        "at_risk_last": sum(last_risk.values()),
    }


def employment_at_risk(period):
    return _employment_on(period.end)[1]


def practices_area(period):
    sql = f"""
WITH published AS ({ISSUED_SQL.format(extra="")})
SELECT g.area, count(*) FROM practice_goodpractice g JOIN published p ON p.id = g.case_id
GROUP BY 1
"""  # noqa: S608 (constants)
    return dict(_rows(sql, {**_span(period), "issued": "published", "kind": "practice"}))


ATTENDED = """
FROM events_attendance a JOIN events_session s ON s.id = a.session_id
JOIN events_registration r ON r.id = a.registration_id
JOIN events_event e ON e.id = s.event_id
WHERE s.starts_at >= %(low)s AND s.starts_at < %(high)s
"""


def participants_audience(period):
    sql = "SELECT r.audience, count(DISTINCT a.registration_id) " + ATTENDED + " GROUP BY 1"
    return dict(_rows(sql, _span(period)))


def participants_module(period):
    sql = (
        "SELECT e.module::text, count(DISTINCT a.registration_id) "
        + ATTENDED
        + " AND e.module IS NOT NULL GROUP BY 1"
    )
    return dict(_rows(sql, _span(period)))


def participants_gmina(period):
    sql = (
        "SELECT coalesce(g.code, ''), g.name, pw.name, count(DISTINCT a.registration_id) "
        + ATTENDED.replace(
            "WHERE",
            "LEFT JOIN directory_territorialunit g ON g.id = e.gmina_id "
            "LEFT JOIN directory_territorialunit pw ON pw.id = g.parent_id WHERE",
        )
        + " GROUP BY 1, 2, 3"
    )
    return {code: n for code, _name, _powiat, n in _rows(sql, _span(period))}


def certificates(period):
    sql = (
        "SELECT kind, count(*) FROM events_certificate "
        "WHERE issued_at >= %(low)s AND issued_at < %(high)s GROUP BY 1"
    )
    return dict(_rows(sql, _span(period)))


#: Agreements (cases) put in force before ``high`` (their first move to "in force") and not
#: expired or terminated by then.
IN_FORCE_SQL = """
SELECT c.id FROM casework_case c
WHERE c.kind = 'agreement'
  AND EXISTS (SELECT 1 FROM casework_caseevent e WHERE e.case_id = c.id
              AND e.to_status = 'in_force' AND e.at < %(high)s)
  AND NOT EXISTS (SELECT 1 FROM casework_caseevent e WHERE e.case_id = c.id
                  AND e.to_status IN ('expired', 'terminated') AND e.at < %(high)s)
"""


def agreements(period):
    sql = """
WITH moves AS (
  SELECT e.case_id,
         min(e.at) FILTER (WHERE e.to_status = 'in_force') AS entered,
         min(e.at) FILTER (WHERE e.to_status IN ('expired', 'terminated')) AS ended
  FROM casework_caseevent e JOIN casework_case c ON c.id = e.case_id
  WHERE c.kind = 'agreement' AND e.to_status IN ('in_force', 'expired', 'terminated')
  GROUP BY e.case_id)
SELECT count(*) FILTER (WHERE entered < %(high)s AND (ended IS NULL OR ended >= %(high)s)),
       count(*) FILTER (WHERE entered >= %(low)s AND entered < %(high)s),
       count(*) FILTER (WHERE ended >= %(low)s AND ended < %(high)s)
FROM moves
"""
    row = _rows(sql, _span(period))[0]
    return dict(zip(["in_force", "entered", "ended"], row, strict=True))


def agreement_parties(period):
    sql = f"""
SELECT o.kind, count(DISTINCT p.organisation_id)
FROM agreement_agreementparty p JOIN directory_organisation o ON o.id = p.organisation_id
WHERE p.agreement_id IN ({IN_FORCE_SQL}) AND p.signed_version_id IS NOT NULL
  AND (p.left_at IS NULL OR p.left_at >= %(high)s)
GROUP BY 1
"""  # noqa: S608 (constants)
    counts = dict(_rows(sql, _span(period)))
    _rows(f"SELECT count(*) FROM ({IN_FORCE_SQL}) a", _span(period))  # noqa: S608
    return counts


def _by_body(counts):
    """The bodies' labels, the unlisted ones summed into one row (as the indicator does)."""
    result = {}
    for pk, _name, listed in _rows(
        "SELECT b.id, o.name, b.is_public FROM committee_body b "
        "JOIN directory_organisation o ON o.id = b.organisation_id ORDER BY b.kind, o.name, b.id",
        [],
    ):
        key = str(pk) if listed else "unlisted"
        result[key] = result.get(key, 0) + counts.get(pk, 0)
    return result


def committee_meetings(period):
    sql = (
        "SELECT body_id, count(*) FROM committee_meeting WHERE status = 'held' "
        "AND starts_at >= %(low)s AND starts_at < %(high)s GROUP BY 1"
    )
    return _by_body(dict(_rows(sql, _span(period))))


def committee_resolutions(period):
    sql = (
        "SELECT body_id, count(*) FROM committee_resolution "
        "WHERE adopted_on >= %(start)s AND adopted_on <= %(end)s GROUP BY 1"
    )
    return _by_body(dict(_rows(sql, _span(period))))


def committee_attendance(period):
    """The seats by attendance and, as the indicator's figure, the meetings counted."""
    statuses = ("present", "online", "excused", "absent")
    counts = ", ".join(f"count(*) FILTER (WHERE a.status = '{s}')" for s in statuses)
    sql = f"""
SELECT count(DISTINCT a.meeting_id), {counts}
FROM committee_attendance a JOIN committee_meeting m ON m.id = a.meeting_id
JOIN directory_membership s ON s.id = a.membership_id
WHERE m.status = 'held' AND m.starts_at >= %(low)s AND m.starts_at < %(high)s
  AND s.role IN ('chair', 'vice_chair', 'secretary', 'member')
"""  # noqa: S608 (constants)
    _meetings, *seats = _rows(sql, _span(period))[0]
    return dict(zip(statuses, seats, strict=True))


#: The baseline of each indicator, by its slug.
BASELINES = {
    "requests-topic": requests_topic,
    "requests-status": requests_status,
    "requests-powiat": requests_powiat,
    "time-to-opinion": time_to_opinion,
    "clause-types": clause_types,
    "entities-powiat": entities_powiat,
    "entities-form": entities_form,
    "entities-pkd": entities_pkd,
    "employment": employment,
    "employment-at-risk": employment_at_risk,
    "practices-area": practices_area,
    "participants-audience": participants_audience,
    "participants-module": participants_module,
    "participants-gmina": participants_gmina,
    "certificates": certificates,
    "agreements": agreements,
    "agreement-parties": agreement_parties,
    "committee-meetings": committee_meetings,
    "committee-resolutions": committee_resolutions,
    "committee-attendance": committee_attendance,
}
