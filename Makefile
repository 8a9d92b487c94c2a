# vnportal — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
# Data (SQLite file, media, secret key) stays inside the checkout unless told otherwise.
export VNPORTAL_DATA_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install install-test demo manage constraints messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt
	$(PIP) install --quiet -c requirements/constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c requirements/constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Install, migrate, load demo content and serve at http://$(HOST):$(PORT)
run: install
	$(BIN)/vnportal run --host $(HOST) --port $(PORT)

## Any Django management command on the data `make run` serves: make manage ARGS="section_role pv reporter /tin-tuc/"
manage: install
	$(BIN)/vnportal manage $(ARGS)

demo: install
	$(BIN)/vnportal demo

## Install and run the whole test suite (SQLite, or DATABASE_URL / REDIS_URL if set)
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Lint: ruff (rules and formatting) and import-linter (the layers in ../shared/DESIGN.md)
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## Re-pin exact versions after changing pyproject.toml
constraints: install-test
	( echo '# Exact versions tested together. Install with: pip install -c requirements/constraints.txt -e ".[test]"'; \
	  echo '# Regenerate after changing pyproject.toml: make constraints'; \
	  $(PIP) freeze --exclude-editable | grep -v '^-e' | sort ) > requirements/constraints.txt

## Extract and compile translations (needs GNU gettext: apt-get install gettext); then fill the empty msgstr
messages: install-test
	cd vnportal && DJANGO_SETTINGS_MODULE=vnportal.settings.test ../$(BIN)/django-admin makemessages -l vi --no-obsolete --no-location
	cd vnportal && DJANGO_SETTINGS_MODULE=vnportal.settings.test ../$(BIN)/django-admin makemessages -d djangojs -l vi --no-obsolete --no-location --ignore=static/CACHE
	cd vnportal && ../$(BIN)/django-admin compilemessages -l vi

clean:
	rm -rf $(VENV) .pytest_cache
