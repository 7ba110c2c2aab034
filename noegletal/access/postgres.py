"""The PostgreSQL warehouse: one database shared by many analysts and dashboard servers.

Schemas as on DuckDB: `raw` (the loaders'), `staging`, `intermediate`, `lookup` (the catalog
seeds), `main` (public marts) and `fortrolig` (embargoed values included).

A change that builds works on a fresh set of schemas, `nb_raw`, `nb_main`, ... ("new build"):
the raw layer is copied into `nb_raw` (as DuckDB copies its file), the new files are appended
there with COPY, dbt builds every other `nb_` schema from it, and one transaction renames the
served schemas away and the new ones into their place and drops the old ones. A reader's
statement sees either the old warehouse or the new one, never a mix or a half-built one (views
refer to tables by identity, not by name, so renaming the schemas keeps every view pointing into
its own set). A failed load or build drops the `nb_` schemas and leaves the served ones as they
were. A load without a build appends to `raw` directly, in one transaction.

Writers take a PostgreSQL advisory lock, so concurrent changes run one after the other. The
password comes from the URL, $PGPASSWORD or ~/.pgpass (libpq's rules), and is never shown: the
warehouse's `location` leaves it out, and dbt gets it in a DBT_ENV_SECRET_ variable, which dbt
scrubs from its logs.
"""

from __future__ import annotations

import getpass
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

import polars as pl
import psycopg
from psycopg import sql as pgsql
from psycopg.conninfo import conninfo_to_dict

from loaders.raw_layer import RAW_DDL, RawWriter
from noegletal.access.base import (
    AUDIENCE_SCHEMAS, BuildTarget, Change, Reader, Warehouse, WarehouseUnavailable, audience,
)
from noegletal.access.named_sql import to_pyformat

BUILD_PREFIX = "nb_"  # the schema set a change builds
OLD_PREFIX = "old_"  # the served set while it is being replaced (inside the swap's transaction)
RAW_TABLES = ("load_log", "indicator_values", "presentations", "presentation_figures")
WRITER_LOCK = 0x6E6F65676C  # pg_advisory_lock key ("noegl"): one writer at a time
SWAP_PATIENCE = 300.0  # seconds the swap keeps trying for the moment no reader holds a served table
VERSION_TTL = 1.0  # seconds a version answer is reused (the dashboard asks before every query)

# PostgreSQL type oid -> polars dtype, chosen to give the frames DuckDB gives for the same query.
_DTYPES = {
    16: pl.Boolean,
    20: pl.Int64, 21: pl.Int32, 23: pl.Int32,
    700: pl.Float64, 701: pl.Float64, 1700: pl.Float64,
    18: pl.Utf8, 19: pl.Utf8, 25: pl.Utf8, 1042: pl.Utf8, 1043: pl.Utf8,
    1082: pl.Date, 1114: pl.Datetime("us"), 1184: pl.Datetime("us", "UTC"),
}


def raw_ddl(schema: str) -> str:
    """The raw layer's tables in PostgreSQL's spelling (the DuckDB DDL is the source)."""
    import re

    ddl = re.sub(r"\bdouble\b(?! precision)", "double precision", RAW_DDL)
    ddl += "\n" + "create unique index if not exists indicator_values_key on raw.indicator_values " \
        "(load_id, indicator_id, region_id, coalesce(unit_id, ''), period);"
    return ddl.replace("raw.", f"{schema}.").replace("schema if not exists raw", f"schema if not exists {schema}")


def _frame(cursor: psycopg.Cursor) -> pl.DataFrame:
    """The cursor's rows as a polars frame with the column types DuckDB would give."""
    if cursor.description is None:
        return pl.DataFrame()
    names = [c.name for c in cursor.description]
    rows = cursor.fetchall()
    columns = {}
    for i, (name, column) in enumerate(zip(names, cursor.description)):
        dtype = _DTYPES.get(column.type_code)
        values = [row[i] for row in rows]
        if column.type_code == 1700:
            values = [float(v) if isinstance(v, Decimal) else v for v in values]
        columns[name] = pl.Series(name, values, dtype=dtype, strict=False) if dtype else pl.Series(name, values)
    return pl.DataFrame(columns)


class PostgresReader(Reader):
    engine = "postgres"

    def __init__(self, con: psycopg.Connection):
        self.con = con

    def sql(self, text: str, params: dict | None = None) -> pl.DataFrame:
        with self.con.cursor() as cur:
            cur.execute(to_pyformat(text), params or {})
            return _frame(cur)


