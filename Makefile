# Tiến Độ — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test lint format migrate demo bench messages lock clean worker audit serve loadtest

$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.lock
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install pinned dependencies (idempotent)

browser:  ## Debian's Chromium for the browser tests, installed when missing (never a downloaded browser)
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium fonts-liberation >/dev/null) \
		|| echo "warning: could not install chromium; browser tests will be skipped"

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo  ## fresh machine -> app on http://127.0.0.1:8000 with demo data, and a task worker beside it
	@echo "Tiến Độ: http://$(HOST):$(PORT)/  (đăng nhập: admin / TienDo@2026)"
	$(PY) manage.py db_worker --no-reload --no-startup-delay --verbosity 0 & WORKER=$$!; \
		trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: gunicorn (deploy/gunicorn.conf.py) with DEBUG=0 and static files
# collected for WhiteNoise, plus a task worker (RQ on Redis when TASKS_BACKEND=rq, else the database worker).
# Uses DATABASE_URL (PostgreSQL in production), REDIS_URL, CACHE_URL from the environment. Cookies are not
# marked Secure here (plain http on 127.0.0.1): behind TLS leave SESSION_COOKIE_SECURE/CSRF_COOKIE_SECURE on.
DB_CONN_MAX_AGE ?= 60
SERVE_ENV = DEBUG=0 DB_CONN_MAX_AGE=$(DB_CONN_MAX_AGE) SECRET_KEY_FILE=$(CURDIR)/var/serve-secret-key SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 \
	PROMETHEUS_MULTIPROC_DIR=$(CURDIR)/var/prometheus HOST=$(HOST) PORT=$(PORT)
serve: migrate  ## production stack locally: gunicorn + task worker, DEBUG=0 (see README "Production server")
	@mkdir -p var && test -s var/serve-secret-key || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/serve-secret-key
	rm -rf var/prometheus && mkdir -p var/prometheus
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Tiến Độ (gunicorn): http://$(HOST):$(PORT)/"
	@export $(SERVE_ENV); \
		if [ "$$TASKS_BACKEND" = rq ]; then \
			$(PY) manage.py rqworker --job-class django_tasks_rq.Job default & \
		else \
			$(PY) manage.py db_worker --no-reload --no-startup-delay --verbosity 0 & \
		fi; WORKER=$$!; trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
		$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py tiendo.wsgi

worker: migrate  ## background tasks (Django Tasks, database backend)
	$(PY) manage.py db_worker

test: setup browser  ## the whole suite; DATABASE_URL=postgres://… make test runs it on PostgreSQL
	$(PY) manage.py makemigrations --check --dry-run >/dev/null || (echo "Thiếu migration: chạy makemigrations"; exit 1)
	$(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: setup  ## ruff (lint + format) and mypy on services, selectors and core
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

audit: setup  ## pip-audit of requirements.lock (warns when the advisory service cannot be reached)
	$(PY) .ci/audit.py

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup  ## performance figures (not tests): see docs/performance.md
	$(PY) -m bench.parser
	$(PY) -m bench

loadtest: setup  ## Locust, 50 users, against `make serve` (started if needed); dataset: manage.py load_scale
	bench/loadtest.sh

messages: setup
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages -l vi -l en --ignore=.venv

lock: setup
	$(PIP) freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) var/static
