# Two entry points for a fresh machine: `make demo` (set up, demo data, dashboard) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo serve test bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

system-deps:
	./scripts/install-system-deps.sh

setup: $(STAMP) system-deps

demo: setup
	$(BIN)/noegletal demo

serve: setup
	$(BIN)/noegletal serve

test: setup
	$(BIN)/pytest

# dbt's documentation of the marts as a static site (site/dbt-docs/index.html); the demo first
# when there is no warehouse yet.
docs: setup
	test -e data/warehouse.duckdb || [ -n "$$NOEGLETAL_DB" ] || $(BIN)/noegletal demo --no-serve
	$(BIN)/noegletal docs --out site/dbt-docs

bench: setup
	$(BIN)/python bench/refresh.py

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs data/warehouse.duckdb data/raw/demo site
