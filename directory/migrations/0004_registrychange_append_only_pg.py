"""PostgreSQL only: the registry's field history cannot be rewritten.

UPDATE of a ``directory_registrychange`` row is refused by a trigger, whatever the path
(admin, ``update()``, raw SQL). DELETE stays possible: deleting an entry (or its
organisation) takes its history with it.
"""

from django.db import migrations

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION esflow_registrychange_append_only() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'directory_registrychange is append-only';
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER registrychange_append_only BEFORE UPDATE ON directory_registrychange
      FOR EACH ROW EXECUTE FUNCTION esflow_registrychange_append_only()
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS registrychange_append_only ON directory_registrychange",
    "DROP FUNCTION IF EXISTS esflow_registrychange_append_only()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_registry_search_pg")]

    operations = [migrations.RunPython(forward, backward)]
