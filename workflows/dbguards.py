"""PostgreSQL guards of the engine, installed by migrations (no-ops on SQLite).

* ``esflow_protect_status``: a BEFORE UPDATE trigger function that refuses any change of
  ``status`` or ``resume_status`` unless the transition service opened the transaction-local
  gate (``set_config('esflow.transition', 'on', true)``) — so no admin action, ``update()`` or
  raw SQL can move a case.
* ``esflow_append_only``: refuses UPDATE and DELETE (an audit log is only appended to).
"""

from django.db import migrations

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


def postgresql_only(sql: str, reverse_sql: str) -> migrations.RunPython:
    """A migration operation that runs ``sql`` on PostgreSQL and does nothing elsewhere."""

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql, params=None)

    return migrations.RunPython(forward, backward, elidable=False)
