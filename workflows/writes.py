"""A transition's writes (the gated UPDATE, its event, the event's outbox rows): one statement
on PostgreSQL.

Hand-written because the band needs it: "one transition (reassign) vs bare conditional
UPDATE" (bench/README.md, the transition figure) holds only with fewer round trips and
less ORM work than the ORM's UPDATE and two INSERTs (the event, then its outbox rows, whose
keys and payloads hold the new event's id). On PostgreSQL one data-modifying CTE does all
three: the conditional UPDATE (``WHERE pk AND status``, the status through the trigger's
gate, ``dbguards.GATED_SQL``) returns the row, the event is inserted only if it did, and the
outbox rows take their keys and payloads from the event's id. The rows are those that
``outbox_add_new`` writes (same columns and defaults, keys ``<label>:<event id>:<topic>:
<suffix>``, payloads with ``event_id``, the first of two equal keys kept) and are handed on
the same way (``outbox.hand_off_new``: the relay runs them). Any other database (SQLite)
keeps the ORM's statements.
"""

from django.db import connections, router
from django.utils import timezone

from .dbguards import GATE_SETTING, GATED_SQL, gated_value
from .models import OutboxRow
from .outbox import hand_off_new, outbox_add_new


def transition_write(
    locked, *, old_status: str, changes: dict, event_model, event: dict, jobs: list
) -> bool:
    """Write ``changes`` (attname → value, ``status`` included) to the row ``locked`` if its
    status is still ``old_status``; if it was, add the event ``event_model(**event)`` and,
    for each ``(topic, suffix, payload)`` of ``jobs``, its outbox row. False (nothing
    written) if the row was not in ``old_status``. Inside the transition's transaction.
    """
    model = type(locked)
    alias = router.db_for_write(model)
    connection = connections[alias]
    if (
        connection.vendor != "postgresql"
        or router.db_for_write(event_model) != alias
        or router.db_for_write(OutboxRow) != alias
    ):
        return _transition_write_orm(
            locked, old_status=old_status, changes=changes, event_model=event_model,
            event=event, jobs=jobs, using=alias,
        )  # fmt: skip
    qn = connection.ops.quote_name
    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields}
    sets, set_params = [], []
    for attname, value in changes.items():
        if attname == "status":
            sets.append(f"{qn(fields[attname].column)} = {GATED_SQL}")
            set_params += [GATE_SETTING, f"{model._meta.db_table}:{locked.pk}", value]
        else:
            sets.append(f"{qn(fields[attname].column)} = %s")
            set_params.append(fields[attname].get_db_prep_save(value, connection))
    pk_col = qn(model._meta.pk.column)
    event_cols, event_params = _columns(event_model, event, now, connection)
    # The event is inserted once per updated row: not at all if the status has moved on.
    sql = (
        f"WITH up AS (UPDATE {qn(model._meta.db_table)} SET {', '.join(sets)} "  # noqa: S608 (names)
        f"WHERE {pk_col} = %s AND {qn(fields['status'].column)} = %s RETURNING {pk_col}), "
        f"ev AS (INSERT INTO {qn(event_model._meta.db_table)} ({', '.join(event_cols)}) "
        f"SELECT {', '.join(['%s'] * len(event_cols))} FROM up "
        f"RETURNING {qn(event_model._meta.pk.column)} AS id)"
    )
    params = [*set_params, locked.pk, old_status, *event_params]
    unique: dict[str, tuple[str, dict]] = {}  # key tail -> (topic, payload)
    for topic, suffix, payload in jobs:
        # The first of two equal keys wins, as in outbox_add_new.
        unique.setdefault(f":{topic}:{suffix}", (topic, payload))
    if unique:
        row_cols, row_params = _columns(
            OutboxRow, {"available_at": now}, now, connection, skip={"topic", "key", "payload"}
        )
        payload_field = OutboxRow._meta.get_field("payload")
        job_rows, job_params = [], []
        for n, (tail, (topic, payload)) in enumerate(unique.items()):
            job_rows.append(f"(%s, %s, %s::jsonb, {n})")
            job_params += [topic, tail, payload_field.get_db_prep_save(payload, connection)]
        sql += (
            f", outbox AS (INSERT INTO {qn(OutboxRow._meta.db_table)} "  # noqa: S608 (names)
            f"({qn('topic')}, {qn('key')}, {qn('payload')}, {', '.join(row_cols)}) "
            f"SELECT j.topic, %s || ev.id::text || j.tail, "
            f"j.payload || jsonb_build_object('event_id', ev.id), "
            f"{', '.join(['%s'] * len(row_cols))} "
            f"FROM ev, (VALUES {', '.join(job_rows)}) AS j(topic, tail, payload, n) "
            f"ORDER BY j.n RETURNING {qn(OutboxRow._meta.pk.column)} AS id) "
            f"SELECT (SELECT id FROM ev), ARRAY(SELECT id FROM outbox ORDER BY id)"
        )
        params += [event_model._meta.label_lower + ":", *row_params, *job_params]
    else:
        sql += " SELECT (SELECT id FROM ev), ARRAY[]::bigint[]"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        event_id, row_ids = cursor.fetchone()
    if event_id is None:
        return False
    if row_ids:
        hand_off_new(row_ids)
    return True


def _columns(model, values: dict, now, connection, skip=()) -> tuple[list[str], list]:
    """The quoted columns and database values of a new ``model`` row: ``values``, the time
    for ``auto_now``/``auto_now_add`` fields, the field's default otherwise (as ``save``)."""
    qn = connection.ops.quote_name
    cols, params = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in skip:
            continue
        if field.name in values:
            value = values[field.name]
            if field.is_relation and hasattr(value, "_meta"):
                value = value.pk
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        cols.append(qn(field.column))
        params.append(field.get_db_prep_save(value, connection))
    return cols, params


def _transition_write_orm(locked, *, old_status, changes, event_model, event, jobs, using):
    model = type(locked)
    changes = dict(changes)
    changes["status"] = gated_value(changes["status"], model._meta.db_table, locked.pk, using)
    updated = model._base_manager.filter(pk=locked.pk, status=old_status).update(**changes)
    if updated != 1:
        return False
    created = event_model.objects.create(**event)
    label = created._meta.label_lower
    outbox_add_new(
        [
            (topic, f"{label}:{created.pk}:{topic}:{suffix}", {**payload, "event_id": created.pk})
            for topic, suffix, payload in jobs
        ]
    )
    return True
