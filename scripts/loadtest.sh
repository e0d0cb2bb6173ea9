#!/usr/bin/env bash
# Load test on loopback (127.0.0.1 only): gunicorn + a task worker + the relay against esflow_bench,
# driven by locust from a second process. 1) unloaded: 1 user, paced; 2) peak: N users
# without pauses; 3) open-loop at 70% of the peak rate. During each run a third process
# publishes approved cases one after another and times each until its opinion PDF is ready
# (the documents band: p95 ≤ 5 s in the 70% run). Results: bench/results/load-*.json.
# Needs the database of `make bench` (scripts/bench.sh).
# Overrides: DATABASE_URL, PY (the virtualenv's python), BENCH_PORT, BENCH_WORKERS,
# BENCH_PEAK_USERS, BENCH_SECS (per run), BENCH_DOC_PACING (s between publishes).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/esflow_bench}
export DJANGO_DEBUG=0 DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-bench-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export DJANGO_CONN_MAX_AGE=60
export ESFLOW_LOAD_DOC_PACING=${BENCH_DOC_PACING:-2}
PORT=${BENCH_PORT:-8765}
WORKERS=${BENCH_WORKERS:-3}
PEAK_USERS=${BENCH_PEAK_USERS:-12}
SECS=${BENCH_SECS:-40}
OUT=var/load; mkdir -p "$OUT"
# viewflow ships a font CSS whose referenced files are missing; its folder is not used here.
$PY manage.py collectstatic --no-input -v0 -i node_modules
$PY bench/load_setup.py "$OUT/load.json"
export ESFLOW_LOAD_DATA="$OUT/load.json"
"$BIN/gunicorn" config.wsgi -b 127.0.0.1:$PORT -w "$WORKERS" --access-logfile /dev/null \
  --error-logfile "$OUT/gunicorn.log" & GUNICORN=$!
$PY manage.py worker > "$OUT/worker.log" 2>&1 & WORKER=$!
$PY manage.py relay > "$OUT/relay.log" 2>&1 & RELAY=$!
trap 'kill $GUNICORN $WORKER $RELAY 2>/dev/null || true' EXIT
sleep 4
swarm() {  # csv-name user-class users seconds
  "$BIN/locust" -f bench/locustfile.py "$2" --headless -H "http://127.0.0.1:$PORT" \
    -u "$3" -r "$3" -t "${4}s" --csv "$OUT/$1" --only-summary > "$OUT/$1.log" 2>&1 || true
}
SLICE=0
run() {  # name users rate seconds
  # Each run publishes its own approved cases (150 slots apart; load_setup.py lists 600).
  ESFLOW_LOAD_PUBLISH_FROM=$SLICE swarm "$1_documents" DocumentAuthor 1 "$4" & DOCS=$!
  ESFLOW_LOAD_RATE=$3 swarm "$1" Staff "$2" "$4"
  wait $DOCS
  SLICE=$((SLICE + 150))
}
run warm 4 0 10
run unloaded 1 2 "$SECS"
run peak "$PEAK_USERS" 0 "$SECS"
PEAK=$($PY -c "import csv;r=[x for x in csv.DictReader(open('$OUT/peak_stats.csv')) if x['Name']=='Aggregated'][0];print(r['Requests/s'])")
RATE=$($PY -c "print(round(0.7*$PEAK/$PEAK_USERS, 4))")
echo "peak $PEAK req/s; 70% open-loop: $PEAK_USERS users at $RATE req/s each"
run load70 "$PEAK_USERS" "$RATE" "$SECS"
$PY bench/load_report.py "$OUT" "$PEAK"
