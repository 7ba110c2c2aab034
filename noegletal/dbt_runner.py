"""Run dbt in-process against the warehouse (no subprocess: saves the interpreter start-up)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from datetime import date
from pathlib import Path

from loaders.raw_layer import ensure_raw_schema
from noegletal.access import Change
from noegletal.access.duck import connect
from noegletal.config import DBT_PROJECT_DIR


class BuildFailed(RuntimeError):
    pass


def run_dbt(args: list[str], db=None, quiet: bool = False, schema_prefix: str = "") -> None:
    """Run a dbt command (e.g. ["build"]) on the warehouse; raise BuildFailed when it fails.

    `db` is a DuckDB file (a Path; default: the warehouse in service) or a PostgresWarehouse;
    on PostgreSQL dbt builds the schemas named with `schema_prefix` (see access.postgres)."""
    from dbt.cli.main import dbtRunner

    from noegletal.access import open_warehouse
    from noegletal.access.postgres import PostgresWarehouse

    if db is None:
        db = open_warehouse()  # $NOEGLETAL_DB: a file or a URL
        db = db if isinstance(db, PostgresWarehouse) else db.path
    flags = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    if quiet:
        # nothing of dbt's own on the console (its errors come with Python tracebacks): BuildFailed
        # says in Danish what failed; dbt's log file (dbt_project/logs/) keeps the detail
        flags += ["--quiet", "--log-level", "none"]
    if isinstance(db, PostgresWarehouse):
        # profiles.yml's `postgres` target is made from the URL's parts (environment variables).
        env = db.dbt_environment(schema_prefix)
        flags += ["--target", "postgres"]
        folder = None
    else:
        db = Path(db).resolve()
        # dbt's sources must exist even before the first load.
        with connect(db) as con:
            ensure_raw_schema(con)
        # dbt gets the file by its name relative to its folder: the profile (path and database
        # name) enters the check of dbt's partial parsing, and an absolute path would make every
        # other warehouse or working copy (swap.work_path) parse the whole project again (~3 s).
        env = {"NOEGLETAL_DB": db.name, "NOEGLETAL_SCHEMA_PREFIX": ""}
        folder = db.parent
    flags += _target_path_per_profile(args, flags, env)
    # profiles.yml reads the environment; restore it afterwards so that what this process starts
    # next (the dashboard) sees the warehouse in service, not a working copy.
    previous = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        with contextlib.chdir(folder) if folder else contextlib.nullcontext():
            try:
                result = dbtRunner().invoke([*args, *flags])
            finally:
                if folder:
                    _release_duckdb()
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    if "--no-write-json" in args:
        _write_run_results(result, [*args, *flags])
    if not result.success:
        raise _failure(args[0], result, db)


def _failure(command: str, result, db) -> BuildFailed:
    """What failed, in Danish: a full disk, or dbt's error and the failed nodes."""
    if _disk_full(result):
        return BuildFailed(f"dbt {command} fejlede: der er ikke plads på disken til at bygge lageret. "
                           "Arbejdskopien er fjernet. Frigør plads, og prøv igen.")
    detail = f": {result.exception}" if result.exception else ""
    failed = _failed_nodes(result, db)
    if failed:
        detail += "\n" + "\n".join(failed)
    return BuildFailed(f"dbt {command} fejlede{detail}")


def _write_run_results(result, args: list[str]) -> None:
    """dbt's run_results.json in the run's target folder (as dbt writes it without --no-write-json)."""
    run_results = getattr(result, "result", None)
    if not hasattr(run_results, "write"):
        return
    target = args[args.index("--target-path") + 1] if "--target-path" in args else "target"
    path = DBT_PROJECT_DIR / target / "run_results.json"  # dbt's target path is relative to the project
    path.parent.mkdir(parents=True, exist_ok=True)
    run_results.write(str(path))


