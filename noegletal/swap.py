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


WORK_NAME = "warehouse.duckdb"


def work_path(live: Path) -> Path:
    """The working copy: a fixed file name in a hidden folder beside `live` (same file system, so
    the rename is atomic). dbt runs on it by that name relative to the folder, so its partial
    parsing stays valid whichever warehouse is built (see dbt_runner.run_dbt)."""
    return live.with_name(f".{live.name}.building") / WORK_NAME


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
        _clear(work.parent)
        work.parent.mkdir()
        if live.exists():
            shutil.copyfile(live, work)
        try:
            yield work
            _checkpoint(work)
            os.replace(work, target)
        finally:
            _clear(work.parent)


def _checkpoint(path: Path) -> None:
    """Fold DuckDB's write-ahead log into the file so the rename moves all of it."""
    if path.exists():
        with duckdb.connect(str(path)) as con:
            con.execute("checkpoint")


def _clear(folder: Path) -> None:
    """Remove the working folder with what is in it (also a working copy file of that name, as
    older versions left after a crash, with its write-ahead log)."""
    if folder.is_dir():
        shutil.rmtree(folder)
    for p in (folder, folder.with_name(folder.name + ".wal")):
        p.unlink(missing_ok=True)
