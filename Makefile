# Two commands for a newcomer: `make run` and `make test`. Both find a
# Python >= 3.12 themselves and keep everything in .venv.

.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python 3.12 or newer: on PATH, then under pyenv (newest first),
# whether or not a .python-version selects one. (pyenv's shims answer
# `command -v` for versions they do not select, so each is run to be sure.)
PYENV_ROOT ?= $(HOME)/.pyenv
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 python \
	$$(ls -d $(PYENV_ROOT)/versions/*/bin/python3 2>/dev/null | sort -V -r); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; \
	done)

.PHONY: help run test test-fast test-long install install-dev migrate load check format backup restore bench clean

help:
	@echo "make run    install, migrate, load the real records and all 153 authorities' outcomes, serve http://$(HOST):$(PORT) with the background worker"
	@echo "make test   install the test tools and run the whole suite"
	@echo "make test-fast  the whole suite except the browser tests"
	@echo "make test-long  the property-based tests with 1,000+ cases per address"
	@echo "make check  Django checks, missing migrations and ruff, as CI runs them"
	@echo "make backup                       dump all content to backups/record-<time>.json.gz"
	@echo "make restore FILE=backups/....gz  load a backup into the (migrated) database"
	@echo "make bench  benchmark under gunicorn on PostgreSQL (SCALE=national|small), writes docs/benchmarks.md"

$(VENV)/.made:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Error: this project needs Python 3.12 or newer, and none was found on PATH or under pyenv"; \
		echo "(tried python3.14, python3.13, python3.12, python3, python and $(PYENV_ROOT)/versions/*/bin/python3)."; \
		echo "Install Python 3.12+ and try again,"; \
		echo "or name one: make run PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "Error: $(PYTHON) is older than Python 3.12."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed: $(VENV)/.made requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable

load: migrate
	$(PY) manage.py load_records
	$(PY) manage.py import_authorities data/local-authorities.csv
	$(PY) manage.py import_outcomes data/ilacs-latest-outcomes.csv

run: load
	@echo "To use the admin, first create a staff account: $(PY) manage.py createsuperuser  (then visit http://$(HOST):$(PORT)/admin/)"
	@echo "Background imports (large CSV uploads) run in a worker started beside the server."
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# Everything but the real-browser tests: the quick loop while working.
test-fast: install-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

# The property-based tests at full strength: 1,000+ generated query strings per address.
test-long: install-dev
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/core/test_no_query_string_breaks_a_public_address.py $(PYTEST_ARGS)

check: install-dev
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# All content: authorities, themes, inspections, findings, officials, posts,
# sources, statements, and the history of every change.
BACKUP_APPS := inspections people quotes reversion
# Kept by the database from the finding-theme links, and remade as they
# load; and the background imports' uploaded files, which are not the record.
BACKUP_EXCLUDE := --exclude inspections.InspectionTheme --exclude inspections.ImportRun

backup: install
	@mkdir -p backups
	$(PY) manage.py dumpdata $(BACKUP_APPS) $(BACKUP_EXCLUDE) --indent 1 -o backups/record-$$(date +%Y%m%d-%H%M%S).json.gz
	@ls -1t backups | head -n 1

restore: migrate
	@if [ -z "$(FILE)" ]; then echo "Usage: make restore FILE=backups/record-....json.gz"; exit 1; fi
	$(PY) manage.py loaddata "$(FILE)"

# Needs PostgreSQL and wrk; uses a database of its own (BENCH_DATABASE_URL).
SCALE ?= national
DURATION ?= 10
bench: install
	$(PY) bench/run.py --scale $(SCALE) --duration $(DURATION) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts
