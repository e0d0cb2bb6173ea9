import time

from django.core.management.base import BaseCommand

from workflows.outbox import outbox_rehand
from workflows.scheduling import registered_checks


class Command(BaseCommand):
    help = (
        "Re-hand outbox rows that are pending or whose worker died, then run the scheduled "
        "checks once (cron), or every N seconds with --loop N. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, loop=0, **options):
        while True:
            # Checks first: the outbox rows they add are then run in the same tick.
            for name, check in registered_checks().items():
                result = check()
                self.stdout.write(f"{name}: {result}")
            self.stdout.write(f"outbox: {outbox_rehand()}")
            if not loop:
                return
            time.sleep(loop)
