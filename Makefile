# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q "setuptools>=61,<70" wheel
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/khronika ingest --db khronika.duckdb examples/
	$(BIN)/khronika stats --db khronika.duckdb
	$(BIN)/khronika events --db khronika.duckdb --limit 20
	@echo "web UI: $(BIN)/khronika serve --db khronika.duckdb, then open http://127.0.0.1:8000/"

lint: $(STAMP)
	$(BIN)/ruff check khronika tests
	$(BIN)/mypy

# the browser tests drive Debian's chromium (Playwright's own browser download is not
# reachable); without it they skip, saying why
browser:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium) || echo "chromium not installed: browser tests skip"

test: $(STAMP) lint browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) khronika.duckdb
