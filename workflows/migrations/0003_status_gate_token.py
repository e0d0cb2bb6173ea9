from django.db import migrations

from workflows.dbguards import PROTECT_STATUS_SQL, PROTECT_STATUS_V1_SQL, postgresql_only


class Migration(migrations.Migration):
    """The status trigger's gate becomes a one-use token naming the row (see dbguards)."""

    dependencies = [("workflows", "0002_postgresql_guards")]

    operations = [postgresql_only(PROTECT_STATUS_SQL, PROTECT_STATUS_V1_SQL)]
