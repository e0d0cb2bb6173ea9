from django.db import migrations

from workflows.dbguards import postgresql_only, refuse_truncate_sql


class Migration(migrations.Migration):
    """TRUNCATE (and so ``manage.py flush``) no longer empties the registry's history.

    Deleting rows stays possible (0004): an entry's history goes with the entry.
    """

    dependencies = [
        ("directory", "0004_registrychange_append_only_pg"),
        ("workflows", "0004_append_only_truncate"),
    ]

    operations = [postgresql_only(*refuse_truncate_sql("directory_registrychange"))]
