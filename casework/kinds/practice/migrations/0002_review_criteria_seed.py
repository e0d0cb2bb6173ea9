"""The five default review criteria (DESIGN.md): social impact, replicability,
sustainability, partnership, innovation. Data, so the office may change them later."""

from django.db import migrations

CRITERIA = [
    (
        "social_impact",
        "Wpływ społeczny",
        "Social impact",
        "Co zmieniło się dla ludzi i społeczności, do kogo trafiło działanie.",
    ),
    (
        "replicability",
        "Możliwość powtórzenia",
        "Replicability",
        "Czy inna organizacja lub gmina może to powtórzyć i czego do tego potrzebuje.",
    ),
    (
        "sustainability",
        "Trwałość",
        "Sustainability",
        "Czy działanie trwa po zakończeniu finansowania i z jakich źródeł.",
    ),
    (
        "partnership",
        "Partnerstwo",
        "Partnership",
        "Kto współdziałał (samorząd, PES, biznes, nauka) i jaki miał udział.",
    ),
    (
        "innovation",
        "Innowacyjność",
        "Innovation",
        "Co jest nowe w tym rozwiązaniu w regionie.",
    ),
]


def seed(apps, schema_editor):
    ReviewCriterion = apps.get_model("practice", "ReviewCriterion")
    for order, (code, name, name_en, description) in enumerate(CRITERIA, start=1):
        ReviewCriterion.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "description": description, "order": order},
        )


def unseed(apps, schema_editor):
    ReviewCriterion = apps.get_model("practice", "ReviewCriterion")
    ReviewCriterion.objects.filter(code__in=[c[0] for c in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("practice", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
