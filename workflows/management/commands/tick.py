import time

from django.core.management.base import BaseCommand

from workflows.scheduling import registered_checks


class Command(BaseCommand):
    help = "Run the scheduled checks once (cron), or every N seconds with --loop N."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, loop=0, **options):
        while True:
            for name, check in registered_checks().items():
                result = check()
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            time.sleep(loop)
