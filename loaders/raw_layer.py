"""The raw layer the loaders append to: its tables, their upgrades, and the writer interface.

The raw layer is the bottom of the warehouse: loaded files and presentations, only ever
appended. Its tables are defined here in DuckDB's spelling (`noegletal.access.postgres` derives
PostgreSQL's from the same text), with the DuckDB writer; the warehouse access above
(`noegletal.access`) opens the engines and hands the loaders a `RawWriter`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import date, datetime, timedelta

import duckdb
import polars as pl

# The raw layer is append-only: a load adds rows, it never updates or deletes them.
INDICATOR_VALUES_DDL = """
create table if not exists raw.indicator_values (
    load_id        integer not null,
    source_row     integer not null,
    indicator_id   varchar not null,
    region_id      varchar not null,
    period         varchar not null,
    period_start   date not null,
    value          double,              -- null only when suppressed by the publisher
    numerator      double,
    denominator    double,
    is_provisional boolean not null,
    published_at   date,
    is_synthetic   boolean not null,
    suppression_reason varchar,         -- the publisher's marker, e.g. '<5' or '..'
    unit_id        varchar              -- null for a region's (or the country's) own figure; last, so
                                        -- the columns keep their positions from before units
);
"""
# One row per file, indicator, region, unit and period. A primary key cannot hold the nullable
# unit_id, so the key is a unique index over it with null (the region's own figure) as ''.
INDICATOR_VALUES_KEY = """
create unique index if not exists indicator_values_key
    on raw.indicator_values (load_id, indicator_id, region_id, coalesce(unit_id, ''), period);
"""
RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.load_log (
    load_id      integer primary key,
    file_name    varchar not null,
    file_path    varchar not null,
    sha256       varchar not null unique,
    row_count    integer not null,
    loaded_at    timestamp not null,
    loader       varchar not null
);
""" + INDICATOR_VALUES_DDL + """
create table if not exists raw.presentations (
    presentation_id integer primary key,
    presented_on    date not null,
    note            varchar not null,
    recorded_at     timestamp not null
);
-- What the board saw: the public marts' current figures (regions and the country) as they stood
-- when the presentation was recorded (`noegletal present`); "since the meeting" compares with these.
create table if not exists raw.presentation_figures (
    presentation_id integer not null,
    indicator_id    varchar not null,
    region_id       varchar not null,
    period          varchar not null,
    period_start    date not null,
    value           double,
    is_provisional  boolean not null,
    published_at    date
);
"""


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return con.execute(
        "select count(*) from information_schema.columns where table_schema = 'raw' and table_name = ? and column_name = ?",
        [table, column],
    ).fetchone()[0] > 0


def _add_unit_id(con: duckdb.DuckDBPyConnection) -> None:
    """Warehouses from before units gain `unit_id` (null: every old row is a region's figure) and
    the key that includes it. DuckDB cannot change a primary key in place, so the table is
    recreated with every row, in one transaction: all of it happens, or nothing."""
    if _has_column(con, "indicator_values", "unit_id"):
        return
    con.execute("begin transaction")
    try:
        con.execute(INDICATOR_VALUES_DDL.replace("raw.indicator_values", "raw.indicator_values_with_units"))
        con.execute("insert into raw.indicator_values_with_units by name select * from raw.indicator_values")
        con.execute("drop table raw.indicator_values")
        con.execute("alter table raw.indicator_values_with_units rename to indicator_values")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


# Warehouses made by earlier versions are upgraded in order; every step is idempotent (SQL
# statements with `if not exists`, or a function that checks what it must do).
# The recreation also brings the older changes (a `suppression_reason` column, a nullable
# `value`) to a table of any earlier version: it copies by column name, and missing columns
# become null. (DuckDB refuses `alter column` on a table with an index, so these are not
# separate statements any more.)
RAW_MIGRATIONS = (
    _add_unit_id,
    INDICATOR_VALUES_KEY,
)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    for step in RAW_MIGRATIONS:
        if callable(step):
            step(con)
        else:
            con.execute(step)


class RawWriter(ABC):
    """Appends to the raw layer (load log, indicator values, presentations), in one transaction.

    `con` is the engine's connection (DuckDB or psycopg; both have `execute(sql)` returning a
    cursor with `description` and `fetchall()`) and `schema` the raw layer's schema on it, for
    checks that read the raw layer inside the load's transaction (loaders.consistency)."""

    con: object
    schema: str = "raw"

    @abstractmethod
    def loaded_checksums(self) -> set[str]:
        """The SHA-256 of every file loaded so far."""

    @abstractmethod
    def append_files(
        self, files: list[tuple[dict, pl.DataFrame]], before_commit: Callable[[list[int]], None] | None = None
    ) -> list[int]:
        """Append files, each a load-log row (file_name, file_path, sha256, row_count, loaded_at,
        loader) and its validated rows (loaders.validate.RAW_SCHEMA), all in one transaction;
        `before_commit(load_ids)` runs inside it, after the rows are in, and may raise to undo
        everything. Returns the load ids given, in order."""

    @abstractmethod
    def record_presentation(self, presented_on: date, note: str) -> int:
        """Add a board presentation and what the board saw (snapshot_shown_figures); returns its id."""

    def snapshot_shown_figures(self, presentation_id: int, presented_on: date) -> int:
        """Copy the public marts' current figures published by the meeting (fct_indicator_value, the
        served schema `main`) into the presentation's snapshot: what the board saw, whatever is
        loaded or revised later. (A meeting recorded after later files were loaded cannot be
        told apart from them by date alone when a revision kept its publication date: `present`
        warns.) Nothing to copy before the first build. Runs inside the caller's transaction;
        returns the number of figures kept."""
        (built,) = self.con.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'main' and table_name = 'fct_indicator_value'"
        ).fetchone()
        if not built:
            return 0
        self.con.execute(
            f"insert into {self.schema}.presentation_figures"
            " (presentation_id, indicator_id, region_id, period, period_start, value, is_provisional, published_at)"
            f" select {int(presentation_id)}, indicator_id, region_id, period, period_start, value, is_provisional,"
            " published_at from main.fct_indicator_value"
            f" where published_at <= cast('{presented_on.isoformat()}' as date)"
        )
        (kept,) = self.con.execute(
            f"select count(*) from {self.schema}.presentation_figures where presentation_id = {int(presentation_id)}"
        ).fetchone()
        return int(kept)

    def files_loaded_after(self, day: date) -> list[str]:
        """The files loaded after `day` (by load time), oldest first: a presentation recorded for a
        meeting on `day` would snapshot figures the board cannot have seen."""
        rows = self.con.execute(
            f"select file_name from {self.schema}.load_log"
            f" where loaded_at >= cast('{(day + timedelta(days=1)).isoformat()}' as date) order by load_id"
        ).fetchall()
        return [name for (name,) in rows]


class DuckDBRawWriter(RawWriter):
    """The raw layer of a DuckDB file, on an open connection (the caller owns it)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
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