class PostgresRawWriter(RawWriter):
    """The raw layer in schema `schema`; everything in the connection's one transaction."""

    def __init__(self, con: psycopg.Connection, schema: str):
        self.con = con
        self.schema = schema

    def _table(self, name: str) -> pgsql.Composed:
        return pgsql.SQL("{}.{}").format(pgsql.Identifier(self.schema), pgsql.Identifier(name))

    def loaded_checksums(self) -> set[str]:
        rows = self.con.execute(pgsql.SQL("select sha256 from {}").format(self._table("load_log"))).fetchall()
        return {sha for (sha,) in rows}

    def append_files(self, files: list[tuple[dict, pl.DataFrame]], before_commit=None) -> list[int]:
        ids = []
        with self.con.transaction():
            (next_id,) = self.con.execute(
                pgsql.SQL("select coalesce(max(load_id), 0) + 1 from {}").format(self._table("load_log"))
            ).fetchone()
            for log, frame in files:
                self.con.execute(
                    pgsql.SQL("insert into {} values (%s, %s, %s, %s, %s, %s, %s)").format(self._table("load_log")),
                    [next_id, log["file_name"], log["file_path"], log["sha256"], log["row_count"],
                     log["loaded_at"], log["loader"]],
                )
                incoming = frame.with_columns(load_id=pl.lit(next_id, pl.Int32))
                copy_sql = pgsql.SQL("copy {} ({}) from stdin (format csv)").format(
                    self._table("indicator_values"), pgsql.SQL(", ").join(map(pgsql.Identifier, incoming.columns))
                )
                # PostgreSQL's bulk path: the validated frame as CSV (an unquoted empty field is
                # null, polars writes an empty string as "").
                with self.con.cursor().copy(copy_sql) as copy:
                    copy.write(incoming.write_csv(include_header=False))
                ids.append(next_id)
                next_id += 1
            if before_commit is not None:
                before_commit(ids)
        return ids

    def record_presentation(self, presented_on: date, note: str) -> int:
        with self.con.transaction():
            (next_id,) = self.con.execute(
                pgsql.SQL("select coalesce(max(presentation_id), 0) + 1 from {}").format(self._table("presentations"))
            ).fetchone()
            self.con.execute(
                pgsql.SQL("insert into {} values (%s, %s, %s, %s)").format(self._table("presentations")),
                [next_id, presented_on, note, datetime.now()],
            )
            self.snapshot_shown_figures(next_id, presented_on)
        return next_id


class PostgresChange(Change):
    def __init__(self, wh: PostgresWarehouse, raw_schema: str, builds: bool, as_of: date | None):
        self.wh = wh
        self.raw_schema = raw_schema
        self.builds = builds
        self.as_of = as_of

    @contextmanager
    def raw(self) -> Iterator[PostgresRawWriter]:
        with self.wh.connect() as con:  # commits on success, rolls back on an exception
            yield PostgresRawWriter(con, self.raw_schema)

    def build_target(self) -> BuildTarget:
        if not self.builds:
            raise RuntimeError("this change was opened with build=False")
        return BuildTarget(self.wh, self.as_of, BUILD_PREFIX)


