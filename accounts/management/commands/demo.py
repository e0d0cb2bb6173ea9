from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load the demo data (idempotent): region, organisations, one user per role, cases."

    def handle(self, *args, **options):
        for dotted in settings.ESFLOW_DEMO_LOADERS:
            self.stdout.write(f"• {dotted}")
            with transaction.atomic():
                import_string(dotted)(stdout=self.stdout)
