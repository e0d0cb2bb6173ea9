from django.db import migrations

from workflows.dbguards import postgresql_only, refuse_truncate_sql


class Migration(migrations.Migration):
    """TRUNCATE (and so ``manage.py flush``) no longer empties the case events."""

    dependencies = [
        ("casework", "0006_advisory_moves_out"),
        ("workflows", "0004_append_only_truncate"),
    ]

    operations = [postgresql_only(*refuse_truncate_sql("casework_caseevent"))]
