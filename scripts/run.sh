#!/usr/bin/env bash
# `make run` after the set-up: migrate, load the demo, send its e-mails once, serve.
# The terminal shows what a person watches (the processes starting and stopping, requests,
# warnings); task lines go to $ESFLOW_LOG_FILE and e-mails to the directory of $EMAIL_URL
# (the Makefile sets both under var/log/). Every process logs in the time zone $TZ, which the
# Makefile sets to the TIME_ZONE of config/settings.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
: "${ESFLOW_LOG_FILE:?set by make run}"
: "${EMAIL_URL:?set by make run}"
log_shown=${ESFLOW_LOG_FILE#"$PWD/"}

say "Making the demo's signing certificates (once, in var/demo-signing)"
$PY manage.py documents_demo_signing --dir "$PWD/var/demo-signing"

say "Applying database migrations"
$PY manage.py migrate --no-input

say "Loading the demo data (idempotent: region, organisations, one login per role)"
$PY manage.py demo

# The demo's transitions queue e-mails and documents in the outbox; one tick does them all now,
# so that the terminal can say where they went (the worker later finds them done).
count_mails() {
  local dir=$1
  [ -d "$dir" ] || { echo 0; return; }
  find "$dir" -type f -name '*.log' -exec cat {} + | grep -c '^Message-ID: ' || true
}
mail_dir=""
case "$EMAIL_URL" in file://*) mail_dir=${EMAIL_URL#file://} ;; esac
before=$(count_mails "$mail_dir")
printf '%s tick (once, after the demo):\n' "$(date '+%Y-%m-%d %H:%M:%S%z')" >>"$ESFLOW_LOG_FILE"
$PY manage.py tick >>"$ESFLOW_LOG_FILE"
if [ -n "$mail_dir" ]; then
  sent=$(($(count_mails "$mail_dir") - before))
  say "Demo: $sent e-mails written to ${mail_dir#"$PWD/"}/; task lines logged to $log_shown (tail -f $log_shown)"
else
  say "Demo: e-mails sent through $EMAIL_URL; task lines logged to $log_shown (tail -f $log_shown)"
fi

say "Serving esflow at http://127.0.0.1:${ESFLOW_PORT:-8000} with a task worker and the tick loop (Ctrl+C stops all three)"
exec .venv/bin/honcho -f Procfile start
