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
from loaders.dates import future_dates_allowed
from loaders.errors import CellError, LoadRefused
from loaders.limits import read_limited
from loaders.raw_layer import DuckDBRawWriter, RawWriter
from loaders.sources import pick
from loaders.tabular import SUPPORTED_SUFFIXES

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
    return [path for path, _ in _with_folders(paths)]


def _with_folders(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(file, the folder it was given in): a symlink may not lead out of that folder. Anything
    with a supported suffix that is no folder is listed (a FIFO too), to be refused by name."""
    out: list[tuple[Path, Path]] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix.lower() in SUPPORTED_SUFFIXES and not f.is_dir())
            out.extend((f, p) for f in found)
        else:
            out.append((p, p.parent))
    return out


def load_files(
    paths: list[Path],
    con: duckdb.DuckDBPyConnection | RawWriter,
    source: str | None = None,
    skip_refused: bool = False,
    on_file: Callable[[Path], None] | None = None,
    allow_future_date: bool | None = None,
) -> LoadReport:
    """Validate every file, then append all new ones in one transaction.

    By default any refused file refuses them all (LoadRefused, nothing written). With
    `skip_refused` the good files are loaded and the refused ones are reported with their errors;
    a refused file still leaves nothing behind. `source` names the loader for every file; by
    default each file's name picks it. `on_file` is called as each file is done (progress).
    `con` is a raw-layer writer of any engine (`change.raw()` of noegletal.access), or an open
    DuckDB connection (the caller owns it). `allow_future_date` accepts publication dates after
    next year (default: as the caller's `loaders.dates.future_dates_allowed` block says; outside
    one, refused)."""
    if allow_future_date is not None:
        with future_dates_allowed(allow_future_date):
            return load_files(paths, con, source, skip_refused, on_file)
    raw = con if isinstance(con, RawWriter) else DuckDBRawWriter(con)
    return _load(_with_folders(paths), raw, source, skip_refused, on_file or (lambda _: None))


def _load(
    paths: list[tuple[Path, Path]],
    raw: RawWriter,
    source: str | None,
    skip_refused: bool,
    on_file: Callable[[Path], None],
) -> LoadReport:
    known = raw.loaded_checksums()
    report = LoadReport()
    for path, folder in paths:
        report.files.append(_read_one(path, folder, source, known))
        on_file(path)
    refuse_conflicts(report.new)
    if report.refused and not skip_refused:
        raise LoadRefused([e for f in report.refused for e in f.errors])
    if report.new:
        _append(raw, report.new)
    return report


def _read_one(path: Path, folder: Path, source: str | None, known: set[str]) -> FileResult:
    try:
        content = read_limited(path, folder)
    except LoadRefused as refused:
        return FileResult(path, "", "refused", errors=refused.errors)
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


def _append(raw: RawWriter, results: list[FileResult]) -> None:
    """All new files in one transaction of the raw layer (DuckDB: insert from the frame;
    PostgreSQL: COPY); refused (nothing written) if they would make the warehouse fail its own
    build (loaders.consistency), checked inside that transaction."""
    loaded_at = datetime.now()
    files = [
        ({"file_name": r.path.name, "file_path": str(r.path.resolve()), "sha256": r.sha256,
          "row_count": r.row_count, "loaded_at": loaded_at, "loader": r.source}, r.frame)
        for r in results
    ]

    def check(load_ids: list[int]) -> None:
        for result, load_id in zip(results, load_ids):
            result.load_id = load_id
        check_units_add_up(raw.con, results, raw.schema)

    raw.append_files(files, before_commit=check)

