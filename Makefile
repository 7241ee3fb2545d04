# vt-analysis: `make report` makes the impactanalyse, `make test` runs the tests.
# Both create .venv when it is missing and install from the pinned lock file.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PARAMS ?= report/params/burap2-2024.yaml

.DEFAULT_GOAL := help

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  /'

$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# Compiled once at install, not by the first run: the package's bytecode, and the queue model's compiled
	@# steps into the private cache folder (about 3 s; numba compiles them again when their source changes).
	$(BIN)/python -m compileall -q vt_analysis
	$(BIN)/python -c "from vt_analysis.model.wachttijden.simulatie import voorbereid; voorbereid()"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

## install: create .venv and install the pinned dependencies and the project
install: $(STAMP)

## report: render the impactanalyse for PARAMS (default: BURAP 2 2024) into report/output/
report: $(STAMP)
	$(BIN)/vt-analysis render --params $(PARAMS)

## compute: print the computed tables for PARAMS
compute: $(STAMP)
	$(BIN)/vt-analysis compute --params $(PARAMS)

# Tests run in pytest-xdist workers, one per core (at most 4); the tests that read one render run in the
# worker that makes it (tests/conftest.py), so nothing is rendered twice. test-fast runs in one process:
# starting the workers would cost more than they save there.
XDIST := -n auto --maxprocesses=4 --dist loadgroup

## test: lint, then the whole test suite (render tests included)
test: $(STAMP) lint
	@tools/ensure-debian chromium:chromium pdftotext:poppler-utils
	@tools/ensure-npm
	$(BIN)/python -m pytest $(XDIST)

## test-fast: the tests that render nothing and run no long simulation or fuzz (the quick loop while working)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not render and not langzaam"

## lint: ruff check and ruff format --check over the whole repository, and the layer contract (import-linter)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

## bench: run the benchmarks and print their figures
bench: $(STAMP)
	@for b in benchmarks/*.py; do $(BIN)/python $$b; done

## lock: regenerate requirements.lock from the current .venv (after changing pyproject.toml)
lock:
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -v -E '^(pip|vt-analysis)==' \
	  | sed '1i # Pinned lock file: exact versions of every package in .venv (Python 3.11, linux x86_64).\n# Regenerate with make lock after changing pyproject.toml; make installs from this file.' > requirements.lock

## clean: remove rendered output
clean:
	rm -rf report/output

.PHONY: help install report compute test test-fast lint bench lock clean
