# The academy platform. `make run` serves the demo site; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make test` runs the suite on every core, one test file per worker at a time (so module-scoped
# fixtures are built once); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test bench lint format migrate seed install install-dev clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the site

install-dev: $(VENV)/.installed-dev ## Create .venv and install the site with test and lint tools

migrate: install ## Apply database migrations
	$(BIN)/python manage.py migrate --noinput

seed: migrate ## Load the demo content (idempotent)
	$(BIN)/python manage.py seed_demo

run: seed ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev ## Run the whole test suite, in parallel (PYTEST_WORKERS, PYTEST_ARGS)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: install-dev ## Load the busiest routes of a production-style server with wrk (BENCH_SCALE=10; DATABASE_URL, REDIS_URL)
	$(BIN)/python -m tests.benchmarks.pages

lint: install-dev ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean: ## Remove the virtualenv, the development database and media
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles
