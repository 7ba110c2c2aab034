"""Append validated files to the warehouse's raw layer, all or nothing.

Every file is identified by its SHA-256: a file already loaded is skipped, so loading the same
file twice adds nothing. Rows are only ever appended; a later file with a different value for
the same key becomes the current value in dbt, and the earlier one stays as history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from loaders.consistency import check_units_add_up, refuse_conflicts
from loaders.errors import CellError, LoadRefused
from loaders.sources import pick
from loaders.tabular import SUPPORTED_SUFFIXES
from noegletal.warehouse import connect, ensure_raw_schema

@dataclass
class FileResult:
    path: Path
    sha256: str
    status: str  # "new", "unchanged" or "refused"
    source: str = ""
    row_count: int = 0
    load_id: int | None = None
    errors: list[CellError] = field(default_factory=list)
    frame: pl.DataFrame | None = field(default=None, repr=False)  # validated raw rows (validate.RAW_SCHEMA)


@dataclass
class LoadReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def new(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "new"]

    @property
    def unchanged(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "unchanged"]

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "refused"]


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the supported files below any directory given, in name order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    return out


def load_files(
    paths: list[Path],
    con: duckdb.DuckDBPyConnection | None = None,
    source: str | None = None,
    skip_refused: bool = False,
    on_file: Callable[[Path], None] | None = None,
) -> LoadReport:
    """Validate every file, then append all new ones in one transaction.

    By default any refused file refuses them all (LoadRefused, nothing written). With
    `skip_refused` the good files are loaded and the refused ones are reported with their errors;
    a refused file still leaves nothing behind. `source` names the loader for every file; by
    default each file's name picks it. `on_file` is called as each file is done (progress)."""
    own = con is None
    con = con or connect()
    try:
        ensure_raw_schema(con)
        return _load(expand_paths(paths), con, source, skip_refused, on_file or (lambda _: None))
    finally:
        if own:
            con.close()


def _load(
    paths: list[Path],
    con: duckdb.DuckDBPyConnection,
    source: str | None,
    skip_refused: bool,
    on_file: Callable[[Path], None],
) -> LoadReport:
    known = {sha for (sha,) in con.execute("select sha256 from raw.load_log").fetchall()}
    report = LoadReport()
    for path in paths:
        report.files.append(_read_one(path, source, known))
        on_file(path)
    refuse_conflicts(report.new)
    if report.refused and not skip_refused:
        raise LoadRefused([e for f in report.refused for e in f.errors])
    if report.new:
        _append(con, report.new)
    return report


def _read_one(path: Path, source: str | None, known: set[str]) -> FileResult:
    try:
        content = path.read_bytes()
    except OSError as e:
        return FileResult(path, "", "refused", errors=[CellError(path, None, None, f"filen kan ikke læses: {e.strerror or e}")])
    sha = hashlib.sha256(content).hexdigest()
    if sha in known:
        return FileResult(path, sha, "unchanged")
    known.add(sha)  # the same file named twice in one call loads once
    try:
        loader = pick(path, source)
        frame = loader.parse(path, content)
    except LoadRefused as refused:
        return FileResult(path, sha, "refused", errors=refused.errors)
    return FileResult(path, sha, "new", loader.name, frame.height, frame=frame)


def _append(con: duckdb.DuckDBPyConnection, results: list[FileResult]) -> None:
    """All new files in one transaction; refused (nothing written) if they would make the
    warehouse fail its own build (loaders.consistency)."""
    con.execute("begin transaction")
    try:
        (next_id,) = con.execute("select coalesce(max(load_id), 0) + 1 from raw.load_log").fetchone()
        for load_id, result in enumerate(results, start=next_id):
            result.load_id = load_id
        append_raw(con, results)
        check_units_add_up(con, results)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def append_raw(con: duckdb.DuckDBPyConnection, results: list[FileResult]) -> None:
    """DuckDB: each file's load_log row and its validated frame, inside the caller's transaction.
    (The one place that writes the raw layer; a PostgreSQL variant sits beside it and uses COPY.)"""
    for result in results:
        con.execute(
            "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?)",
            [result.load_id, result.path.name, str(result.path.resolve()), result.sha256,
             result.row_count, datetime.now(), result.source],
        )
        con.register("incoming", result.frame.with_columns(load_id=pl.lit(result.load_id, pl.Int32)))
        con.execute("insert into raw.indicator_values by name select * from incoming")
        con.unregister("incoming")
