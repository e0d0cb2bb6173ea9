"""``manage.py generate_volume``: benchmark volume data (see bench/generate.py)."""

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fill the database with generated volume data for benchmarks (reproducible by seed)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--orgs", type=int, default=5_000)
        parser.add_argument("--entries", type=int, default=10_000)

    def handle(self, *args, seed, cases, orgs, entries, **options):
        from bench.generate import table_counts, volume_generate

        start = time.perf_counter()
        volume_generate(seed=seed, cases=cases, orgs=orgs, entries=entries, log=self.stdout.write)
        self.stdout.write(f"generated in {time.perf_counter() - start:.1f} s; rows per table:")
        for table, count in table_counts().items():
            self.stdout.write(f"  {table:48} {count:>10}")
