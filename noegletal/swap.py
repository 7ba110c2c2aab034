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

from noegletal.safe_text import terminal_text

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


class NotWritable(RuntimeError):
    """The warehouse's folder cannot be written (read-only, no permission): no change can start."""

    def __init__(self, folder: Path, error: OSError):
        super().__init__(
            f"Lageret kan ikke ændres: mappen {terminal_text(folder)} kan ikke skrives i "
            f"({error.strerror or error}). Lageret i brug er uændret. Kør kommandoen som en bruger, der må "
            "skrive i mappen, eller peg --db på et lager i en mappe, der kan skrives i."
        )


class OverwritesWarehouse(ValueError):
    """An output file named the warehouse, its write-ahead log, its lock or its working copy."""


def _protected(live: Path) -> dict[Path, str]:
    return {
        live: "selve lageret",
        live.with_name(live.name + ".wal"): "lagerets write-ahead-log",
        lock_path(live): "lagerets låsefil",
        work_path(live).parent: "lagerets arbejdskopi",
    }


def refuse_overwriting(out: Path, live: Path, option: str = "--out") -> None:
    """Raise OverwritesWarehouse (in Danish) if writing `out` would replace the warehouse `live`
    or a file it depends on, also through a symlink or a hard link. Every command that writes a
    file or folder the user names calls this first."""
    target = out.resolve()
    for protected, what in _protected(live.resolve()).items():
        same = target == protected or target.is_relative_to(protected)
        if not same and target.exists() and protected.exists():
            same = os.path.samefile(target, protected)
        if same:
            raise OverwritesWarehouse(f"{option} {terminal_text(out)} er {what} ({protected}); "
                                      f"vælg en anden fil, lageret er uændret.")


def _is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # DuckDB reports a full disk as its own IOException (or, failing a checkpoint, a FatalException).
    return isinstance(error, duckdb.Error) and "no space left" in str(error).lower()


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


def lock_path(live: Path) -> Path:
    return live.with_name(f".{live.name}.lock")


@contextmanager
def writer_lock(live: Path) -> Iterator[None]:
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
        lock = open(lock_path(live), "w")
    except OSError as e:
        if _is_disk_full(e):
            raise NoRoom(live.parent) from e
        raise NotWritable(live.parent, e) from e
    with lock:
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
        try:
            _clear(work.parent)
            work.parent.mkdir()
        except OSError as e:
            if _is_disk_full(e):
                raise NoRoom(work.parent) from e
            raise NotWritable(live.parent, e) from e
        try:
            if live.exists():
                _check_room(live, work.parent)
                shutil.copyfile(live, work)
            yield work
            _checkpoint(work)
            os.replace(work, target)
        except (OSError, duckdb.Error) as e:
            if _is_disk_full(e):
                raise NoRoom(work.parent) from e
            if isinstance(e, OSError) and e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise NotWritable(Path(e.filename).parent if e.filename else live.parent, e) from e
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
