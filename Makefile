# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q "setuptools>=61,<70" wheel
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/khronika ingest --db khronika.duckdb examples/
	$(BIN)/khronika stats --db khronika.duckdb
	$(BIN)/khronika events --db khronika.duckdb --limit 20

lint: $(STAMP)
	$(BIN)/ruff check khronika tests
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) khronika.duckdb
