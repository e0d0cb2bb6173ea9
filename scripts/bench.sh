#!/usr/bin/env bash
# `make bench`: build the benchmark databases on PostgreSQL and run every benchmark.
#   $BENCH_DB        (esflow_bench)     100,000 cases, 5,000 organisations, 100,000 registry entries
#   $BENCH_DB_SMALL  (esflow_bench_1k)    1,000 cases (the same generator, the same seed)
# BENCH_REGENERATE=0 reuses existing databases (skips drop, migrate and generate).
# BENCH_DB / BENCH_DB_SMALL name the two databases (on a shared server, names of your own),
# BENCH_CASES the large one's size, BENCH_ENTRIES the registry's, PY (or PYTHON) the python.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-${PYTHON:-.venv/bin/python}}
PGURL=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-esflow_bench}
DB_SMALL=${BENCH_DB_SMALL:-esflow_bench_1k}
ENTRIES=${BENCH_ENTRIES:-100000}
export DJANGO_SETTINGS_MODULE=config.settings
build() {  # name cases orgs entries
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  DATABASE_URL="$PGURL/$1" $PY manage.py migrate --no-input -v0
  DATABASE_URL="$PGURL/$1" $PY -m bench.generate --seed 1 --cases "$2" --orgs "$3" --entries "$4"
  # What the indicators' bench reads beyond requests and the registry (clauses, employment,
  # practices, events): added apart, so the generator's cases stay advisory requests only.
  DATABASE_URL="$PGURL/$1" $PY -m bench.indicator_data
}
start=$(date +%s)
if [ "${BENCH_REGENERATE:-1}" != "0" ]; then
  build "$DB_SMALL" 1000 5000 "$ENTRIES"
  build "$DB" "${BENCH_CASES:-100000}" 5000 "$ENTRIES"
  psql "$PGURL/$DB" -qc "VACUUM ANALYZE"
  psql "$PGURL/$DB_SMALL" -qc "VACUUM ANALYZE"
fi
DATABASE_URL="$PGURL/$DB" $PY bench/run.py --small "$PGURL/$DB_SMALL" "$@"
echo "==> bench finished in $(( $(date +%s) - start )) s"
