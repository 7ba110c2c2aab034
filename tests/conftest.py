"""Shared fixtures: a throw-away warehouse and writers for canonical files (the loader tests), the
session's Chromium, and the built warehouses every module shares (built once per test run):

    board_warehouse, units_warehouse, demo_warehouse (demo until 2023K1), demo_warehouse_2024K3,
    first_release_warehouse, meeting_warehouse, spark_fixture_warehouse, writable_copy(db)
                        -- tests/warehouses.py; the shared files are read-only, a test that
                        changes one works on writable_copy(db)
    pg_server, pg_demo  -- tests/postgres_server.py: one PostgreSQL server and demo per run

Markers (pyproject.toml) for the slow groups, deselected by `make test-fast`: browser, postgres,
spark, libreoffice; a test that uses `browser`, `pg_server` or `pg_demo` gets its marker in
tests/parallel.py, which also runs `make test` on three processes."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

# The PostgreSQL server and demo, shared by the PostgreSQL test modules (one of each per session)
from postgres_server import pg_demo, pg_server  # noqa: F401
# The built DuckDB warehouses, shared by every module (one build of each per session)
from warehouses import (  # noqa: F401
    board_warehouse, demo_warehouse, demo_warehouse_2024K3, first_release_warehouse, meeting_warehouse, spark_fixture_warehouse,
    units_warehouse, writable_copy,
)

# the slow groups' markers and the running on three processes (make test): tests/parallel.py
pytest_plugins = ["parallel"]

CANONICAL_HEADER = ("indicator_id", "region", "period", "value")


@pytest.fixture(autouse=True)
def _process_settings_restored():
    """`serve --fortrolig` and `--db` set $NOEGLETAL_AUDIENCE and $NOEGLETAL_DB in the process (for
    Streamlit); a test that invokes them through CliRunner must not leave the tests after it in
    preparation mode or on its warehouse."""
    names = ("NOEGLETAL_AUDIENCE", "NOEGLETAL_DB")
    before = {name: os.environ.get(name) for name in names}
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> Path:
    """A fresh (not yet created) DuckDB warehouse in tmp_path, set as $NOEGLETAL_DB for the test."""
    path = tmp_path / "w.duckdb"
    monkeypatch.setenv("NOEGLETAL_DB", str(path))
    return path


@pytest.fixture(scope="session")
def _memory_warehouse_connection():
    import duckdb

    con = duckdb.connect(":memory:")
    yield con
    con.close()


@pytest.fixture
def memory_warehouse(_memory_warehouse_connection):
    """An in-memory DuckDB connection with an empty raw layer, for load_files(paths, con=...).

    One connection is shared by the whole session (opening DuckDB costs ~20 ms); its raw schema is
    dropped and recreated before every test, so no rows leak between tests.
    """
    from noegletal.warehouse import ensure_raw_schema

    con = _memory_warehouse_connection
    con.execute("drop schema if exists raw cascade")
    ensure_raw_schema(con)
    return con


@pytest.fixture
def write_canonical_csv(tmp_path):
    """write_canonical_csv(name, rows, header=..., delimiter=';', encoding='utf-8', bom=False) -> Path.

    rows are sequences of cells (written as given with csv quoting); the file lands in tmp_path.
    """

    def write(name, rows, header=CANONICAL_HEADER, delimiter=";", encoding="utf-8", bom=False, newline="\n"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
        writer.writerow(header)
        writer.writerows(rows)
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode(encoding))
        return path

    return write


@pytest.fixture
def write_canonical_xlsx(tmp_path):
    """write_canonical_xlsx(name, rows, header=...) -> Path; cells keep their Python types (int, date, ...)."""

    def write(name, rows, header=CANONICAL_HEADER):
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(list(header))
        for row in rows:
            ws.append(list(row))
        path = tmp_path / name
        wb.save(path)
        return path

    return write


@pytest.fixture(scope="session")
def dump_raw_layer():
    """dump_raw_layer(db_path or connection) -> (load_log rows, indicator_values rows), all columns, sorted."""

    def dump(db):
        from noegletal.warehouse import connect

        con = connect(db, read_only=True) if isinstance(db, Path) else db
        try:
            log = con.execute("select * from raw.load_log order by load_id").fetchall()
            values = con.execute("select * from raw.indicator_values order by all").fetchall()
        finally:
            if con is not db:
                con.close()
        return log, values

    return dump


@pytest.fixture
def run_load_cli(warehouse):
    """run_load_cli(*files) -> click Result of `noegletal load FILES --db <warehouse>`."""
    from noegletal.cli import main

    def run(*files):
        return CliRunner().invoke(main, ["load", *map(str, files), "--db", str(warehouse)])

    return run


@pytest.fixture(scope="session")
def browser():
    """The session's one headless Chromium (Debian's) for the browser tests: Playwright's sync API
    cannot be started twice in one run."""
    import shutil

    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield browser
        browser.close()
