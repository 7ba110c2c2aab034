"""A throw-away PostgreSQL server for the tests: Debian's PostgreSQL (installed by `make test`),
a cluster in a temporary directory, a free localhost port, stopped and removed afterwards.

The session's fixtures (registered in conftest.py, so that the PostgreSQL test modules share one
server and one demo): `pg_server`, the server's URL, and `pg_demo`, the synthetic demo through the
command line on PostgreSQL and on DuckDB, made comparable value for value."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

USER = "noegletal"
NOEGLETAL = Path(sys.executable).with_name("noegletal")
PINNED = "1685620800"  # SOURCE_DATE_EPOCH for the packs: 2023-06-01 12:00 UTC
PRESENTED = ("2023-05-20", "Bestyrelsesmøde")
EARLIER = ("2023-02-01", "Bestyrelsesmøde februar")


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail("PostgreSQL is not installed: run `make test` (scripts/install-system-deps.sh installs it)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields the server's URL without a database: f"{url}/<dbname>" names one (see create_database)."""
    # Not under pytest's tmp dir: the postgres user must be able to reach the data directory.
    data = Path(tempfile.mkdtemp(prefix="noegletal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    # Locale C: text sorts by code point, as DuckDB sorts it (the named queries' ORDER BY).
    subprocess.run(
        _as_postgres_user([_pg_bin("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C"]),
        check=True, capture_output=True,
    )
    port = _free_port()
    subprocess.run(
        _as_postgres_user([
            _pg_bin("pg_ctl"), "-D", str(data), "-w", "-l", str(data / "server.log"),
            "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
            "start",
        ]),
        check=True, capture_output=True,
    )
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}"
    finally:
        subprocess.run(_as_postgres_user([_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:  # not in a transaction
        admin.execute(f'create database "{name}"')
    return f"{server_url}/{name}"


def cli(*args: str, env: dict | None = None) -> str:
    """`noegletal ...` in a fresh process, as a user runs it; fails the test with its output."""
    result = subprocess.run(
        [str(NOEGLETAL), *args], capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, f"noegletal {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def pg_server():
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def pg_demo(pg_server, demo_warehouse, tmp_path_factory):
    """The demo on both engines through the command line. The PostgreSQL warehouse: `demo`, an
    earlier presentation as 0.1.0 recorded them (no figures kept), then `present`. DuckDB's: `demo`
    (a copy of the session's demo_warehouse, tests/warehouses.py: the same command), then its load
    times, the presentations and the figures shown are set to PostgreSQL's (a load records the time
    it ran) and `build` runs again, so that every value, timestamps included, is comparable."""
    import duckdb
    import psycopg

    tmp = tmp_path_factory.mktemp("demo")
    url = create_database(pg_server, "demo")
    # both runs write the same files (same seed) to the same place: demo_warehouse's
    files = demo_warehouse.parent / "raw"
    duck = tmp / demo_warehouse.name  # its name as built: the DuckDB catalog's name
    out = cli("demo", "--no-serve", "--until", "2023K1", "--out", str(files), "--db", url)
    assert "postgresql://noegletal@127.0.0.1" in out
    with psycopg.connect(url) as pg:
        # a presentation recorded before `present` kept the figures shown (0.1.0): what the board
        # saw is inferred from publication dates, and the quarter published since is new
        pg.execute("insert into raw.presentations values (%s, %s, %s, now())", (1, EARLIER[0], EARLIER[1]))
    cli("present", "--db", url, "--date", PRESENTED[0], "--note", PRESENTED[1])
    shutil.copyfile(demo_warehouse, duck)
    with psycopg.connect(url) as pg:
        loads = pg.execute("select sha256, loaded_at from raw.load_log").fetchall()
        presentations = pg.execute("select * from raw.presentations").fetchall()
        shown = pg.execute("select * from raw.presentation_figures").fetchall()
    assert shown  # `present` kept what the board saw
    with duckdb.connect(str(duck)) as con:
        con.executemany("update raw.load_log set loaded_at = ? where sha256 = ?", [(t, s) for s, t in loads])
        con.executemany("insert into raw.presentations values (?, ?, ?, ?)", presentations)
        con.executemany("insert into raw.presentation_figures values (?, ?, ?, ?, ?, ?, ?, ?)", shown)
    cli("build", "--db", str(duck))
    return {"url": url, "duck": duck, "tmp": tmp, "files": files}
