from django.db import migrations

# The engine's trigger functions (workflows 0002 and 0004) guard this table too. The SQL is
# written out here rather than imported from ``workflows.dbguards``: documents may import the
# engine's outbox only (pyproject.toml, import contracts), and a migration is history.
TABLE = "documents_documentevent"
FORWARD = f"""
CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION esflow_append_only();
CREATE TRIGGER {TABLE}_refuse_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION esflow_refuse_truncate();
"""
BACKWARD = f"""
DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE};
DROP TRIGGER IF EXISTS {TABLE}_refuse_truncate ON {TABLE};
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    """A document's history of corrections and revocations is only appended to."""

    dependencies = [
        ("documents", "0002_corrections_and_revocations"),
        ("workflows", "0004_append_only_truncate"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
