# Tiến Độ — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup browser run test lint format migrate demo bench messages lock clean worker audit

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

messages: setup
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=var
	$(PY) manage.py compilemessages -l vi -l en --ignore=.venv

lock: setup
	$(PIP) freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) var/static
