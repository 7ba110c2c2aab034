"""The DuckDB warehouse (the embedded default): one file, changed through a copy and a rename."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from loaders.raw_layer import DuckDBRawWriter
from noegletal.access.base import (
    AUDIENCE_SCHEMAS, BuildTarget, Change, Reader, Warehouse, audience, default_location, is_url,
)
from noegletal.access.named_sql import parameters
from noegletal.swap import updating


def connect(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to `path` (default: the warehouse $NOEGLETAL_DB names, if a file)."""
    if path is None:
        if is_url(default_location()):
            # a PostgreSQL warehouse is read and changed through noegletal.access.open_warehouse
            raise ValueError("$NOEGLETAL_DB names a PostgreSQL warehouse, not a DuckDB file")
        path = Path(default_location())
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


class DuckDBReader(Reader):
    engine = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def sql(self, text: str, params: dict | None = None) -> pl.DataFrame:
        used = parameters(text)  # DuckDB refuses parameters the query does not use
        bound = {k: v for k, v in (params or {}).items() if k in used}
        frame = self.con.sql(text, params=bound or None).pl()
        # DuckDB sums integers to HUGEINT (a decimal of scale 0 here) and keeps DECIMAL arithmetic
        # exact; PostgreSQL gives a bigint and a double (access.postgres): the same frame on every
        # engine, for one set of figure builders.
        wider = {
            c: pl.Int64 if t == pl.Int128 or (isinstance(t, pl.Decimal) and t.scale == 0) else pl.Float64
            for c, t in frame.schema.items() if t == pl.Int128 or isinstance(t, pl.Decimal)
        }
        return frame.cast(wider) if wider else frame


class DuckDBChange(Change):
    def __init__(self, work: Path, as_of: date | None):
        self.work = work
        self.as_of = as_of

    @contextmanager
    def raw(self) -> Iterator[DuckDBRawWriter]:
        with connect(self.work) as con:
            yield DuckDBRawWriter(con)

    def build_target(self) -> BuildTarget:
        return BuildTarget(self.work, self.as_of)


class DuckDBWarehouse(Warehouse):
    engine = "duckdb"

    def __init__(self, path: Path):
        self.path = path

    @property
    def location(self) -> str:
        return str(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def version(self) -> str | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return f"{stat.st_mtime_ns}:{stat.st_size}"

    @contextmanager
    def reader(self, audience_name: str | None = None) -> Iterator[DuckDBReader]:
        with connect(self.path, read_only=True) as con:
            con.execute(f"set search_path = '{','.join(AUDIENCE_SCHEMAS[audience_name or audience()])}'")
            yield DuckDBReader(con)

    @contextmanager
    def change(self, build: bool = True, as_of: date | None = None, out: str | None = None) -> Iterator[DuckDBChange]:
        target = Path(out).resolve() if out else None
        with updating(self.path, target) as work:
            yield DuckDBChange(work, as_of)

    def unavailable_errors(self) -> tuple[type[BaseException], ...]:
        return (duckdb.IOException,)
