# Two entry points for a fresh machine: `make demo` (set up, demo data, dashboard) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo serve test bench clean

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

bench: setup
	$(BIN)/python bench/refresh.py

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs data/warehouse.duckdb data/raw/demo
