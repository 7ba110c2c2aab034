"""Run dbt in-process against the warehouse (no subprocess: saves the interpreter start-up)."""

from __future__ import annotations

import os
from pathlib import Path

from noegletal.config import DBT_PROJECT_DIR, warehouse_path
from noegletal.warehouse import connect, ensure_raw_schema


class BuildFailed(RuntimeError):
    pass


def run_dbt(args: list[str], db: Path | None = None, quiet: bool = False) -> None:
    """Run a dbt command (e.g. ["build"]) on the warehouse; raise BuildFailed when it fails."""
    from dbt.cli.main import dbtRunner

    db = db or warehouse_path()
    # dbt's sources must exist even before the first load.
    with connect(db) as con:
        ensure_raw_schema(con)
    os.environ["NOEGLETAL_DB"] = str(db)
    flags = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    if quiet:
        flags.append("--quiet")
    result = dbtRunner().invoke([*args, *flags])
    if not result.success:
        detail = f": {result.exception}" if result.exception else ""
        raise BuildFailed(f"dbt {' '.join(args)} fejlede{detail}")


def build(db: Path | None = None, quiet: bool = False) -> None:
    run_dbt(["build"], db=db, quiet=quiet)
