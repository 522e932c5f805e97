# Practice Hub: `make run` serves the demo site, `make test` runs every test.
# Both work on a fresh machine with only Python 3.11+: they make the virtualenv themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint conformance bench bench-search clean browser

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py runserver 127.0.0.1:8000

test: install browser
	$(PY) manage.py makemigrations --check --dry-run --settings=cms.settings.test
	$(BIN)/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

# Browser tests need Debian's Chromium; install it when we can (root with apt), else the
# browser tests say why they skip.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

conformance: install
	$(PY) ../shared/conformance/run_conformance.py --backend cms.search.backends.whoosh \
		--pythonpath $(CURDIR) --options '{"PATH": "{tmpdir}/whoosh"}' --index-backed

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# Whoosh beside modelsearch's SQLite FTS5 backend: rebuild rate and query latency, same data.
bench-search: install
	$(PY) bench/search.py $(BENCH_ARGS)

clean:
	rm -rf var static_collected .pytest_cache
