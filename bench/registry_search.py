"""Benchmark: registry search on a throwaway test database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/esflow_bench \\
        .venv/bin/python bench/registry_search.py 2000

Creates N entries through the services (offers drawn from a small vocabulary), then times
each query of the public search (median of 20 runs) and prints the result counts.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

QUERIES = ["catering", "cateringowe", "sprzatanie", "sprzątania", "osób", "zielona pracownia"]
OFFERS = [
    "usługi cateringowe dla szkół",
    "sprzątanie biur i klatek schodowych",
    "zatrudnienie osób z niepełnosprawnościami",
    "pielęgnacja zieleni miejskiej",
    "szkolenia komputerowe",
    "rękodzieło i ceramika",
]


def main(n: int) -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from directory.models import RegistryEntry
        from tests.registry.factories import load_teryt, make_entry

        load_teryt()
        rnd = random.Random(7)
        start = time.perf_counter()
        for i in range(n):
            make_entry(
                f"{rnd.choice(['Spółdzielnia', 'Fundacja', 'Stowarzyszenie'])} {i}",
                offer=rnd.choice(OFFERS),
            )
        print(f"{connection.vendor}: created {n} entries in {time.perf_counter() - start:.1f} s")
        for q in QUERIES:
            qs = RegistryEntry.objects.public().search(q).ordered(by_relevance=True)
            timings = []
            for _ in range(20):
                t = time.perf_counter()
                count = qs.count()
                list(qs[:20])
                timings.append(time.perf_counter() - t)
            print(f"  {q!r:24} {count:6d} hits  median {statistics.median(timings) * 1000:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
