"""The same dbt models run on Spark and give the same marts as on DuckDB.

The raw layer of a hand-made DuckDB warehouse (tests/fixtures/marts and units, plus
regions tied on the best and worst value) is copied into a local Spark (dbt-spark's session
method in this process, pyspark, Debian's Java 17, installed by `make test`) with its warehouse
directory and Derby metastore in a temporary folder, and `dbt build` runs there with the `spark`
target of dbt_project/profiles.yml. Every mart and dimension of both audiences (`main` and
`fortrolig`) must equal DuckDB's, column by column and row by row; floats within 1e-9. The as-of
date lies between the first release and the revision, so the two audiences differ (an embargoed
revision). One Spark session for the module: it takes 15-20 s to start.

dbt's unit tests pass on Spark too (`python -m noegletal.spark --unit-tests`) but would add
minutes here; the suite runs them on DuckDB and PostgreSQL."""

from __future__ import annotations

import math
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from loaders.store import load_files
from noegletal import spark
from noegletal.config import DBT_PROJECT_DIR
from noegletal.dbt_runner import build
from noegletal.warehouse import connect

pytest.importorskip("pyspark", reason="pyspark and dbt-spark are test dependencies: run `make test`")
pytestmark = [
    pytest.mark.spark,
    # pyspark's own check of the installed pandas (which it does not use here)
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

MARTS = Path(__file__).parent / "fixtures" / "marts"
UNITS = Path(__file__).parent / "fixtures" / "units"
# regions tied on the best and the worst value, in the file in reverse region order
TIES = Path(__file__).parent / "fixtures" / "spark" / "ties.csv"
# eight quarters of an indicator with a target: rows in mart_target_forecast to compare
FORECAST = Path(__file__).parent / "fixtures" / "spark" / "forecast.csv"
# after the first release (2023-05-01), before the revision (2023-06-01): embargoed in `main`
AS_OF = date(2023, 5, 15)


def _marts() -> list[tuple[str, str]]:
    """(schema, table) of every mart and dimension, from the model files: a new mart is compared too."""
    marts_dir = DBT_PROJECT_DIR / "models" / "marts"
    public = [("main", path.stem) for path in sorted(marts_dir.glob("*.sql"))]
    fortrolig = [("fortrolig", path.stem.removeprefix("fortrolig__"))
                 for path in sorted((marts_dir / "fortrolig").glob("*.sql"))]
    return public + fortrolig


@pytest.fixture(scope="module")
def duckdb_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("duck") / "warehouse.duckdb"
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


@pytest.fixture(scope="module")
def spark_session(duckdb_warehouse):
    """Spark with the fixture's raw layer copied in and the dbt project built, in a temporary folder."""
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: run `make test` (scripts/install-system-deps.sh installs openjdk-17-jre-headless)")
    spark_dir = Path(tempfile.mkdtemp(prefix="noegletal-spark-"))
    try:
        spark.load_raw_layer(duckdb_warehouse, spark_dir, quiet=True)
        spark.build(duckdb_warehouse, spark_dir, as_of=AS_OF, quiet=True)
        from pyspark.sql import SparkSession

        yield SparkSession.active()  # the session dbt-spark started in this process
    finally:
        _stop_spark()
        shutil.rmtree(spark_dir, ignore_errors=True)


def _stop_spark() -> None:
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


@pytest.mark.parametrize(("schema", "table"), _marts(), ids=lambda x: x)
def test_mart_on_spark_equals_the_mart_on_duckdb(spark_session, duckdb_warehouse, schema, table):
    assert_same_mart(spark_session, duckdb_warehouse, schema, table)


def assert_same_mart(spark_session, duckdb_warehouse: Path, schema: str, table: str) -> None:
    """The mart built on Spark equals DuckDB's: columns, rows, floats within 1e-9 (also used by
    tests/test_spark_cluster.py)."""
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


def test_the_comparison_covers_both_audiences_and_real_rows(spark_session, duckdb_warehouse):
    """The fixture is not trivially equal: rows in every compared mart, an embargoed revision that
    only `fortrolig` shows, and ties listed in the regions' fixed order, not the file's."""
    with duckdb.connect(str(duckdb_warehouse), read_only=True) as con:
        for schema, table in _marts():
            assert con.execute(f"select count(*) from {schema}.{table}").fetchone()[0] > 0, f"{schema}.{table} is empty"
        public, confidential = (
            con.execute(f"select count(*) from {schema}.mart_revisions").fetchone()[0] for schema in ("main", "fortrolig")
        )
        assert confidential == public + 1
    ties = spark_session.sql(
        "select period, best_regions, worst_regions from main.mart_regional_variation"
        " where indicator_id = 'udredningsret_bup' order by period"
    ).collect()
    all_five = "hovedstaden,sjaelland,syddanmark,midtjylland,nordjylland"
    assert [tuple(row) for row in ties] == [
        ("2022K4", all_five, all_five),
        ("2023K1", "sjaelland,midtjylland,nordjylland", "hovedstaden,syddanmark"),
    ]
