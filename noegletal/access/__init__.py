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
        build_change(change)                 # noegletal.dbt_runner: dbt build on the change's copy

A reader resolves the marts' unqualified names through the engine's search path (`main`, or
`fortrolig, main` in preparation mode) and runs the named queries of noegletal/queries/ with
bound parameters. A change works on a copy (DuckDB: a copy of the file; PostgreSQL: a fresh set
of schemas) that replaces what readers see in one atomic step only when everything succeeded.
"""

from __future__ import annotations

from pathlib import Path

from noegletal.access.base import (
    AUDIENCE_SCHEMAS,
    AUDIENCES,
    FORTROLIG,
    OFFENTLIG,
    BuildTarget,
    Change,
    RawWriter,
    Reader,
    Warehouse,
    WarehouseUnavailable,
    audience,
    default_location,
    is_url,
    run_named,
)


def open_warehouse(location: str | Path | None = None) -> Warehouse:
    """The warehouse at `location` (a path or a postgresql:// URL; default: default_location())."""
    location = location if location not in (None, "") else default_location()
    if is_url(location):
        from noegletal.access.postgres import PostgresWarehouse

        return PostgresWarehouse(str(location))
    from noegletal.access.duck import DuckDBWarehouse

    return DuckDBWarehouse(Path(location).resolve())


__all__ = [
    "AUDIENCES", "AUDIENCE_SCHEMAS", "BuildTarget", "Change", "FORTROLIG", "OFFENTLIG", "RawWriter", "Reader", "Warehouse",
    "WarehouseUnavailable", "audience", "default_location", "is_url", "open_warehouse", "run_named",
]
