from django.db import migrations

from workflows.dbguards import append_only_sql, postgresql_only, protect_status_sql

STATUS_SQL, STATUS_REVERSE = protect_status_sql("casework_case")
EVENTS_SQL, EVENTS_REVERSE = append_only_sql("casework_caseevent")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("workflows", "0002_postgresql_guards"),
    ]

    operations = [
        postgresql_only(STATUS_SQL, STATUS_REVERSE),
        postgresql_only(EVENTS_SQL, EVENTS_REVERSE),
    ]
