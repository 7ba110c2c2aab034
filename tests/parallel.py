"""Running the suite on three processes (pytest-xdist: `make test` runs `pytest -n 3 --dist loadfile
--no-loadscope-reorder`, see the Makefile); a plugin loaded by conftest.py. Without -n it does
nothing but mark the slow groups.

- A module's tests run on one worker, so that its module-scoped fixtures are built once; the
  modules that use the PostgreSQL server are one unit, so that one worker starts the server and
  builds pg_demo (the scheduler below). The shared warehouses (tests/warehouses.py) are built once
  per run: the first worker that needs one builds it, the others wait and take the same file.
- The groups are handed out slowest first (Spark, PostgreSQL, the browser walks), so that no
  worker sits idle at the end while another runs Spark.
- dbt keeps one saved parse per warehouse name, target and --vars (NOEGLETAL_DBT_TARGET_ROOT,
  noegletal/dbt_runner.py): the tests alternate between warehouses, and each change of the profile
  made dbt parse the whole project again (as long as a build's models on a loaded machine). Each
  worker has its own target folders and its own log folder: two dbt runs at once in the same
  project must not read each other's half-written partial-parse file.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

WORKER = os.environ.get("PYTEST_XDIST_WORKER")

# A test that uses one of these fixtures belongs to the slow group named (pyproject.toml's markers,
# deselected by `make test-fast`), whether or not its module says so.
MARKED_BY_FIXTURE = {"browser": "browser", "pg_server": "postgres", "pg_demo": "postgres"}
# the order in which the slow groups are handed out under xdist; the rest follow in file order
SLOWEST_FIRST = ("spark", "postgres", "browser")
# unmarked modules that take minutes on one worker (page and pack: 2 x 2 min): right after the
# slow groups, so that none is handed out last while the other worker has nothing left to do
SLOW_MODULES = ("tests/test_page_and_pack_agree.py",)


def pytest_configure(config):
    # relative to the project dbt runs (a test's copy of the project keeps its own); set, not
    # defaulted: the workers inherit the controller's environment
    os.environ["NOEGLETAL_DBT_TARGET_ROOT"] = f"target/pytest-{WORKER or 'main'}"
    if WORKER:
        from noegletal.config import DBT_PROJECT_DIR

        os.environ["DBT_LOG_PATH"] = str(DBT_PROJECT_DIR / "logs" / WORKER)


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture in MARKED_BY_FIXTURE.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(MARKED_BY_FIXTURE[fixture])
    if not WORKER:
        return
    group = {item: _group(item.nodeid, config.rootpath) for item in items}
    rank: dict[str, int] = {}
    for item in items:
        rank[group[item]] = min(rank.get(group[item], len(SLOWEST_FIRST) + 1), _slowness(item))
    items.sort(key=lambda item: rank[group[item]])  # stable: a group's tests keep their order


def pytest_xdist_make_scheduler(config, log):
    """xdist's loadfile, with the PostgreSQL modules as one unit (its loadgroup marks do not reach
    the scheduler under pytest 9: xdist 3.8 writes them into Node._nodeid, which pytest 9 no
    longer reads)."""
    from xdist.scheduler import LoadScopeScheduling

    class ModuleScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _group(nodeid, config.rootpath)

    return ModuleScheduling(config, log)


@functools.cache
def _group(nodeid: str, root: Path) -> str:
    """The test's module, or "postgres" for every module that uses the PostgreSQL fixtures."""
    path = nodeid.split("::", 1)[0]
    source = (root / path).read_text(encoding="utf-8") if (root / path).is_file() else ""
    return "postgres" if any(name in source for name in ("pg_server", "pg_demo")) else path


def _slowness(item) -> int:
    for rank, marker in enumerate(SLOWEST_FIRST):
        if item.get_closest_marker(marker):
            return rank
    return len(SLOWEST_FIRST) + (item.nodeid.split("::", 1)[0] not in SLOW_MODULES)
