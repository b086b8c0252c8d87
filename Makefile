# openll — make run: serve the bundled demo data; make test: ruff + pytest (SQLite, then PostgreSQL if reachable)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

# PostgreSQL used by `make test` when it answers (pytest-django creates and drops test_<name>).
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_USER ?= postgres
# Extra arguments for pytest, e.g. make test PYTEST_ARGS="-k docking -x"
PYTEST_ARGS ?=

.PHONY: run test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml is newer than the stamp.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/openll migrate
	$(BIN)/openll import data/seeds data/ll2-2.3.0 data/ll2-2.2.0 data/ll2-2.1.0
	$(BIN)/openll serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	@echo "== ruff check src tests"
	$(BIN)/ruff check src tests
	redis_up() { $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 6379), 2).close()" 2>/dev/null; }
	if ! redis_up && command -v redis-server >/dev/null 2>&1; then
	  echo "== Redis is down; starting one on 127.0.0.1:6379 (tests of the shared cache and rate limit use it)"
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
	  for _ in $$(seq 1 20); do redis_up && break; sleep 0.25; done
	fi
	redis_up || echo "SKIPPING the tests that need Redis: no server on 127.0.0.1:6379 (install redis-server)"
	echo "== pytest on SQLite"
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)
	tested="sqlite"
	pg_up() {
	  if command -v pg_isready >/dev/null 2>&1; then
	    pg_isready -q -h $(PG_HOST) -p $(PG_PORT)
	  else
	    $(BIN)/python -c "import socket; socket.create_connection(('$(PG_HOST)', $(PG_PORT)), 2).close()" 2>/dev/null
	  fi
	}
	if ! pg_up && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
	  pg_version=$$(ls /etc/postgresql | sort -V | tail -n 1)
	  echo "== PostgreSQL is down; trying to start cluster $$pg_version/main"
	  pg_ctlcluster --skip-systemctl-redirect $$pg_version main start || true
	  for _ in $$(seq 1 20); do pg_up && break; sleep 0.5; done
	fi
	if pg_up; then
	  echo "== pytest on PostgreSQL ($(PG_HOST):$(PG_PORT))"
	  DATABASE_URL="postgres://$(PG_USER)@$(PG_HOST):$(PG_PORT)/openll_$$$$" \
	    $(BIN)/python -m pytest --create-db $(PYTEST_ARGS)
	  tested="$$tested postgresql"
	else
	  echo "SKIPPED: PostgreSQL run (no server on $(PG_HOST):$(PG_PORT))"
	  tested="$$tested (postgresql SKIPPED: no server on $(PG_HOST):$(PG_PORT))"
	fi
	echo "databases tested: $$tested"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

clean:
	rm -rf var .pytest_cache .ruff_cache build dist
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
