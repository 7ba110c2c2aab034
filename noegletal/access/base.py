"""The warehouse's interface, whichever engine holds it: audiences, readers, changes, locations.

`noegletal.access` hands these names on with `open_warehouse`; the engines (`access.duck`,
`access.postgres`) implement them from here, so that the package's face imports the engines and
no engine imports the face."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from loaders.raw_layer import RawWriter
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


class Reader(ABC):
    """Reads the marts of one audience."""

    engine: str

    def query(self, name: str, params: dict | None = None, **kwargs: object) -> pl.DataFrame:
        """Run the named query noegletal/queries/<name>.sql with bound parameters."""
        return self.sql(query_text(name, self.engine), {**(params or {}), **kwargs})

    @abstractmethod
    def sql(self, text: str, params: dict | None = None) -> pl.DataFrame:
        """Run SQL with `$name` parameters and return a polars frame."""


@dataclass(frozen=True)
class BuildTarget:
    """The copy a change builds: a DuckDB file (a Path) or a PostgresWarehouse with the prefix of
    the schema set being built, and the date the build describes (None: today)."""

    db: object
    as_of: date | None = None
    schema_prefix: str = ""


class Change(ABC):
    """One change of the warehouse: readers see all of it, or (on failure) none of it."""

    @abstractmethod
    def raw(self) -> AbstractContextManager[RawWriter]:
        """A writer on the change's raw layer (closed, and its transaction ended, on exit)."""

    @abstractmethod
    def build_target(self) -> BuildTarget:
        """What dbt builds for this change (`noegletal.dbt_runner.build_change` runs it: dbt is a
        layer above this one, so the change names its copy and dbt is called from above)."""


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
