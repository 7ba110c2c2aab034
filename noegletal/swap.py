"""Change the warehouse without readers ever seeing a half-built one.

Every change (load, build, presentation) works on a copy of the warehouse file, and only a
fully successful change replaces the file in service, with an atomic rename. A dashboard that
has the old file open keeps reading it until it notices the new one; a failed change leaves the
old file in service and deletes the copy. A lock file serialises writers.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


WORK_NAME = "warehouse.duckdb"


class NoRoom(RuntimeError):
    """The disk has no room for the working copy (or for what a change writes into it)."""

    def __init__(self, folder: Path, needed: int | None = None, free: int | None = None):
        amounts = ""
        if needed is not None and free is not None:
            amounts = f" ({needed / 1e6:,.0f} MB kræves, {free / 1e6:,.0f} MB er ledigt)".replace(",", ".")
        super().__init__(
            f"Der er ikke plads på disken i {folder} til arbejdskopien af lageret{amounts}. "
            "Arbejdskopien er fjernet, og lageret i brug er uændret. Frigør plads, og prøv igen."
        )


def _is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # DuckDB reports a full disk as its own IOException.
    return isinstance(error, duckdb.IOException) and "no space left" in str(error).lower()


def _check_room(live: Path, folder: Path) -> None:
    """Refuse to start when the copy cannot fit (with a margin for what the change adds)."""
    needed = int(live.stat().st_size * 1.1) + (1 << 20)
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise NoRoom(folder, needed, free)


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
        try:
            work.parent.mkdir()
            if live.exists():
                _check_room(live, work.parent)
                shutil.copyfile(live, work)
            yield work
            _checkpoint(work)
            os.replace(work, target)
        except (OSError, duckdb.IOException) as e:
            if _is_disk_full(e):
                raise NoRoom(work.parent) from e
            raise
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
