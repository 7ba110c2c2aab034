"""What the two Spark modules share (tests/test_spark_cluster.py builds and compares every mart,
tests/test_spark_portability.py checks the local session): the hand-made DuckDB warehouse whose
raw layer Spark builds, the list of marts, the comparison of a mart with DuckDB's, and stopping
Spark's JVM.

The fixture: tests/fixtures/marts and units, plus regions tied on the best and worst value and
eight quarters of a forecast series. The as-of date lies between the first release and the
revision, so the two audiences differ (an embargoed revision)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

from loaders.store import load_files
from noegletal.config import DBT_PROJECT_DIR
from noegletal.dbt_runner import build
from noegletal.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures"
MARTS = FIXTURES / "marts"
UNITS = FIXTURES / "units"
# regions tied on the best and the worst value, in the file in reverse region order
TIES = FIXTURES / "spark" / "ties.csv"
# eight quarters of an indicator with a target: rows in mart_target_forecast to compare
FORECAST = FIXTURES / "spark" / "forecast.csv"
# after the first release (2023-05-01), before the revision (2023-06-01): embargoed in `main`
AS_OF = date(2023, 5, 15)
# pyspark's own check of the installed pandas (which it does not use here)
PANDAS_WARNING = "ignore:PySpark does not yet fully support pandas:FutureWarning"


def marts() -> list[tuple[str, str]]:
    """(schema, table) of every mart and dimension, from the model files: a new mart is compared too."""
    marts_dir = DBT_PROJECT_DIR / "models" / "marts"
    public = [("main", path.stem) for path in sorted(marts_dir.glob("*.sql"))]
    fortrolig = [("fortrolig", path.stem.removeprefix("fortrolig__"))
                 for path in sorted((marts_dir / "fortrolig").glob("*.sql"))]
    return public + fortrolig


def build_duckdb_warehouse(directory: Path) -> Path:
    """The fixture's raw layer loaded and the marts built on DuckDB as of AS_OF."""
    db = directory / "warehouse.duckdb"
    with connect(db) as con:
        load_files([MARTS / "first_release.csv"], con)
        load_files([MARTS / "revision.csv"], con)
        load_files([UNITS / "regions.csv", UNITS / "units.csv"], con)
        load_files([TIES], con)
        load_files([FORECAST], con)
        # before the first release (2023-05-01): its figures are new since, in both audiences
        con.execute("insert into raw.presentations values (1, date '2023-04-20', 'Bestyrelsesmøde', now())")
    build(db, quiet=True, as_of=AS_OF)
    return db


def stop_spark() -> None:
    """Stop the session and its JVM: stopping the session alone leaves the JVM (up to 2 GB) running
    in this worker for the rest of the test run, beside the browser tests."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    try:
        SparkSession.active().stop()
    except Exception:  # none was started
        pass
    gateway = SparkContext._gateway
    if gateway is not None:
        gateway.shutdown()
        if getattr(gateway, "proc", None) is not None:
            gateway.proc.terminate()
            gateway.proc.wait(timeout=60)
        # the next module's session launches a JVM of its own
        SparkContext._gateway = None
        SparkContext._jvm = None


def _normalised(value):
    # Spark gives decimal arithmetic where DuckDB gives double and vice versa; compare as numbers.
    return float(value) if isinstance(value, Decimal) else value


def _sort_key(row: tuple) -> tuple:
    # floats rounded, so that a last-bit difference cannot reorder rows
    return tuple(
        (0, 0) if v is None else (1, round(v, 6)) if isinstance(v, float) else (1, v)
        for v in row
    )


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b)) and math.isclose(
            a, b, rel_tol=1e-9, abs_tol=1e-9)
    return type(a) is type(b) and a == b


def assert_same_mart(spark_session, duckdb_warehouse: Path, schema: str, table: str) -> None:
    """The mart built on Spark equals DuckDB's: columns, rows, floats within 1e-9."""
    with duckdb.connect(str(duckdb_warehouse), read_only=True) as con:
        result = con.execute(f"select * from {schema}.{table}")
        duck_columns = [d[0] for d in result.description]
        on_duckdb = sorted((tuple(_normalised(v) for v in row) for row in result.fetchall()), key=_sort_key)
    frame = spark_session.table(f"{schema}.{table}")
    assert frame.columns == duck_columns
    on_spark = sorted((tuple(_normalised(v) for v in row) for row in frame.collect()), key=_sort_key)

    assert len(on_spark) == len(on_duckdb), f"{schema}.{table}: {len(on_spark)} rows on Spark, {len(on_duckdb)} on DuckDB"
    differences = [
        f"row {i}, {column}: DuckDB {d!r}, Spark {s!r}"
        for i, (duck_row, spark_row) in enumerate(zip(on_duckdb, on_spark))
        for column, d, s in zip(duck_columns, duck_row, spark_row)
        if not _same(d, s)
    ]
    assert not differences, f"{schema}.{table} differs in {len(differences)} cells:\n" + "\n".join(differences[:20])
