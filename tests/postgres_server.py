"""A throw-away PostgreSQL server for the tests: Debian's PostgreSQL (installed by `make test`),
a cluster in a temporary directory, a free localhost port, stopped and removed afterwards."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

USER = "noegletal"


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
