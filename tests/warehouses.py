"""The built warehouses the test modules share: each is built once per test run (a dbt build takes
5-40 s on a loaded 2-core machine; building the same one again in every module made `make test`
take half an hour) and handed to every test that names its fixture: under xdist the first worker
that needs one builds it and the other waits for it and shares the file. Registered in conftest.py.

Fixture                 Warehouse (a DuckDB file, built)
board_warehouse         the hand-built board warehouse (dashboard_warehouse.build_board_warehouse:
                        FIRST_FILE then REVISION_FILE, Nordjylland's BUP value suppressed, the
                        presentation of 15 March 2023)
meeting_warehouse       the meeting warehouse (dashboard_warehouse.build_meeting_warehouse: a
                        meeting with the figures the board saw, and a quarter published since)
units_warehouse         the units fixture (dashboard_warehouse.build_units_warehouse:
                        tests/fixtures/units, regions with numerators and denominators, kommuner
                        and sygehuse below them, no presentation)
demo_warehouse          `noegletal demo --until 2023K1` (synthetic, with units, no presentation)
demo_warehouse_2024K3   `noegletal demo --until 2024K3`
first_release_warehouse `noegletal refresh tests/fixtures/marts/first_release.csv` (one file)
spark_fixture_warehouse the hand-made warehouse whose raw layer the Spark modules build on Spark
                        (spark_support.build_duckdb_warehouse: marts and units fixtures, ties,
                        a forecast series, built as of spark_support.AS_OF)
writable_copy           writable_copy(db) -> a copy of `db` in the test's tmp_path, for a test that
                        changes its warehouse

The shared files are READ-ONLY: open them with `connect(db, read_only=True)`, `open_warehouse`,
the dashboard (AppTest or `serve`) or the exports; anything that writes (load, present, build,
an UPDATE) works on `writable_copy(db)`. Each fixture checks at the end of the run that its file
is unchanged, so a test that wrote to a shared warehouse is found. For another warehouse, build
it once per session the same way: a session fixture that calls `_built_once(...)`.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shared_folder(tmp_path_factory) -> Path:
    """The run's temporary folder that every xdist worker sees (each worker's basetemp is a folder
    of its own below it); without xdist the basetemp itself, not its parent (other runs' folders)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _build_or_wait(tmp_path_factory, name: str, build: Callable[[Path], Path]) -> Path:
    """The first worker to ask builds under a lock; the other waits for it and takes the same file
    (DuckDB lets several processes open a file read-only)."""
    shared = _shared_folder(tmp_path_factory)
    built = shared / f"shared-{name}.built"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if built.exists():
            return Path(built.read_text(encoding="utf-8"))
        # a fresh folder even after a failed attempt: the demo refuses to write over files
        db = build(Path(tempfile.mkdtemp(prefix=f"shared-{name}-", dir=shared)))
        built.write_text(str(db), encoding="utf-8")
        return db


def _built_once(tmp_path_factory, name: str, build: Callable[[Path], Path]) -> Iterator[Path]:
    """Build once per run (into a fresh folder), restore $NOEGLETAL_DB (the CLI sets it for the
    process), yield the file; afterwards fail if a test changed it."""
    before = os.environ.get("NOEGLETAL_DB")
    try:
        db = _build_or_wait(tmp_path_factory, name, build)
    finally:
        if before is None:
            os.environ.pop("NOEGLETAL_DB", None)
        else:
            os.environ["NOEGLETAL_DB"] = before
    digest = _digest(db)
    yield db
    assert _digest(db) == digest, f"a test changed the shared warehouse {name} (use writable_copy)"


def _demo(until: str) -> Callable[[Path], Path]:
    def build(directory: Path) -> Path:
        from click.testing import CliRunner

        from noegletal.cli import main

        db = directory / "demo.duckdb"
        result = CliRunner().invoke(
            main, ["demo", "--db", str(db), "--no-serve", "--until", until, "--out", str(directory / "raw")]
        )
        assert result.exit_code == 0, result.output
        return db

    return build


@pytest.fixture(scope="session")
def board_warehouse(tmp_path_factory) -> Iterator[Path]:
    from dashboard_warehouse import build_board_warehouse

    yield from _built_once(tmp_path_factory, "board", build_board_warehouse)


@pytest.fixture(scope="session")
def meeting_warehouse(tmp_path_factory) -> Iterator[Path]:
    from dashboard_warehouse import build_meeting_warehouse

    yield from _built_once(tmp_path_factory, "meeting", build_meeting_warehouse)


@pytest.fixture(scope="session")
def units_warehouse(tmp_path_factory) -> Iterator[Path]:
    from dashboard_warehouse import build_units_warehouse

    yield from _built_once(tmp_path_factory, "units", build_units_warehouse)


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Iterator[Path]:
    yield from _built_once(tmp_path_factory, "demo_2023K1", _demo("2023K1"))


@pytest.fixture(scope="session")
def demo_warehouse_2024K3(tmp_path_factory) -> Iterator[Path]:
    yield from _built_once(tmp_path_factory, "demo_2024K3", _demo("2024K3"))


@pytest.fixture(scope="session")
def first_release_warehouse(tmp_path_factory) -> Iterator[Path]:
    def build(directory: Path) -> Path:
        from click.testing import CliRunner

        from noegletal.cli import main

        db = directory / "warehouse.duckdb"
        first_release = Path(__file__).parent / "fixtures" / "marts" / "first_release.csv"
        result = CliRunner().invoke(main, ["refresh", str(first_release), "--db", str(db)])
        assert result.exit_code == 0, result.output
        return db

    yield from _built_once(tmp_path_factory, "first_release", build)


@pytest.fixture(scope="session")
def spark_fixture_warehouse(tmp_path_factory) -> Iterator[Path]:
    from spark_support import build_duckdb_warehouse

    yield from _built_once(tmp_path_factory, "spark_fixture", build_duckdb_warehouse)


@pytest.fixture
def writable_copy(tmp_path) -> Callable[[Path], Path]:
    """writable_copy(db) -> a copy of the shared warehouse `db` in tmp_path, the test's to change."""

    def copy(db: Path) -> Path:
        target = tmp_path / "copy" / db.name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(db, target)
        return target

    return copy
