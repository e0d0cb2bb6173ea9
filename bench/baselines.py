"""Baselines: minimal Django views over raw SQL doing the work their page does: the rows and
the counts the page shows (bench/urls.py routes them)."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines

from casework.queues.reads import COUNT_CAP
from casework.queues.reads import PAGE_SIZE as PAGE

#: Who the advisor may see: the visibility rule written out in SQL.
VISIBLE_SQL = """
c.requesting_organisation_id IN (
        SELECT m.organisation_id FROM directory_membership m
        WHERE m.user_id = %(uid)s AND m.valid_from <= CURRENT_DATE
          AND (m.valid_to IS NULL OR m.valid_to >= CURRENT_DATE))
   OR c.filed_by_id = %(uid)s
   OR (c.status <> 'draft' AND (c.assignee_id = %(uid)s OR EXISTS (
        SELECT 1 FROM directory_membership m JOIN directory_organisation r
          ON r.id = m.organisation_id
        WHERE m.user_id = %(uid)s AND m.role IN ('advisor', 'coordinator')
          AND r.kind IN ('rops', 'owes') AND m.valid_from <= CURRENT_DATE
          AND (m.valid_to IS NULL OR m.valid_to >= CURRENT_DATE))))
"""

QUEUE_SQL = (
    """
SELECT c.id, c.number, c.title, c.kind, c.status, c.resume_status, c.due_date, c.assignee_id,
       u.full_name, u.email, a.topic, a.intake -> 'requested_date', dp.area,
       o.name, g.name, p.name
FROM casework_case c
JOIN directory_organisation o ON o.id = c.requesting_organisation_id
LEFT JOIN directory_territorialunit g ON g.id = o.gmina_id
LEFT JOIN directory_territorialunit p ON p.id = g.parent_id
LEFT JOIN accounts_user u ON u.id = c.assignee_id
LEFT JOIN casework_advisoryrequest a ON a.case_id = c.id
LEFT JOIN practice_goodpractice dp ON dp.case_id = c.id
WHERE """
    + VISIBLE_SQL
    + """
ORDER BY c.due_date ASC NULLS LAST, c.id DESC
LIMIT %(limit)s
"""
)

#: The count the page shows (its tab and its pages), stopped past the cap as the page stops.
QUEUE_COUNT_SQL = (
    "SELECT COUNT(*) FROM (SELECT c.id FROM casework_case c WHERE "  # noqa: S608 (constants)
    + VISIBLE_SQL
    + " LIMIT %(cap)s) AS t"
)

REGISTRY_MATCHES = """
FROM directory_registryentry e JOIN directory_organisation o ON o.id = e.organisation_id
WHERE o.is_active AND e.published AND e.search_vector @@ to_tsquery('esflow_simple', %(q)s)
"""
#: The page's 20 rows, in the page's order (an exact name first, then rank, then name).
REGISTRY_SQL = (
    """
SELECT e.organisation_id, o.name, o.kind, o.locality, e.powiat_code, e.offer,
       e.ready_for_public_contracts, e.is_social_enterprise,
       e.consent_address, e.consent_offer, e.consent_ps_status """
    + REGISTRY_MATCHES
    + """
ORDER BY (e.name_folded = %(folded)s) DESC,
         ts_rank(e.search_vector, to_tsquery('esflow_simple', %(q)s)) DESC,
         o.name COLLATE "esflow_pl", e.organisation_id
LIMIT 20
"""
)
#: The counts the page shows: how many entries match (the heading, the pages) and, per
#: powiat, how many have a published address (the map).
REGISTRY_COUNTS_SQL = (
    "SELECT e.powiat_code, e.consent_address, COUNT(*) "
    + REGISTRY_MATCHES
    + " GROUP BY e.powiat_code, e.consent_address"
)

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='pl'><head><title>x</title></head><body><p>{{ count }}</p>"
    "<table>{% for r in rows %}<tr>{% for v in r %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}"
    "</table></body></html>"
)


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


QUEUE_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='pl'><head><title>x</title></head><body><p>{{ count }}</p>"
    "<table><tbody>"
    '{% include "casework/queues/_rows.html" %}'
    "</tbody></table></body></html>"
)


@login_required
def queue(request):
    """The queue's rows and its count (stopped past ``COUNT_CAP``, as on the page) from raw
    SQL, the rows printed by the queue's own row template (``row_display`` and ``kind_cells``
    format the cells, as on the page: the advisory topic and needed-by date, the practice's
    area): what the page does beyond this is the ORM, the tabs, the filters and the layout.
    The other tabs' counts are not on the page (it loads them afterwards)."""
    from casework.kinds.advisory.intake.constants import Topic
    from casework.queues import reads as queues
    from workflows import calendar

    today = calendar.today()
    topics = dict(Topic.choices)
    found = _rows(QUEUE_SQL, {"uid": request.user.pk, "limit": PAGE})
    heads = queues.kind_column_heads({row[3] for row in found})
    rows = [
        {
            **queues.row_display(
                pk=pk,
                number=number,
                title=title,
                kind=kind,
                status=status,
                detail=topics.get(topic, topic or ""),
                organisation=org,
                gmina=gmina or "",
                powiat=queues.powiat_label(powiat),
                assignee=full_name or email or "",
                due_date=due_date,
                paused=bool(resume_status),
                today=today,
            ),
            "kind_cells": queues.kind_cells(
                {
                    "kind": kind,
                    "due_date": due_date,
                    "advisory__intake__requested_date": requested,
                    "practice__area": area,
                },
                heads,
            ),
            # the advisor is staff: a case in a claimable state with nobody on it can be taken
            "can_claim": status in queues.claimable_statuses(kind) and assignee_id is None,
            "selectable": False,
        }
        for (
            pk,
            number,
            title,
            kind,
            status,
            resume_status,
            due_date,
            assignee_id,
            full_name,
            email,
            topic,
            requested,
            area,
            org,
            gmina,
            powiat,
        ) in found
    ]
    (count,) = _rows(QUEUE_COUNT_SQL, {"uid": request.user.pk, "cap": COUNT_CAP + 1})[0]
    return HttpResponse(QUEUE_TEMPLATE.render({"rows": rows, "count": count}, request))


def registry(request):
    """The search page's rows and counts (total, per powiat) from raw SQL, printed plainly."""
    term = request.GET.get("q", "catering")
    params = {"q": f"{term}:*", "folded": term.lower()}
    per_powiat: dict[str, int] = {}
    total = 0
    for code, address_published, n in _rows(REGISTRY_COUNTS_SQL, params):
        total += n
        if address_published:
            per_powiat[code] = per_powiat.get(code, 0) + n
    rows = _rows(REGISTRY_SQL, params)
    return HttpResponse(TEMPLATE.render({"rows": rows, "count": (total, per_powiat)}))
