"""The local Spark session works: dbt-spark's session method starts Spark in this process
(`local[2]`, the `spark` target's default; pyspark, Debian's Java 17, installed by `make test`)
with its warehouse directory and Derby metastore in a temporary folder, the raw layer of the
hand-made DuckDB warehouse is copied in and a few models build there and equal DuckDB's.

The full build on Spark, with every mart and dimension of both audiences compared with DuckDB's,
runs once, on a standalone cluster: tests/test_spark_cluster.py (the same noegletal.spark code
and profile; only the master differs). Building everything here too took another 3-4 minutes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from noegletal import spark
from spark_support import AS_OF, PANDAS_WARNING, assert_same_mart, stop_spark

pytest.importorskip("pyspark", reason="pyspark and dbt-spark are test dependencies: run `make test`")
pytestmark = [pytest.mark.spark, pytest.mark.filterwarnings(PANDAS_WARNING)]

# the fact of both audiences (the raw layer through staging and the vintages, as of AS_OF) and a
# dimension from a seed
SELECTED = "+fct_indicator_value +fortrolig__fct_indicator_value +dim_region"
COMPARED = [("main", "fct_indicator_value"), ("fortrolig", "fct_indicator_value"), ("main", "dim_region")]


@pytest.fixture(scope="module")
def duckdb_warehouse(spark_fixture_warehouse) -> Path:
    return spark_fixture_warehouse  # built once for both Spark modules (tests/warehouses.py)


@pytest.fixture(scope="module")
def local_session(duckdb_warehouse):
    """The local Spark with the fixture's raw layer copied in and SELECTED built; yields
    (session, spark_dir)."""
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: run `make test` (scripts/install-system-deps.sh installs openjdk-17-jre-headless)")
    stop_spark()  # a session of another module in this process would keep its own master
    spark_dir = Path(tempfile.mkdtemp(prefix="noegletal-spark-"))
    try:
        spark.load_raw_layer(duckdb_warehouse, spark_dir, quiet=True)
        spark.build(duckdb_warehouse, spark_dir, as_of=AS_OF, quiet=True, select=SELECTED)
        from pyspark.sql import SparkSession

        yield SparkSession.active(), spark_dir  # the session dbt-spark started in this process
    finally:
        stop_spark()
        shutil.rmtree(spark_dir, ignore_errors=True)


def test_the_session_is_local_with_its_warehouse_in_the_spark_dir(local_session):
    session, spark_dir = local_session
    assert session.sparkContext.master == "local[2]"
    assert session.conf.get("spark.sql.warehouse.dir").removeprefix("file:") == str(spark_dir / "warehouse")
    assert (spark_dir / "metastore_db").is_dir()


def test_the_raw_layer_is_copied_into_spark(local_session, duckdb_warehouse):
    session, _ = local_session
    tables = spark.raw_tables(duckdb_warehouse)
    assert {"indicator_values", "load_log", "presentations"} <= set(tables)
    for table in tables:
        assert_same_mart(session, duckdb_warehouse, "raw", table)


@pytest.mark.parametrize(("schema", "table"), COMPARED, ids=lambda x: x)
def test_a_model_built_on_the_local_session_equals_duckdbs(local_session, duckdb_warehouse, schema, table):
    with duckdb.connect(str(duckdb_warehouse), read_only=True) as con:  # real rows compared
        assert con.execute(f"select count(*) from {schema}.{table}").fetchone()[0] > 0
    assert_same_mart(local_session[0], duckdb_warehouse, schema, table)
