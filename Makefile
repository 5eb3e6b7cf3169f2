# Woonafspraken: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= woonafspraken.conf.dev

.PHONY: help install install-test system-deps system-deps-run system-deps-test run demo init serve test test-quick lint typecheck migrations-check messages extract-messages pytest test-pg bench audit vendor fmt clean

help:
	@echo "make run    install, migrate, import the Kampen document and serve http://127.0.0.1:8000"
	@echo "make demo   the same with made-up example data and an example login per role"
	@echo "make test   install (system packages too) and run ruff, mypy, migration check and the whole suite"
	@echo "make test-quick  the suite without browser tests and fuzzing, for the edit loop"
	@echo "make bench  benchmarks (import time, page latency under load, queries per page)"

# Python environment, pinned by requirements.lock (regenerate with `make lock`).
$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	@echo "==> Python packages into $(VENV), pinned by requirements.lock (a minute or two the first time)"
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --progress-bar on -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

# What running needs (make run), and what the tests need as well (make test).
install: system-deps-run $(STAMP) messages
install-test: system-deps-test $(STAMP) messages

# System packages (scripts/system-deps.sh lists them with the reason for each). Running: gettext, Pango
# and fonts for the PDF reports. Tests as well: Debian's Chromium and libatomic1 (browser tests),
# poppler-utils and LibreOffice Writer (reading reports back). PostgreSQL's client library comes with
# psycopg's binary wheel.
system-deps-run:
	@bash scripts/system-deps.sh run
system-deps-test:
	@bash scripts/system-deps.sh test
system-deps: system-deps-test

# The one Dutch catalogue, src/woonafspraken/locale/nl (source strings are English). The compiled .mo
# is committed, so an install without make shows Dutch; compile after editing the .po and commit both.
messages: $(STAMP)
	@echo "==> Compiling the Dutch translations"
	cd src/woonafspraken && WOONAFSPRAKEN_DATA_DIR=$(CURDIR)/data ../../$(BIN)/django-admin compilemessages --ignore=.venv -v 0

# Collect new and changed strings of every app into the catalogue; then fill in the Dutch and run make messages.
extract-messages: $(STAMP)
	@echo "==> Compiling the Dutch translations"
	cd src/woonafspraken && WOONAFSPRAKEN_DATA_DIR=$(CURDIR)/data DJANGO_SETTINGS_MODULE=woonafspraken.conf.dev ../../$(BIN)/django-admin makemessages -l nl --no-obsolete --ignore=.venv -v 0

# Running uses conf.local: debug off, so the Dutch error pages, as on a server.
run demo serve: export DJANGO_SETTINGS_MODULE = woonafspraken.conf.local

init: install
	@echo "==> Database and the Kampen document"
	$(BIN)/woonafspraken init

run: init
	$(BIN)/woonafspraken create_local_admin
	$(BIN)/woonafspraken serve

# As run, with made-up example data and one example login per role (passwords printed once).
demo: install
	@echo "==> Database, the Kampen document, example data and example logins"
	$(BIN)/woonafspraken init --demo
	$(BIN)/woonafspraken create_local_admin
	$(BIN)/woonafspraken serve

serve:
	$(BIN)/woonafspraken serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

migrations-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=woonafspraken.conf.ci DATABASE_URL=sqlite://:memory: $(BIN)/woonafspraken makemigrations --check --dry-run

# pytest-xdist: one worker per core, each with its own test database and its own Kampen import.
WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -p no:cacheprovider -n $(WORKERS) --dist worksteal --durations=10

pytest: $(STAMP)
	$(PYTEST)

test: install-test lint typecheck migrations-check pytest

# The edit loop: everything but the browser tests and the fuzzing (make test runs those too).
test-quick: $(STAMP) messages
	$(PYTEST) -m "not browser and not fuzz"

# The suite against PostgreSQL (CI sets DATABASE_URL to the machine's server) after `make test` ran it
# all on SQLite: the browser tests, the tests that start databases of their own (db_independent) and the
# sweeps over every page and form (single_pass: the form fuzzing, the permission model's pages, the
# crawls) do the same on either and are left out; the importers' fuzzing runs a quarter of its examples;
# the PostgreSQL-only tests (kill test, truly simultaneous saves, row locks) run here.
test-pg: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} HYPOTHESIS_PROFILE=quick \
		$(PYTEST) -m "not browser and not db_independent and not single_pass"

bench: install-test
	$(BIN)/python benchmarks/run.py

# Known vulnerabilities in the locked dependencies (pip-audit, in a venv of its own so the project's
# environment stays exactly the lock). It needs the vulnerability service (OSV) on the network.
audit:
	test -d .venv-audit || $(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet pip-audit
	.venv-audit/bin/pip-audit --strict --no-deps --disable-pip -r requirements.lock

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

# Refresh the vendored front-end assets from the npm registry (versions pinned in package.json).
vendor:
	npm install --no-audit --no-fund
	bash scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) data/*.sqlite3