def _target_path_per_profile(args: list[str], flags: list[str], env: dict[str, str]) -> list[str]:
    """With $NOEGLETAL_DBT_TARGET_ROOT (a folder in the project; the test suite sets it), one dbt
    target folder per warehouse name, target and --vars below it. dbt parses the whole project
    again (3-30 s) whenever the profile or the vars differ from its previous run's, and the tests
    alternate between many warehouses (and PostgreSQL, and --as-of). Unset: dbt's own target/."""
    root = os.environ.get("NOEGLETAL_DBT_TARGET_ROOT")
    if not root or "--target-path" in args:
        return []
    # the server's address and password change from run to run and name no other parse
    named = {k: v for k, v in env.items() if not any(part in k for part in ("HOST", "PORT", "SECRET"))}
    vars_ = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--vars"]
    target = flags[flags.index("--target") + 1] if "--target" in flags else "duckdb"
    key = hashlib.sha256(json.dumps([target, sorted(named.items()), vars_]).encode()).hexdigest()[:12]
    return ["--target-path", f"{root}/{target}-{key}"]


def _disk_full(result) -> bool:
    """dbt stopped because the disk is full (DuckDB, PostgreSQL and the OS word it this way)."""
    texts = [str(result.exception or "")]
    texts += [str(getattr(r, "message", "") or "") for r in getattr(getattr(result, "result", None), "results", None) or []]
    return any(marker in text.lower() for text in texts for marker in ("no space left on device", "disk full"))


def _failed_nodes(result, db: Path | None = None) -> list[str]:
    """'<node name>: <status> (<message>)' for every model or test that failed or errored, so the
    message says which data test did not hold; for a failed data test also the keys it found and
    the files (and rows) they came from."""
    lines = []
    for node_result in getattr(getattr(result, "result", None), "results", None) or []:
        status = str(getattr(node_result, "status", "")).lower()
        if status.endswith(("fail", "error")):
            node = getattr(node_result, "node", None)
            name = getattr(node, "name", "?")
            message = getattr(node_result, "message", None) or ""
            if OUT_OF_MEMORY in message:
                lines.append(memory_cap_message(name))
                continue
            lines.append(f"{name}: {status.rsplit('.', 1)[-1]}" + (f" ({message})" if message else ""))
            if status.endswith("fail") and db is not None:
                lines.extend(f"  {line}" for line in failing_keys(db, getattr(node, "compiled_code", None)))
    return lines


OUT_OF_MEMORY = "Out of Memory Error"  # DuckDB's message when the memory cap is reached
MEMORY_SETTING = "NOEGLETAL_DUCKDB_MEMORY_LIMIT"


def memory_cap_message(model: str) -> str:
    """Danish: which model hit DuckDB's memory cap (profiles.yml) and the setting that raises it."""
    limit = os.environ.get(MEMORY_SETTING) or "500MB"
    return (f"{model}: DuckDB nåede loftet for hukommelse ({MEMORY_SETTING}={limit}). "
            f"Sæt {MEMORY_SETTING} højere, fx {MEMORY_SETTING}=2GB, og byg igen.")


KEY_COLUMNS = ("indicator_id", "region_id", "unit_id", "unit_type", "period")
MAX_KEYS_SHOWN = 10


def failing_keys(db, test_sql: str | None) -> list[str]:
    """The rows a failed data test returns, as keys with their source files and rows (the files
    on DuckDB; on PostgreSQL, where the raw layer being built is a schema of its own, the keys)."""
    if not test_sql:
        return []
    import duckdb

    from noegletal.access.postgres import PostgresWarehouse

    on_duckdb = not isinstance(db, PostgresWarehouse)
    try:
        with duckdb.connect(str(db), read_only=True) if on_duckdb else db.connect() as con:
            cursor = con.execute(f"select * from ({test_sql}) as failing limit {MAX_KEYS_SHOWN + 1}")
            names = [d[0] for d in cursor.description]
            rows = [dict(zip(names, r)) for r in cursor.fetchall()]
            lines = []
            for row in rows[:MAX_KEYS_SHOWN]:
                key = {k: row[k] for k in KEY_COLUMNS if row.get(k) is not None}
                shown = ", ".join(f"{k}={v}" for k, v in (key or row).items())
                lines.append(f"nøgle {shown}" + (_source_files(con, key) if on_duckdb else ""))
            if len(rows) > MAX_KEYS_SHOWN:
                lines.append("... og flere")
            return lines
    except Exception as e:  # the failure itself is reported; the detail is a help, never a new error
        return [f"(rækkerne kunne ikke hentes: {e})"]


