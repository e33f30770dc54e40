# techbridge — two commands: `make run` and `make test`. See README.md.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements/dev.lock requirements/base.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run setup test lint typecheck check-translations clean lock openapi

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(BIN)/python manage.py compiletranslations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_demo_deals
	$(BIN)/python manage.py load_demo_programme
	$(BIN)/python manage.py ensure_demo_admin

run: setup
	$(BIN)/python manage.py rundev $(HOST):$(PORT)

test: install
	$(BIN)/python manage.py compiletranslations
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

check-translations: install
	$(BIN)/python manage.py check_translations

clean:
	rm -rf $(VENV) var/*.sqlite3* var/index

# Re-resolve the pinned closure from requirements/*.in into requirements/*.lock.
lock:
	rm -rf var/lockvenv && $(PYTHON) -m venv var/lockvenv
	var/lockvenv/bin/pip install --quiet -r requirements/base.in
	var/lockvenv/bin/pip freeze --all | grep -v '^pip==' > requirements/base.lock
	var/lockvenv/bin/pip install --quiet -r requirements/dev.in
	(echo '-r base.lock'; var/lockvenv/bin/pip freeze --all | grep -v '^pip==' \
	  | grep -vxF -f requirements/base.lock) > requirements/dev.lock
	rm -rf var/lockvenv

# Regenerate the committed OpenAPI schema after changing the API (a test fails on drift).
openapi: install
	$(BIN)/python manage.py spectacular --format openapi-json --file src/techbridge/api/openapi.json
