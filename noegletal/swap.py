"""Change the warehouse without readers ever seeing a half-built one.

Every change (load, build, presentation) works on a copy of the warehouse file, and only a
fully successful change replaces the file in service, with an atomic rename. A dashboard that
has the old file open keeps reading it until it notices the new one; a failed change leaves the
old file in service and deletes the copy. A lock file serialises writers.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


def work_path(live: Path) -> Path:
    # A fixed name (not per process) keeps dbt's partial parsing valid between builds.
    return live.with_name(f".{live.name}.building")


@contextmanager
def writer_lock(live: Path) -> Iterator[None]:
    live.parent.mkdir(parents=True, exist_ok=True)
    with open(live.with_name(f".{live.name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def updating(live: Path, target: Path | None = None) -> Iterator[Path]:
    """Yield a working copy of `live`; on success it replaces `target` (default: `live`)."""
    target = target or live
    with writer_lock(live):
        work = work_path(live)
        _remove(work)
        if live.exists():
            shutil.copyfile(live, work)
        try:
            yield work
            _checkpoint(work)
            os.replace(work, target)
        finally:
            _remove(work)


def _checkpoint(path: Path) -> None:
    """Fold DuckDB's write-ahead log into the file so the rename moves all of it."""
    if path.exists():
        with duckdb.connect(str(path)) as con:
            con.execute("checkpoint")


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        p.unlink(missing_ok=True)
