# Humas Newsroom: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1

.PHONY: install run test test-sqlite test-postgres lint format messages bench lighthouse clean

$(BIN)/.installed: pyproject.toml $(wildcard package.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@if command -v npm >/dev/null 2>&1 && [ -f package.json ]; then npm install --no-audit --no-fund --silent; fi
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	PG_URL="$(PG_URL)" REDIS_TEST_URL="$(REDIS_TEST_URL)" BIN="$(BIN)" scripts/run-tests

test-sqlite: install
	$(BIN)/pytest

test-postgres: install
	DATABASE_URL="$(PG_URL)" REDIS_URL="$(REDIS_TEST_URL)" $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh locale/en/LC_MESSAGES/django.po from the code, then compile the .mo (both committed).
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete -i ".venv/*" -i "node_modules/*" -i "tests/*" -i ".bench/*"
	$(BIN)/python manage.py compilemessages -l en -i .venv -i node_modules

# Lighthouse (mobile) scores for the home page and a story; reports in .bench/lighthouse/.
lighthouse: install
	BIN="$(BIN)" scripts/lighthouse

# Seeds (or reuses) the 100,000-story archive in .bench/ and newsroom_bench, then load-tests
# gunicorn on 127.0.0.1 with wrk; BENCH_STORIES, BENCH_SECONDS… tune it (see scripts/bench).
bench: install
	$(BIN)/python scripts/bench

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media staticfiles node_modules
