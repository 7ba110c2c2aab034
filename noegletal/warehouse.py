"""The DuckDB warehouse: connections, the raw tables the loaders append to, named queries."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb

from noegletal.config import warehouse_path

# The raw layer is append-only: a load adds rows, it never updates or deletes them.
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
    primary key (load_id, indicator_id, region_id, period)
);
create table if not exists raw.presentations (
    presentation_id integer primary key,
    presented_on    date not null,
    note            varchar not null,
    recorded_at     timestamp not null
);
"""

# Warehouses made by earlier versions gain the newer columns; statements are idempotent.
RAW_MIGRATIONS = """
alter table raw.indicator_values add column if not exists suppression_reason varchar;
alter table raw.indicator_values alter column value drop not null;
"""


def connect(path: Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = path or warehouse_path()
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)


OFFENTLIG = "offentlig"
FORTROLIG = "fortrolig"
# Unqualified mart names resolve through the search path: the public `main` schema normally,
# the `fortrolig` marts (embargoed values included) first in preparation mode.
SEARCH_PATHS = {OFFENTLIG: "main", FORTROLIG: "fortrolig,main"}


def audience() -> str:
    """'fortrolig' in preparation mode ($NOEGLETAL_AUDIENCE=fortrolig), else 'offentlig'."""
    return FORTROLIG if os.environ.get("NOEGLETAL_AUDIENCE", "").strip().lower() == FORTROLIG else OFFENTLIG


def connect_reader(path: Path | None = None, audience_name: str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection whose unqualified names are the marts of one audience."""
    con = connect(path, read_only=True)
    con.execute(f"set search_path = '{SEARCH_PATHS[audience_name or audience()]}'")
    return con


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    con.execute(RAW_MIGRATIONS)


@cache
def query_text(name: str) -> str:
    """The SQL of a named query in noegletal/queries/<name>.sql."""
    return resources.files("noegletal.queries").joinpath(f"{name}.sql").read_text(encoding="utf-8")


def run_query(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    """Run a named query with bound parameters and return a polars frame."""
    return con.sql(query_text(name), params=params or None).pl()
