from django.db import migrations

from workflows.dbguards import (
    DROP_REFUSE_TRUNCATE_FUNCTION_SQL,
    REFUSE_TRUNCATE_FUNCTION_SQL,
    postgresql_only,
)


class Migration(migrations.Migration):
    """The trigger function that refuses TRUNCATE of an append-only table (see dbguards)."""

    dependencies = [("workflows", "0003_status_gate_token")]

    operations = [postgresql_only(REFUSE_TRUNCATE_FUNCTION_SQL, DROP_REFUSE_TRUNCATE_FUNCTION_SQL)]
