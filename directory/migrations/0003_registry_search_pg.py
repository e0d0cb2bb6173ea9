"""PostgreSQL only: the registry's full-text and trigram search, and Polish collation.

- extensions ``unaccent`` and ``pg_trgm`` (both trusted);
- text-search configuration ``esflow_simple``: ``simple`` with ``unaccent`` in front,
  because PostgreSQL has no Polish stemmer (the query side stems, see textsearch.py);
- a stored generated ``search_vector`` column over ``search_document`` with a GIN index;
- a trigram GIN index on ``name_folded``;
- collation ``esflow_pl``: Polish ICU order if the server has ICU, else ``und-x-icu``, else "C".

On SQLite nothing happens: the search uses ``search_folded`` there.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'esflow_simple') THEN
        CREATE TEXT SEARCH CONFIGURATION esflow_simple (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION esflow_simple
          ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
          WITH unaccent, simple;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'esflow_pl') THEN
        IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'pl-x-icu') THEN
          CREATE COLLATION esflow_pl FROM "pl-x-icu";
        ELSIF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu') THEN
          CREATE COLLATION esflow_pl FROM "und-x-icu";
        ELSE
          CREATE COLLATION esflow_pl FROM "C";
        END IF;
      END IF;
    END
    $$;
    """,
    """
    ALTER TABLE directory_registryentry ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('esflow_simple'::regconfig, search_document)) STORED
    """,
    "CREATE INDEX registryentry_search_gin ON directory_registryentry USING gin (search_vector)",
    "CREATE INDEX registryentry_name_trgm ON directory_registryentry "
    "USING gin (name_folded gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS registryentry_name_trgm",
    "DROP INDEX IF EXISTS registryentry_search_gin",
    "ALTER TABLE directory_registryentry DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_registry")]

    operations = [migrations.RunPython(forward, backward)]