def _source_files(con, key: dict) -> str:
    """' - filer: a.csv (række 3), ...' for the raw rows of a key (all of a region's units for a
    unit-level key without a unit)."""
    where = [f"v.{k} = ?" for k in ("indicator_id", "region_id", "unit_id", "period") if k in key]
    if not {"indicator_id", "period"} <= key.keys():
        return ""
    params = [key[k] for k in ("indicator_id", "region_id", "unit_id", "period") if k in key]
    found = con.execute(
        "select l.file_name, min(v.source_row), max(v.source_row) from raw.indicator_values v "
        "join raw.load_log l on v.load_id = l.load_id where " + " and ".join(where)
        + " group by l.file_name, l.load_id order by l.load_id",
        params,
    ).fetchall()
    parts = [f"{f} (række {lo})" if lo == hi else f"{f} (rækkerne {lo}-{hi})" for f, lo, hi in found]
    return " - filer: " + ", ".join(parts) if parts else ""


def _release_duckdb() -> None:
    """dbt-duckdb keeps its DuckDB instance open in-process after a run; close it so this process
    (the CLI, the tests) can open the warehouse again, read-only or in another configuration."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
    if env is not None:
        env.close()


def build(db=None, quiet: bool = False, as_of: date | None = None, schema_prefix: str = "") -> None:
    """Seeds, models and data tests. dbt's unit tests check the SQL, not the data, so they run in
    the test suite (`run_unit_tests`) rather than on every refresh.

    `as_of` rebuilds the marts as they stood on that date (values published by then)."""
    # --no-write-json: dbt would write its manifest.json twice (after parsing and after the build,
    # ~0.7 s of CPU each for this project, issue 22); nothing reads it (`noegletal docs` makes its
    # own). run_results.json, which says how each node went, is written as before (run_dbt).
    args = ["build", "--exclude-resource-type", "unit_test", "--no-write-json"]
    if as_of is not None:
        args += ["--vars", json.dumps({"as_of": as_of.isoformat()})]
    run_dbt(args, db=db, quiet=quiet, schema_prefix=schema_prefix)


def build_change(change: Change, quiet: bool = True) -> None:
    """dbt build on a change's copy of the warehouse (noegletal.access.Change); raises BuildFailed."""
    target = change.build_target()
    build(target.db, quiet=quiet, as_of=target.as_of, schema_prefix=target.schema_prefix)


DOCS_FILES = {"static_index.html": "index.html", "manifest.json": "manifest.json", "catalog.json": "catalog.json"}


def generate_docs(wh, out: Path, quiet: bool = True) -> Path:
    """dbt's documentation of the warehouse (every model, its columns and their types, the tests,
    the lineage) as a static site in `out`: index.html holds the manifest and the catalog, so it
    opens from the file system; they lie beside it too. The catalog is read from the warehouse
    `wh` (noegletal.access): on DuckDB from a copy of the file, which dbt may open for writing
    while the dashboard goes on reading the file in service. Returns index.html's path."""
    import shutil
    import tempfile

    from noegletal.swap import WORK_NAME

    with tempfile.TemporaryDirectory(prefix="noegletal-docs-") as folder:
        target = Path(folder) / "target"
        db = wh
        if wh.engine == "duckdb":
            db = Path(folder) / WORK_NAME  # the name every build uses: dbt's partial parsing stays valid
            shutil.copyfile(wh.path, db)
        run_dbt(["docs", "generate", "--static", "--target-path", str(target)], db=db, quiet=quiet)
        out.mkdir(parents=True, exist_ok=True)
        for name, shown_as in DOCS_FILES.items():
            shutil.copyfile(target / name, out / shown_as)
    return out / "index.html"


def run_unit_tests(db: Path | None = None, quiet: bool = False) -> None:
    run_dbt(["test", "--select", "test_type:unit"], db=db, quiet=quiet)
