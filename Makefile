# Two commands: `make run` serves the demo, `make test` runs the whole suite.
# Both bootstrap .venv from the pinned requirements.txt on a machine with only Python 3 and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup migrate seed lint format messages bench seed-volume figures screens clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@echo "Open http://$(HOST):$(PORT)/ and log in as 'frontdesk' (password demo-pass-2026); see README.md"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-extract translatable strings after changing them; translate in locale/zh_Hans, then compile.
messages: setup
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=static --ignore=tests --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Benchmark the key pages on the configured database (DATABASE_URL); see docs/performance.md.
# Seed it first with `make seed-volume` (on an empty database of its own).
# bench/ is tooling, not product: DJANGO_BENCH=1 installs it (its `bench` and `seed_volume`
# commands); without it the product has neither. By hand: DJANGO_BENCH=1 .venv/bin/python manage.py …
# Runs with production settings (DEBUG off, collected static files), HTTPS redirect off for wrk.
BENCH_ENV := DJANGO_BENCH=1 DJANGO_DEBUG=0 DJANGO_SECURE_SSL_REDIRECT=0 \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-bench-only-not-a-secret}
bench: setup
	$(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(BIN)/python manage.py bench

# Volume data for the benchmark: 100,000 leads, 2 years (smaller: ARGS="--leads 20000").
seed-volume: migrate
	DJANGO_BENCH=1 $(BIN)/python manage.py seed_volume $(ARGS)

# The architecture figures (docs/architecture.md): function length, complexity, module size.
figures: setup
	$(BIN)/python -m pip install --quiet lizard==1.24.3
	$(BIN)/python bench/figures.py

# Each role's home at 1366 and 390 px into docs/screens/ (a scratch demo database; Chromium).
screens: setup
	DJANGO_BENCH=1 $(BIN)/python manage.py screens $(ARGS)

clean:
	rm -rf $(VENV) staticfiles
