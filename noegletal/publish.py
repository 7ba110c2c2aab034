"""The public edition of the warehouse: a DuckDB file with only the public marts and dimensions.

The warehouse itself carries embargoed values in `raw`, `staging` and `fortrolig`: anyone handed
that file can read them. `noegletal publish --out FILE` writes a new file holding copies of the
public relations of schema `main` (`dim_*`, `fct_*`, `mart_*`), nothing else, for analysts' own SQL
and for the public dashboard (`noegletal serve --db FILE`). The file is written from scratch (no
page of the warehouse is copied) and put in place with an atomic rename. The warehouse may be a
DuckDB file or a PostgreSQL database (noegletal.access): the edition is a DuckDB file either way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from noegletal.swap import OverwritesWarehouse, refuse_overwriting
PUBLIC_SCHEMA = "main"
PUBLIC_PREFIXES = ("dim_", "fct_", "mart_")


class PublishError(RuntimeError):
    pass


@dataclass(frozen=True)
class Published:
    path: Path
    tables: tuple[str, ...]
    rows: int


def public_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    names = con.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = ? "
        "order by table_name",
        [catalog, PUBLIC_SCHEMA],
    ).fetchall()
    return [n for (n,) in names if n.startswith(PUBLIC_PREFIXES)]


def embargoed_in_public(
    con: duckdb.DuckDBPyConnection, today: date | None = None, catalog: str | None = None
) -> list[str]:
    """'table.column: n' for every publication date after today in the public marts of `catalog`
    (default: the connection's own database). The models never put one there; a file built by an
    older version with a future --as-of could."""
    today = today or datetime.now(timezone.utc).date()
    catalog = catalog or con.execute("select current_database()").fetchone()[0]
    found = []
    for table in public_tables(con, catalog):
        columns = con.execute(
            "select column_name from information_schema.columns where table_catalog = ? "
            "and table_schema = ? and table_name = ? and column_name like '%published_at' and data_type = 'DATE'",
            [catalog, PUBLIC_SCHEMA, table],
        ).fetchall()
        for (column,) in columns:
            (n,) = con.execute(
                f'select count(*) from "{catalog}".{PUBLIC_SCHEMA}."{table}" where "{column}" > ?', [today]
            ).fetchone()
            if n:
                found.append(f"{table}.{column}: {n}")
    return found


def embargoed_in_public_marts(wh, today: date | None = None) -> list[str]:
    """embargoed_in_public for a warehouse of any engine (noegletal.access), through its reader."""
    if wh.engine == "duckdb":
        with duckdb.connect(str(wh.path), read_only=True) as con:
            return embargoed_in_public(con, today)
    today = today or datetime.now(timezone.utc).date()
    found = []
    with wh.reader("offentlig") as r:
        columns = r.sql(
            "select table_name, column_name from information_schema.columns where table_schema = $schema "
            "and column_name like '%published_at' and lower(data_type) = 'date' order by table_name, column_name",
            {"schema": PUBLIC_SCHEMA},
        )
        for table, column in columns.iter_rows():
            if not table.startswith(PUBLIC_PREFIXES):
                continue
            n = r.sql(f'select count(*) as n from {PUBLIC_SCHEMA}."{table}" where "{column}" > $today',
                      {"today": today}).item()
            if n:
                found.append(f"{table}.{column}: {n}")
    return found


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


def publish(source, out: Path, today: date | None = None) -> Published:
    """Write the public edition of `source` (a DuckDB file, or a warehouse of any engine from
    noegletal.access) to `out`; raise PublishError if it cannot be done."""
    if not isinstance(source, (str, Path)):
        if source.engine != "duckdb":
            return _publish_from_reader(source, out.resolve(), today)
        source = source.path
    source, out = Path(source).resolve(), out.resolve()
    try:
        refuse_overwriting(out, source)
    except OverwritesWarehouse as e:
        raise PublishError(str(e)) from None
    if not source.exists():
        raise PublishError(f"Lageret findes ikke: {source}")
    today = today or datetime.now(timezone.utc).date()
    work = out.with_name(f".{out.name}.{os.getpid()}.publishing")
    work.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(work)) as con:
            con.execute(f"attach '{_sql_text(str(source))}' as src (read_only)")
            tables = public_tables(con, "src")
            if "fct_indicator_value" not in tables:
                raise PublishError(f"Lageret er ikke bygget (ingen offentlige marts i {source}): kør `noegletal build`.")
            leaked = embargoed_in_public(con, today, catalog="src")
            if leaked:
                raise PublishError(
                    "De offentlige marts indeholder tal offentliggjort efter i dag, så filen udgives ikke ("
                    + "; ".join(leaked) + "). Byg lageret igen med `noegletal build`."
                )
            rows = 0
            for table in tables:
                con.execute(f'create table {PUBLIC_SCHEMA}."{table}" as select * from src.{PUBLIC_SCHEMA}."{table}"')
                rows += con.execute(f'select count(*) from {PUBLIC_SCHEMA}."{table}"').fetchone()[0]
            con.execute("detach src")
            con.execute("checkpoint")
        os.replace(work, out)
    except (OSError, duckdb.IOException, duckdb.PermissionException) as e:
        raise PublishError(f"{out} kan ikke skrives: {getattr(e, 'strerror', None) or e}") from None
    finally:
        work.unlink(missing_ok=True)
        work.with_name(work.name + ".wal").unlink(missing_ok=True)
    return Published(out, tuple(tables), rows)


def _publish_from_reader(wh, out: Path, today: date | None) -> Published:
    """The public edition of a PostgreSQL warehouse: the same tables, read through the warehouse's
    reader (polars frames, the types DuckDB gives) and written into a new DuckDB file."""
    if not wh.exists():
        raise PublishError(f"Lageret findes ikke eller kan ikke nås: {wh}")
    leaked = embargoed_in_public_marts(wh, today)
    if leaked:
        raise PublishError(
            "De offentlige marts indeholder tal offentliggjort efter i dag, så filen udgives ikke ("
            + "; ".join(leaked) + "). Byg lageret igen med `noegletal build`."
        )
    work = out.with_name(f".{out.name}.{os.getpid()}.publishing")
    work.unlink(missing_ok=True)
    try:
        with wh.reader("offentlig") as r, duckdb.connect(str(work)) as con:
            names = r.sql(
                "select table_name from information_schema.tables where table_schema = $schema order by table_name",
                {"schema": PUBLIC_SCHEMA},
            )["table_name"].to_list()
            tables = [n for n in names if n.startswith(PUBLIC_PREFIXES)]
            if "fct_indicator_value" not in tables:
                raise PublishError(f"Lageret er ikke bygget (ingen offentlige marts i {wh}): kør `noegletal build`.")
            rows = 0
            for table in tables:
                frame = r.sql(f'select * from {PUBLIC_SCHEMA}."{table}"')
                con.register("incoming", frame)
                con.execute(f'create table {PUBLIC_SCHEMA}."{table}" as select * from incoming')
                con.unregister("incoming")
                rows += frame.height
            con.execute("checkpoint")
        os.replace(work, out)
    finally:
        work.unlink(missing_ok=True)
        work.with_name(work.name + ".wal").unlink(missing_ok=True)
    return Published(out, tuple(tables), rows)
