"""The DuckDB warehouse: connections, the raw tables the loaders append to, named queries.

The product reaches the warehouse through noegletal.access (DuckDB or PostgreSQL); this module
is DuckDB's own part of it (the file, its raw layer and its migrations) and keeps the DuckDB
helpers the tests use."""

from __future__ import annotations

from pathlib import Path

import duckdb

from noegletal.access import (  # noqa: F401 (re-exported)
    AUDIENCE_SCHEMAS,
    FORTROLIG,
    OFFENTLIG,
    audience,
    default_location,
    is_url,
)
from noegletal.access.named_sql import query_text as _query_text

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


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    for step in RAW_MIGRATIONS:
        if callable(step):
            step(con)
        else:
            con.execute(step)


def query_text(name: str) -> str:
    """The SQL of a named query in noegletal/queries/<name>.sql."""
    return _query_text(name, "duckdb")
