"""The DuckDB warehouse (the embedded default): one file, changed through a copy and a rename."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import duckdb
import polars as pl

from noegletal.access import AUDIENCE_SCHEMAS, Change, RawWriter, Reader, Warehouse, audience
from noegletal.access.named_sql import parameters


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


class DuckDBRawWriter(RawWriter):
    """The raw layer of a DuckDB file, on an open connection (the caller owns it)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        from noegletal.warehouse import ensure_raw_schema

        self.con = con
        ensure_raw_schema(con)

    def loaded_checksums(self) -> set[str]:
        return {sha for (sha,) in self.con.execute("select sha256 from raw.load_log").fetchall()}

    def append_files(self, files: list[tuple[dict, pl.DataFrame]], before_commit=None) -> list[int]:
        con = self.con
        ids = []
        con.execute("begin transaction")
        try:
            (next_id,) = con.execute("select coalesce(max(load_id), 0) + 1 from raw.load_log").fetchone()
            for log, frame in files:
                con.execute(
                    "insert into raw.load_log values (?, ?, ?, ?, ?, ?, ?)",
                    [next_id, log["file_name"], log["file_path"], log["sha256"], log["row_count"],
                     log["loaded_at"], log["loader"]],
                )
                incoming = frame.with_columns(load_id=pl.lit(next_id, pl.Int32))
                con.register("incoming", incoming)
                con.execute(
                    f"insert into raw.indicator_values by name select {', '.join(incoming.columns)} from incoming"
                )
                con.unregister("incoming")
                ids.append(next_id)
                next_id += 1
            if before_commit is not None:
                before_commit(ids)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        return ids

    def record_presentation(self, presented_on: date, note: str) -> int:
        self.con.execute("begin transaction")
        try:
            (next_id,) = self.con.execute("select coalesce(max(presentation_id), 0) + 1 from raw.presentations").fetchone()
            self.con.execute(
                "insert into raw.presentations values (?, ?, ?, ?)", [next_id, presented_on, note, datetime.now()]
            )
            self.snapshot_shown_figures(next_id, presented_on)
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
        return next_id


class DuckDBChange(Change):
    def __init__(self, work: Path, as_of: date | None):
        self.work = work
        self.as_of = as_of

    @contextmanager
    def raw(self) -> Iterator[DuckDBRawWriter]:
        from noegletal.warehouse import connect

        with connect(self.work) as con:
            yield DuckDBRawWriter(con)

    def build(self, quiet: bool = True) -> None:
        from noegletal.dbt_runner import build

        build(self.work, quiet=quiet, as_of=self.as_of)


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
        from noegletal.warehouse import connect

        with connect(self.path, read_only=True) as con:
            con.execute(f"set search_path = '{','.join(AUDIENCE_SCHEMAS[audience_name or audience()])}'")
            yield DuckDBReader(con)

    @contextmanager
    def change(self, build: bool = True, as_of: date | None = None, out: str | None = None) -> Iterator[DuckDBChange]:
        from noegletal.swap import updating

        target = Path(out).resolve() if out else None
        with updating(self.path, target) as work:
            yield DuckDBChange(work, as_of)

    def unavailable_errors(self) -> tuple[type[BaseException], ...]:
        return (duckdb.IOException,)
