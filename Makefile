# Two jobs for a fresh machine with Python 3.11+: `make map` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the fast suite: what `make test` runs on a developer's machine (under a minute)
FAST := not slow and not browser

.PHONY: map test test-fast test-all lint clean

# The map needs only mapgen and its runtime dependencies (no test or benchmark extras).
$(BIN)/mapgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The tests add pytest, Playwright (driving Debian's chromium), the gates (ruff, mypy,
# import-linter, pinned) and the benchmarks' peers.
$(VENV)/.test-extras: $(BIN)/mapgen
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

## Build output/mig_alley.html from the shipped gazetteer (self-contained: opens offline).
map: $(BIN)/mapgen
	$(BIN)/mapgen build

## The fast suite (everything not marked slow or browser); with CI=true, `make test-all` instead.
ifneq ($(filter true True TRUE,$(CI)),)
test: test-all
else
test: test-fast
endif

test-fast: $(VENV)/.test-extras
	$(BIN)/python -m pytest -m "$(FAST)"

## The gates: lint, format, types, the import layers, the page script's unit tests.
lint: $(VENV)/.test-extras
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy mapgen
	$(BIN)/lint-imports --no-logo
	@if [ ! -d tests/js ]; then \
	  echo "tests/js/ does not exist yet: no node tests to run"; \
	elif ! command -v node >/dev/null 2>&1; then \
	  echo "node is needed for tests/js/ (apt-get install nodejs)"; exit 1; \
	else \
	  node --test tests/js/; \
	fi

## Everything (CI): the gates, then every test, slow and browser ones included
## (browser tests need Debian's chromium at /usr/bin/chromium).
test-all: lint
	@test -f .cache/axe/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1 \
	  || echo "npm missing or offline: the accessibility audit will be skipped (it fails in CI)"
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/*.html output/*.pdf
