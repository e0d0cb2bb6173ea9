"""Seed the funder's export columns (reports.seed.FUNDER_COLUMNS); the coordinator maps them to
the funder's actual indicator names in the admin."""

from django.db import migrations


def forwards(apps, schema_editor):
    from reports.seed import funder_columns_load

    funder_columns_load(apps.get_model("reports", "FunderColumn"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_funder_columns")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
