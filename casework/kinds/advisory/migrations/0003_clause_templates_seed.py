"""The first version of each draft clause template (``clause_defaults``), for a type that
has none; the coordinator edits them later as new versions."""

from django.db import migrations

from casework.kinds.advisory.clause_defaults import DEFAULTS


def seed(apps, schema_editor):
    ClauseTemplate = apps.get_model("advisory", "ClauseTemplate")
    for row in DEFAULTS:
        if not ClauseTemplate.objects.filter(clause_type=row["clause_type"]).exists():
            ClauseTemplate.objects.create(version=1, **row)


class Migration(migrations.Migration):
    dependencies = [("advisory", "0002_clause_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
