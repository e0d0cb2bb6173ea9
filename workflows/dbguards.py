"""PostgreSQL guards of the engine and the audit log, installed by migrations (no-ops on SQLite).

* ``esflow_protect_status``: a BEFORE UPDATE trigger function that refuses any change of
  ``status`` or ``resume_status`` unless the row's gate is open (below).
* ``esflow_append_only``: refuses UPDATE and DELETE of case events (an audit log is only
  appended to) and of the declared conflicts of interest the events point at. The
  registry's change history has its own trigger (directory 0004) that refuses UPDATE only:
  deleting an entry takes its history with it.
* ``esflow_refuse_truncate``: a statement-level BEFORE TRUNCATE trigger function on every
  table of ``APPEND_ONLY_TABLES``, so that ``TRUNCATE`` (also one that only reaches them
  through CASCADE) and so ``manage.py flush`` do not empty them, unless the session has set
  ``esflow.allow_truncate`` to ``on`` (below).

The gate (since workflows 0003) is a one-row, one-use token set by the service's UPDATE
itself: the new ``status`` value is written as ``gated_value`` (below), which sets the
transaction-local ``esflow.transition`` to ``<table>:<id>`` while PostgreSQL computes the new
row, before the row's BEFORE UPDATE trigger runs. The trigger lets exactly that row through
and clears the token, so the gate is never open before or after that one row of that one
statement, and it costs no round trip of its own. Any other UPDATE finds no token (or one
naming another row) and may not change the status. If the WHERE clause matches no row
(a conflict), the value is never computed and the gate never opens.

What these triggers stop, and what they do not:

* They stop every path that does not set out to get around them: the application's own
  code, the admin, ORM ``save()``, ``update()`` and ``delete()``, ``manage.py flush`` and
  raw SQL run by mistake. None of these changes a status outside ``transition_apply``, or
  rewrites, deletes or empties the case events.
* They do not stop a session that sets out to. ``esflow.transition`` and
  ``esflow.allow_truncate`` are ordinary settings that any session may set itself
  (``set_config``, ``SET``, ``PGOPTIONS``): the gate and the truncate switch are
  conventions, not secrets. Nor do they stop a superuser or the owner of the tables, who
  may switch triggers off (``ALTER TABLE … DISABLE TRIGGER``,
  ``session_replication_role = replica``) or drop them.
* The barrier for the audit log is the database role the application runs as: not a
  superuser, not the owner, and on the append-only tables without UPDATE and TRUNCATE
  privileges, on the case events without DELETE either (``app_role_grant_sql``, run by
  ``manage.py db_grant_app_role``; README, "Production database"). For that role the
  privileges refuse what the triggers refuse, whatever it sets.
* The status has no such barrier: the application's role must update cases, so a session
  of it that sets ``esflow.transition`` by hand can change a status (without an event).
  The gate keeps the code honest; it does not hold against someone with the application's
  database credentials.

``esflow.allow_truncate`` exists so that a test database can be reset between tests (the
suite's own connections set it, ``tests/dbreset.py``) and the owner of a development
database can empty it (``PGOPTIONS='-c esflow.allow_truncate=on' manage.py flush``). It is
a convenience and is documented as one.
"""

import re

from django.db import DEFAULT_DB_ALIAS, connections, migrations
from django.db.models import CharField, Value
from django.db.models.expressions import RawSQL

GATE_SETTING = "esflow.transition"
#: The new status, written through the gate; parameters: GATE_SETTING, "<table>:<id>", value.
GATED_SQL = "CASE WHEN set_config(%s, %s, true) IS NULL THEN NULL ELSE %s END"
TRUNCATE_SETTING = "esflow.allow_truncate"

#: The append-only tables (each refuses TRUNCATE; the migration of its app installs the
#: trigger) and the privileges the application's role keeps on each: no UPDATE, no TRUNCATE.
#: The registry's history keeps DELETE: deleting an entry (or its organisation) takes its
#: history with it, through the ORM's cascade.
APPEND_ONLY_TABLES = {
    "casework_caseevent": "SELECT, INSERT",
    "casework_conflictdeclaration": "SELECT, INSERT",
    "directory_registrychange": "SELECT, INSERT, DELETE",
    "documents_documentevent": "SELECT, INSERT",
}

ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION esflow_protect_status() RETURNS trigger AS $$
BEGIN
    IF (NEW.status IS DISTINCT FROM OLD.status
        OR NEW.resume_status IS DISTINCT FROM OLD.resume_status)
       AND coalesce(current_setting('esflow.transition', true), '') <> 'on' THEN
        RAISE EXCEPTION 'esflow: the status of % % changes only through transition_apply',
            TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION esflow_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'esflow: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

