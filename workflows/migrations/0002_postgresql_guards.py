from django.db import migrations

from workflows.dbguards import DROP_FUNCTIONS_SQL, FUNCTIONS_SQL, postgresql_only


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]

    operations = [postgresql_only(FUNCTIONS_SQL, DROP_FUNCTIONS_SQL)]
