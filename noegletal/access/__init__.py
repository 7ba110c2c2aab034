"""One way into the warehouse, whichever engine holds it: a DuckDB file or a PostgreSQL database.

`open_warehouse(location)` takes what `--db` / `$NOEGLETAL_DB` say: a file path (DuckDB, the
embedded default) or a URL `postgresql://user@host:port/dbname` (a shared PostgreSQL warehouse).
Everything else in the product goes through the object it returns:

    wh = open_warehouse()                    # $NOEGLETAL_DB, else data/warehouse.duckdb
    with wh.reader("offentlig") as r:        # the public marts ('fortrolig': embargoed values too)
        frame = r.query("indicator_level", indicator_id="...", period="2023K1")
    with wh.change() as change:              # all or nothing; readers never see it half done
        with change.raw() as raw:
            load_files(files, raw)           # raw.append_files(...), raw.record_presentation(...)
        change.build()                       # dbt build on the change's copy

A reader resolves the marts' unqualified names through the engine's search path (`main`, or
`fortrolig, main` in preparation mode) and runs the named queries of noegletal/queries/ with
bound parameters. A change works on a copy (DuckDB: a copy of the file; PostgreSQL: a fresh set
of schemas) that replaces what readers see in one atomic step only when everything succeeded.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from noegletal.access.named_sql import query_text

OFFENTLIG = "offentlig"
FORTROLIG = "fortrolig"
AUDIENCES = (OFFENTLIG, FORTROLIG)
# The schemas whose marts an audience reads, first match wins.
AUDIENCE_SCHEMAS = {OFFENTLIG: ("main",), FORTROLIG: ("fortrolig", "main")}
URL_SCHEMES = ("postgresql://", "postgres://")


class WarehouseUnavailable(RuntimeError):
    """The warehouse cannot be read right now (missing, unreachable, being rebuilt, not built)."""


def audience() -> str:
    """'fortrolig' in preparation mode ($NOEGLETAL_AUDIENCE=fortrolig), else 'offentlig'."""
    return FORTROLIG if os.environ.get("NOEGLETAL_AUDIENCE", "").strip().lower() == FORTROLIG else OFFENTLIG


def is_url(location: str | Path | None) -> bool:
    return str(location or "").lower().startswith(URL_SCHEMES)


def default_location() -> str:
    """$NOEGLETAL_DB if set, else data/warehouse.duckdb (an absolute path or a URL)."""
    from noegletal.config import DEFAULT_WAREHOUSE

    configured = os.environ.get("NOEGLETAL_DB", "").strip()
    if not configured:
        return str(DEFAULT_WAREHOUSE)
    return configured if is_url(configured) else str(Path(configured).resolve())


def open_warehouse(location: str | Path | None = None) -> Warehouse:
    """The warehouse at `location` (a path or a postgresql:// URL; default: default_location())."""
    location = location if location not in (None, "") else default_location()
    if is_url(location):
        from noegletal.access.postgres import PostgresWarehouse

        return PostgresWarehouse(str(location))
    from noegletal.access.duck import DuckDBWarehouse

    return DuckDBWarehouse(Path(location).resolve())


class Reader(ABC):
    """Reads the marts of one audience."""

    engine: str

    def query(self, name: str, params: dict | None = None, **kwargs: object) -> pl.DataFrame:
        """Run the named query noegletal/queries/<name>.sql with bound parameters."""
        return self.sql(query_text(name, self.engine), {**(params or {}), **kwargs})

    @abstractmethod
    def sql(self, text: str, params: dict | None = None) -> pl.DataFrame:
        """Run SQL with `$name` parameters and return a polars frame."""


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


class Change(ABC):
    """One change of the warehouse: readers see all of it, or (on failure) none of it."""

    @abstractmethod
    def raw(self) -> AbstractContextManager[RawWriter]:
        """A writer on the change's raw layer (closed, and its transaction ended, on exit)."""

    @abstractmethod
    def build(self, quiet: bool = True) -> None:
        """dbt build on the change's copy (raises BuildFailed)."""


class Warehouse(ABC):
    engine: str

    @property
    @abstractmethod
    def location(self) -> str:
        """The path or URL as it may be shown (never a password)."""

    def __str__(self) -> str:
        return self.location

    @abstractmethod
    def exists(self) -> bool:
        """The warehouse is there to be read (the file exists; the database answers)."""

    @abstractmethod
    def version(self) -> str | None:
        """Identifies what readers see now (changes with every change that reaches them); None if
        the warehouse does not exist. Cheap: the dashboard asks before every cached query."""

    @abstractmethod
    def reader(self, audience_name: str | None = None) -> AbstractContextManager[Reader]:
        """A read-only reader on the marts of an audience (default: $NOEGLETAL_AUDIENCE)."""

    @abstractmethod
    def change(self, build: bool = True, as_of: date | None = None, out: str | None = None) -> AbstractContextManager[Change]:
        """A change that replaces what readers see only when all of it succeeded.

        `build=False`: a load without a build (its raw rows only). `as_of`: the build describes
        that date and goes to `out` (DuckDB: a file; PostgreSQL: schemas named after the date),
        leaving the warehouse in service as it is."""

    def unavailable_errors(self) -> tuple[type[BaseException], ...]:
        """The engine's exceptions that mean 'cannot be read right now'."""
        return ()


def run_named(wh: Warehouse, name: str, audience_name: str | None = None, **params: object) -> pl.DataFrame:
    """One named query on a fresh reader (for scripts and tests)."""
    with wh.reader(audience_name) as r:
        return r.query(name, params)


__all__ = [
    "AUDIENCES", "AUDIENCE_SCHEMAS", "Change", "FORTROLIG", "OFFENTLIG", "RawWriter", "Reader", "Warehouse",
    "WarehouseUnavailable", "audience", "default_location", "is_url", "open_warehouse", "run_named",
]