#: The trigger function since workflows 0003: a one-use token naming the row (see above).
PROTECT_STATUS_SQL = """
CREATE OR REPLACE FUNCTION esflow_protect_status() RETURNS trigger AS $$
DECLARE
    gate text := coalesce(current_setting('esflow.transition', true), '');
BEGIN
    IF gate <> '' AND gate = TG_TABLE_NAME || ':' || OLD.id THEN
        -- The transition service's UPDATE of the row it locked: let it through, once.
        PERFORM set_config('esflow.transition', '', true);
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status
       OR NEW.resume_status IS DISTINCT FROM OLD.resume_status THEN
        RAISE EXCEPTION 'esflow: the status of % % changes only through transition_apply',
            TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""

#: The trigger function of workflows 0002 (a gate opened and closed by separate statements).
PROTECT_STATUS_V1_SQL = """
CREATE OR REPLACE FUNCTION esflow_protect_status() RETURNS trigger AS $$
BEGIN
    IF (NEW.status IS DISTINCT FROM OLD.status
        OR NEW.resume_status IS DISTINCT FROM OLD.resume_status)
       AND coalesce(current_setting('esflow.transition', true), '') <> 'on' THEN
        RAISE EXCEPTION 'esflow: the status of % % changes only through transition_apply',
            TG_TABLE_NAME, OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def gated_value(value: str, table: str, pk: int, using: str = DEFAULT_DB_ALIAS):
    """``value`` for an ``update()`` on database ``using`` that also lets row ``table:pk``
    through the trigger.

    Only the transition's writes use it (``workflows.writes``, on SQLite; on PostgreSQL they
    write ``GATED_SQL`` themselves). On SQLite (no trigger) it is the
    plain value. ``set_config`` is volatile, so PostgreSQL computes it per updated row, as
    part of the new row, before the BEFORE UPDATE trigger of that row.
    """
    if connections[using].vendor != "postgresql":
        return Value(value, output_field=CharField())
    return RawSQL(  # noqa: S611 (a constant; the values are parameters)
        GATED_SQL,
        [GATE_SETTING, f"{table}:{pk}", value],
        output_field=CharField(),
    )


DROP_FUNCTIONS_SQL = """
DROP FUNCTION IF EXISTS esflow_protect_status() CASCADE;
DROP FUNCTION IF EXISTS esflow_append_only() CASCADE;
"""


def protect_status_sql(table: str) -> tuple[str, str]:
    name = f"{table}_protect_status"
    return (
        f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION esflow_protect_status();",
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
    )


def append_only_sql(table: str) -> tuple[str, str]:
    name = f"{table}_append_only"
    return (
        f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION esflow_append_only();",
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
    )


REFUSE_TRUNCATE_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION esflow_refuse_truncate() RETURNS trigger AS $$
BEGIN
    -- A convenience any session may use (see above), not a barrier.
    IF coalesce(current_setting('{TRUNCATE_SETTING}', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'esflow: % is append-only (TRUNCATE refused)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""

DROP_REFUSE_TRUNCATE_FUNCTION_SQL = "DROP FUNCTION IF EXISTS esflow_refuse_truncate() CASCADE;"


def refuse_truncate_sql(table: str) -> tuple[str, str]:
    """The statement-level trigger that refuses TRUNCATE of ``table``, and its removal.

    It fires also when ``table`` is only reached through ``TRUNCATE … CASCADE``.
    """
    name = f"{table}_refuse_truncate"
    return (
        f"CREATE TRIGGER {name} BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION esflow_refuse_truncate();",
        f"DROP TRIGGER IF EXISTS {name} ON {table};",
    )


def app_role_grant_sql(role: str) -> list[str]:
    """The statements that give ``role`` what the web and worker processes need, run by the
    owner of the tables after every ``migrate`` (idempotent).

    Every table: SELECT, INSERT, UPDATE, DELETE; sequences: USAGE, SELECT; the same by
    default for what the owner creates later. Then the append-only tables are cut back to
    ``APPEND_ONLY_TABLES``: no UPDATE, no TRUNCATE, and no DELETE of case events.
    ``role`` must be a plain lower-case identifier.
    """
    if not ROLE_NAME.fullmatch(role):
        raise ValueError(f"not a plain role name: {role!r}")
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        # Tables and sequences that later migrations create (as the role running this).
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
    ]
    for table, privileges in APPEND_ONLY_TABLES.items():
        statements += [
            f"REVOKE ALL ON {table} FROM {role}",
            f"GRANT {privileges} ON {table} TO {role}",
        ]
    return statements


def postgresql_only(sql: str, reverse_sql: str) -> migrations.RunPython:
    """A migration operation that runs ``sql`` on PostgreSQL and does nothing elsewhere."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql, params=None)

    return migrations.RunPython(forward, backward, elidable=False)
