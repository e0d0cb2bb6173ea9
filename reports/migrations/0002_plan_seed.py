"""Seed the programme plan of DOMAIN.md (reports.seed.PLAN); the coordinator corrects the
planned quantities in the admin."""

from django.db import migrations


def forwards(apps, schema_editor):
    from reports.seed import plan_load

    plan_load(apps.get_model("reports", "Task"), apps.get_model("reports", "Activity"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_plan")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