class PostgresWarehouse(Warehouse):
    engine = "postgres"

    def __init__(self, url: str):
        self.url = url
        try:
            self.params = conninfo_to_dict(url)
            port = self.params.get("port")
            if port is not None and not (str(port).isdigit() and 0 < int(port) < 65536):
                raise ValueError(f"porten '{port}' er ikke et tal mellem 1 og 65535")
        except (psycopg.Error, ValueError) as e:
            # the message never repeats the URL: it may hold a password
            raise WarehouseUnavailable(f"adressen på PostgreSQL-lageret kan ikke læses: {e}") from None
        self._version: tuple[float, str | None] | None = None
        self._version_lock = threading.Lock()

    # --- where and how to connect -------------------------------------------------------------

    @property
    def user(self) -> str:
        return self.params.get("user") or os.environ.get("PGUSER") or getpass.getuser()

    @property
    def host(self) -> str:
        return self.params.get("host") or os.environ.get("PGHOST") or "localhost"

    @property
    def port(self) -> int:
        return int(self.params.get("port") or os.environ.get("PGPORT") or 5432)

    @property
    def dbname(self) -> str:
        return self.params.get("dbname") or os.environ.get("PGDATABASE") or self.user

    @property
    def location(self) -> str:
        host = self.host if not self.host.startswith("/") else ""
        query = f"?host={quote(self.host)}" if host == "" else ""
        return f"postgresql://{quote(self.user)}@{host}:{self.port}/{quote(self.dbname)}{query}"

    def connect(self, autocommit: bool = False) -> psycopg.Connection:
        return psycopg.connect(self.url, autocommit=autocommit)

    def dbt_environment(self, schema_prefix: str = "") -> dict[str, str]:
        """The variables dbt_project/profiles.yml's `postgres` target reads."""
        env = {
            "NOEGLETAL_PG_HOST": self.host,
            "NOEGLETAL_PG_PORT": str(self.port),
            "NOEGLETAL_PG_USER": self.user,
            "NOEGLETAL_PG_DBNAME": self.dbname,
            "NOEGLETAL_PG_SSLMODE": self.params.get("sslmode") or os.environ.get("PGSSLMODE") or "prefer",
            "NOEGLETAL_SCHEMA_PREFIX": schema_prefix,
            # empty: libpq then takes $PGPASSWORD or ~/.pgpass
            "DBT_ENV_SECRET_NOEGLETAL_PG_PASSWORD": self.params.get("password") or "",
        }
        return env

    # --- reading ------------------------------------------------------------------------------

    def exists(self) -> bool:
        try:
            with self.connect(autocommit=True):
                return True
        except psycopg.OperationalError:
            return False

    def version(self) -> str | None:
        with self._version_lock:
            if self._version and time.monotonic() - self._version[0] < VERSION_TTL:
                return self._version[1]
        try:
            value = self._read_version()
        except psycopg.OperationalError:
            value = None
        with self._version_lock:
            self._version = (time.monotonic(), value)
        return value

    def _read_version(self) -> str:
        """The identities of the served schemas (every swap makes new ones), and the raw layer's
        last load and presentation (a load without a build changes the raw layer only, which a
        view may read)."""
        with self.connect(autocommit=True) as con:
            schemas = con.execute(
                "select nspname, oid from pg_namespace where nspname in ('main', 'fortrolig', 'raw') order by nspname"
            ).fetchall()
            version = ",".join(f"{name}:{oid}" for name, oid in schemas)
            if any(name == "raw" for name, _ in schemas):
                last = con.execute(
                    "select (select coalesce(max(load_id), 0) from raw.load_log),"
                    " (select coalesce(max(presentation_id), 0) from raw.presentations)"
                ).fetchone()
                version += f",loads:{last[0]},presentations:{last[1]}"
            return version

    @contextmanager
    def reader(self, audience_name: str | None = None) -> Iterator[PostgresReader]:
        schemas = AUDIENCE_SCHEMAS[audience_name or audience()]
        with self.connect(autocommit=True) as con:
            con.execute(pgsql.SQL("set search_path to {}").format(pgsql.SQL(", ").join(map(pgsql.Identifier, schemas))))
            con.execute("set default_transaction_read_only = on")
            yield PostgresReader(con)

    def unavailable_errors(self) -> tuple[type[BaseException], ...]:
        return (psycopg.OperationalError,)

    # --- changing -----------------------------------------------------------------------------

    @contextmanager
    def change(self, build: bool = True, as_of: date | None = None, out: str | None = None) -> Iterator[PostgresChange]:
        if out:
            raise ValueError("--out gælder kun et DuckDB-lager; på PostgreSQL skrives --as-of til skemaerne as_of_<dato>_*")
        with self.connect(autocommit=True) as lock:
            lock.execute("select pg_advisory_lock(%s)", [WRITER_LOCK])
            try:
                with lock.transaction():
                    lock.execute(raw_ddl("raw"))
                if not build:
                    yield PostgresChange(self, "raw", builds=False, as_of=None)
                    return
                self._drop_schemas(lock, BUILD_PREFIX)  # left over by a crashed change
                try:
                    self._copy_raw(lock)
                    yield PostgresChange(self, BUILD_PREFIX + "raw", builds=True, as_of=as_of)
                    if as_of is None:
                        self._swap(lock, BUILD_PREFIX, "")
                    else:
                        self._swap(lock, BUILD_PREFIX, f"as_of_{as_of:%Y_%m_%d}_")
                finally:
                    self._drop_schemas(lock, BUILD_PREFIX)
            finally:
                lock.execute("select pg_advisory_unlock(%s)", [WRITER_LOCK])

    @staticmethod
    def _schemas(con: psycopg.Connection, prefix: str) -> list[str]:
        pattern = prefix.replace("_", r"\_") + "%"
        return [name for (name,) in con.execute(
            "select nspname from pg_namespace where nspname like %s order by nspname", [pattern]
        ).fetchall()]

    @staticmethod
    def _exists(con: psycopg.Connection, schema: str) -> bool:
        return con.execute("select count(*) from pg_namespace where nspname = %s", [schema]).fetchone()[0] > 0

    def _drop_schemas(self, con: psycopg.Connection, prefix: str) -> None:
        with con.transaction():
            for name in self._schemas(con, prefix):
                con.execute(pgsql.SQL("drop schema {} cascade").format(pgsql.Identifier(name)))

    def _copy_raw(self, con: psycopg.Connection) -> None:
        """The raw layer into `nb_raw`, with its keys and indexes (a change works on a copy)."""
        new = BUILD_PREFIX + "raw"
        with con.transaction():
            con.execute(pgsql.SQL("create schema {}").format(pgsql.Identifier(new)))
            for table in RAW_TABLES:
                source = pgsql.SQL("raw.{}").format(pgsql.Identifier(table))
                target = pgsql.SQL("{}.{}").format(pgsql.Identifier(new), pgsql.Identifier(table))
                con.execute(pgsql.SQL("create table {} (like {} including all)").format(target, source))
                con.execute(pgsql.SQL("insert into {} select * from {}").format(target, source))

    @staticmethod
    def _carry_grants(con: psycopg.Connection, served: str, new: str) -> None:
        """The roles that may use the served schema, and read its tables, may do so in the new one:
        analysts' access survives a rebuild without anyone granting it again."""
        schema_grants = con.execute(
            """select role.rolname, acl.privilege_type
               from pg_namespace as ns, aclexplode(ns.nspacl) as acl
               join pg_roles as role on role.oid = acl.grantee
               where ns.nspname = %s and acl.grantee <> ns.nspowner""", [served]
        ).fetchall()
        for role, privilege in schema_grants:
            con.execute(pgsql.SQL("grant {} on schema {} to {}").format(
                pgsql.SQL(privilege), pgsql.Identifier(new), pgsql.Identifier(role)))
        readers = con.execute(
            """select distinct role.rolname
               from pg_class as rel
               join pg_namespace as ns on ns.oid = rel.relnamespace,
               aclexplode(rel.relacl) as acl
               join pg_roles as role on role.oid = acl.grantee
               where ns.nspname = %s and acl.privilege_type = 'SELECT' and acl.grantee <> rel.relowner""", [served]
        ).fetchall()
        for (role,) in readers:
            con.execute(pgsql.SQL("grant select on all tables in schema {} to {}").format(
                pgsql.Identifier(new), pgsql.Identifier(role)))

    def _swap(self, con: psycopg.Connection, new_prefix: str, served_prefix: str) -> None:
        """In one transaction: every `<new_prefix>x` schema becomes `<served_prefix>x` (with the
        grants of the one it replaces), and the one it replaces is dropped.

        The transaction first takes every relation of the replaced schemas at once, or none
        (LOCK ... NOWAIT), and tries again a moment later while a reader's statement holds one.
        Taking them one by one could deadlock with a statement that holds one and waits for
        another; holding them all, the swap waits for nobody: statements that start meanwhile
        wait for its commit and then find the new schemas under the same names."""
        deadline = time.monotonic() + SWAP_PATIENCE
        while True:
            try:
                with con.transaction():
                    pairs = [(new, served_prefix + new[len(new_prefix):]) for new in self._schemas(con, new_prefix)]
                    replaced = [name for _, name in pairs if self._exists(con, name)]
                    relations = con.execute(
                        """select quote_ident(ns.nspname) || '.' || quote_ident(rel.relname)
                           from pg_class as rel join pg_namespace as ns on ns.oid = rel.relnamespace
                           where ns.nspname = any(%s) and rel.relkind in ('r', 'v', 'm', 'p', 'f')
                           order by 1""", [replaced]
                    ).fetchall()
                    if relations:
                        con.execute(pgsql.SQL("lock table {} in access exclusive mode nowait").format(
                            pgsql.SQL(", ").join(pgsql.SQL(r) for (r,) in relations)))
                    for new, name in pairs:
                        if name in replaced:
                            self._carry_grants(con, name, new)
                            old = OLD_PREFIX + name
                            con.execute(pgsql.SQL("drop schema if exists {} cascade").format(pgsql.Identifier(old)))
                            con.execute(pgsql.SQL("alter schema {} rename to {}").format(
                                pgsql.Identifier(name), pgsql.Identifier(old)))
                        con.execute(pgsql.SQL("alter schema {} rename to {}").format(
                            pgsql.Identifier(new), pgsql.Identifier(name)))
                    for name in replaced:
                        con.execute(pgsql.SQL("drop schema {} cascade").format(pgsql.Identifier(OLD_PREFIX + name)))
                return
            except (psycopg.errors.LockNotAvailable, psycopg.errors.DeadlockDetected):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
