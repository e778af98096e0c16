# Two jobs for a fresh machine with Python 3.11+: `make map` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: map test clean

# The map needs only mapgen and its runtime dependencies (no test or benchmark extras).
$(BIN)/mapgen: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The tests add pytest, Playwright (driving Debian's chromium) and the benchmarks' peers.
$(VENV)/.test-extras: $(BIN)/mapgen
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

## Build output/mig_alley.html from the shipped gazetteer (self-contained: opens offline).
map: $(BIN)/mapgen
	$(BIN)/mapgen build

## Run the test suite (browser tests need Debian's chromium at /usr/bin/chromium).
test: $(VENV)/.test-extras
	@test -f .cache/axe/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4.14.1 \
	  || echo "npm missing or offline: the accessibility audit will be skipped (it fails in CI)"
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) output/*.html output/*.pdf
