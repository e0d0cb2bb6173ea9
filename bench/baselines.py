"""Baselines: minimal Django views over one raw SQL query each (bench/urls.py routes them)."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines

PAGE = 25  # casework.queues.PAGE_SIZE

QUEUE_SQL = """
SELECT c.id, c.number, c.title, c.status, c.due_date, o.name, g.name, u.full_name, a.topic
FROM casework_case c
JOIN directory_organisation o ON o.id = c.requesting_organisation_id
LEFT JOIN directory_territorialunit g ON g.id = o.gmina_id
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


@login_required
def queue(request):
    rows = _rows(QUEUE_SQL, {"uid": request.user.pk, "limit": PAGE})
    return HttpResponse(TEMPLATE.render({"rows": rows}))


def registry(request):
    term = request.GET.get("q", "catering")
    rows = _rows(REGISTRY_SQL, {"q": f"{term}:*"})
    return HttpResponse(TEMPLATE.render({"rows": rows}))
