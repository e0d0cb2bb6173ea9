"""Baselines: minimal Django views over one raw SQL query each (bench/urls.py routes them)."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines

from casework.queues.reads import PAGE_SIZE as PAGE

QUEUE_SQL = """
SELECT c.id, c.number, c.title, c.kind, c.status, c.resume_status, c.due_date, c.assignee_id,
       u.full_name, u.email, a.topic, o.name, g.name, p.name
FROM casework_case c
JOIN directory_organisation o ON o.id = c.requesting_organisation_id
LEFT JOIN directory_territorialunit g ON g.id = o.gmina_id
LEFT JOIN directory_territorialunit p ON p.id = g.parent_id
LEFT JOIN accounts_user u ON u.id = c.assignee_id
LEFT JOIN casework_advisoryrequest a ON a.case_id = c.id
WHERE c.requesting_organisation_id IN (
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
ORDER BY c.due_date ASC NULLS LAST, c.id DESC
LIMIT %(limit)s
"""

REGISTRY_SQL = """
SELECT e.organisation_id, o.name, e.offer,
       ts_rank(e.search_vector, to_tsquery('esflow_simple', %(q)s)) AS rank
FROM directory_registryentry e JOIN directory_organisation o ON o.id = e.organisation_id
WHERE o.is_active AND e.published AND e.search_vector @@ to_tsquery('esflow_simple', %(q)s)
ORDER BY rank DESC, e.organisation_id
LIMIT 20
"""

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='pl'><head><title>x</title></head><body><table>"
    "{% for r in rows %}<tr>{% for v in r %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}"
    "</table></body></html>"
)


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


QUEUE_TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='pl'><head><title>x</title></head><body><table><tbody>"
    '{% include "casework/queues/_rows.html" %}'
    "</tbody></table></body></html>"
)


@login_required
def queue(request):
    """The queue's rows from one raw SQL query, printed by the queue's own row template
    (``casework.queues.row_display`` formats the cells, as on the page): what the page does
    beyond this is the ORM, the tabs, the filters and the layout."""
    from casework.kinds.advisory.intake.constants import Topic
    from casework.queues import reads as queues
    from workflows import calendar

    today = calendar.today()
    topics = dict(Topic.choices)
    rows = [
        {
            **queues.row_display(
                pk=pk,
                number=number,
                title=title,
                kind=kind,
                status=status,
                topic=topics.get(topic, topic or ""),
                organisation=org,
                gmina=gmina or "",
                powiat=queues.powiat_label(powiat),
                assignee=full_name or email or "",
                due_date=due_date,
                paused=bool(resume_status),
                today=today,
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
            org,
            gmina,
            powiat,
        ) in _rows(QUEUE_SQL, {"uid": request.user.pk, "limit": PAGE})
    ]
    return HttpResponse(QUEUE_TEMPLATE.render({"rows": rows}, request))


def registry(request):
    term = request.GET.get("q", "catering")
    rows = _rows(REGISTRY_SQL, {"q": f"{term}:*"})
    return HttpResponse(TEMPLATE.render({"rows": rows}))
