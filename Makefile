# Two entry points for a fresh machine: `make demo` (set up, demo data, dashboard) and `make test`.
#   make test       every test (what .ci/run runs), on three processes (pytest-xdist; TEST_WORKERS=0
#                   for one): about 13 minutes on a 2-core machine, where two processes left the
#                   cores idle a third of the time (browser, PostgreSQL and Spark tests wait).
#                   Each built warehouse is shared by the whole run (tests/warehouses.py), each
#                   module stays on one process (tests/parallel.py).
#   make test-fast  the inner loop: the same without the slow groups (markers in pyproject.toml:
#                   browser, postgres, spark, libreoffice). Both take pytest arguments in ARGS, e.g.
#                   `make test-fast ARGS="tests/test_figures.py -x"`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps demo serve test test-fast bench docs clean

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

TEST_WORKERS ?= 3
PARALLEL := $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder)
test: setup
	$(BIN)/pytest $(PARALLEL) $(ARGS)

FAST := not browser and not postgres and not spark and not libreoffice
test-fast: setup
	$(BIN)/pytest $(PARALLEL) -m "$(FAST)" $(ARGS)

# dbt's documentation of the marts as a static site (site/dbt-docs/index.html); the demo first
# when there is no warehouse yet.
docs: setup
	test -e data/warehouse.duckdb || [ -n "$$NOEGLETAL_DB" ] || $(BIN)/noegletal demo --no-serve
	$(BIN)/noegletal docs --out site/dbt-docs

bench: setup
	$(BIN)/python bench/refresh.py

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs data/warehouse.duckdb data/raw/demo site
