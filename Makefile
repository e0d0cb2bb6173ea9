# `./esflow run` and `./esflow test` (the README's two commands) call `make run` and `make test`;
# each does its own set-up.
.PHONY: run test messages check bench loadtest

PY := .venv/bin/python

# The demo runs as production does, DEBUG off, so a visitor meets the project's own Polish
# error pages and never Django's debug pages (every URL listed, tracebacks); over plain HTTP
# on this machine only (ESFLOW_LOCAL_HTTP, see config/settings.py; WhiteNoise serves the
# static files from the apps' folders); its secret key is made once and kept in var/. Each can
# be overridden from the environment (DJANGO_DEBUG=1 make run brings back the debug pages).
DEMO_SECRET_KEY = $(shell mkdir -p var && { test -s var/demo-secret-key || python3 -c \
  'import secrets; print(secrets.token_urlsafe(50))' >var/demo-secret-key; } && cat var/demo-secret-key)
run: export DJANGO_DEBUG ?= 0
run: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
run: export ESFLOW_LOCAL_HTTP ?= 1
run: export DJANGO_SECRET_KEY ?= $(DEMO_SECRET_KEY)

# Task lines go to var/log/esflow.log and e-mails to var/log/mail/, not the terminal (either
# may be set in the environment instead). Every process logs in one time zone: TZ, set here to
# the TIME_ZONE of config/settings.py (Django sets it in its own processes; honcho and
# scripts/respawn.py read it).
run: export TZ = Europe/Warsaw
run: export ESFLOW_LOG_FILE ?= $(CURDIR)/var/log/esflow.log
run: export EMAIL_URL ?= file://$(CURDIR)/var/log/mail
# PAdES in the demo: certificates made once in var/demo-signing by scripts/run.sh (a demo root
# CA as the only trust anchor, esflow's sealing key, and "Jan Kowalski" to sign with); never
# for production (README, "Signatures").
run: export ESFLOW_SIGNATURE_TRUST_ROOTS ?= $(CURDIR)/var/demo-signing/trust-roots.pem
run: export ESFLOW_SEAL_KEY ?= $(CURDIR)/var/demo-signing/seal.key.pem
run: export ESFLOW_SEAL_CERT ?= $(CURDIR)/var/demo-signing/seal.cert.pem
run:
	@scripts/bootstrap.sh run
	@scripts/run.sh

test:
	@scripts/bootstrap.sh test
	@echo "==> Running the test suite on $${DATABASE_URL:-SQLite}"
	@$(PY) -m pytest $(PYTEST_ARGS)

messages:
	$(PY) manage.py makemessages -l pl -l en --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

check:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	.venv/bin/lint-imports --no-cache
	$(PY) scripts/check_translations.py

# Benchmarks on PostgreSQL (see README "Performance"): builds esflow_bench (100,000 cases,
# 100,000 registry entries) and esflow_bench_1k, then prints every ratio with its target.
# BENCH_REGENERATE=0 reuses them; BENCH_DB / BENCH_DB_SMALL name other databases.
bench:
	@scripts/bench.sh $(BENCH_ARGS)

# Load test on 127.0.0.1 (gunicorn + task worker + locust) against the esflow_bench database.
loadtest:
	@scripts/loadtest.sh
