"""Append validated files to the warehouse's raw layer, all or nothing.

Every file is identified by its SHA-256: a file already loaded is skipped, so loading the same
file twice adds nothing. Rows are only ever appended; a later file with a different value for
the same key becomes the current value in dbt, and the earlier one stays as history.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from loaders.errors import CellError, LoadRefused
from loaders.sources import pick
from loaders.tabular import SUPPORTED_SUFFIXES
from noegletal.warehouse import connect, ensure_raw_schema

@dataclass
class FileResult:
    path: Path
    sha256: str
    status: str  # "new" or "unchanged"
    source: str = ""
    row_count: int = 0
    load_id: int | None = None


@dataclass
class LoadReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def new(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "new"]

    @property
    def unchanged(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "unchanged"]


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
    paths: list[Path], con: duckdb.DuckDBPyConnection | None = None, source: str | None = None
) -> LoadReport:
    """Validate every file, then append all new ones in one transaction; refuse all on any error.

    `source` names the loader for every file; by default each file's name picks it."""
    own = con is None
    con = con or connect()
    try:
        ensure_raw_schema(con)
        return _load(expand_paths(paths), con, source)
    finally:
        if own:
            con.close()


def _load(paths: list[Path], con: duckdb.DuckDBPyConnection, source: str | None) -> LoadReport:
    known = {sha for (sha,) in con.execute("select sha256 from raw.load_log").fetchall()}
    report, batches, errors = LoadReport(), [], []
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as e:
            errors.append(CellError(path, None, None, f"filen kan ikke læses: {e.strerror or e}"))
            continue
        sha = hashlib.sha256(content).hexdigest()
        if sha in known:
            report.files.append(FileResult(path, sha, "unchanged"))
            continue
        known.add(sha)  # the same file named twice in one call loads once
        try:
            loader = pick(path, source)
            records = loader.parse(path, content)
        except LoadRefused as refused:
            errors.extend(refused.errors)
            continue
        result = FileResult(path, sha, "new", loader.name, len(records))
        report.files.append(result)
        batches.append((result, records))
    if errors:
        raise LoadRefused(errors)
    if batches:
        _append(con, batches)
    return report


def _append(con: duckdb.DuckDBPyConnection, batches: list[tuple[FileResult, list[dict]]]) -> None:
    con.execute("begin transaction")
    try:
        (next_id,) = con.execute("select coalesce(max(load_id), 0) + 1 from raw.load_log").fetchone()
        for result, records in batches:
            result.load_id = next_id
            con.execute(
                "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?)",
                [next_id, result.path.name, str(result.path.resolve()), result.sha256,
                 result.row_count, datetime.now(), result.source],
            )
            frame = pl.DataFrame(records, schema=_FRAME_SCHEMA).with_columns(load_id=pl.lit(next_id, pl.Int32))
            con.register("incoming", frame)
            con.execute(
                """insert into raw.indicator_values by name
                   select load_id, source_row, indicator_id, region_id, period, period_start, value,
                          numerator, denominator, is_provisional, published_at, is_synthetic,
                          suppression_reason
                   from incoming"""
            )
            con.unregister("incoming")
            next_id += 1
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


_FRAME_SCHEMA = {
    "source_row": pl.Int32,
    "indicator_id": pl.Utf8,
    "region_id": pl.Utf8,
    "period": pl.Utf8,
    "period_start": pl.Date,
    "value": pl.Float64,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "is_provisional": pl.Boolean,
    "published_at": pl.Date,
    "is_synthetic": pl.Boolean,
    "suppression_reason": pl.Utf8,
}
