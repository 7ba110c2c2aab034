"""The dbt project builds on a Spark standalone cluster and gives the same marts as on DuckDB.

A master and a worker start as processes of their own (pyspark's `bin/spark-class`, bound to
127.0.0.1 on free ports, their web UIs too), and `dbt build` runs with the `spark` target pointed
at the master's `spark://` URL (NOEGLETAL_SPARK_MASTER, see docs/spark.md): the SQL runs in the
worker's executor, not in this process. This is the suite's one full build on Spark: every mart
and dimension of both audiences (`main` and `fortrolig`) must equal DuckDB's, column by column
and row by row, floats within 1e-9 (the fixture and the comparison: tests/spark_support.py).
tests/test_spark_portability.py checks the local session (`local[2]` in this process) on a few
models.

dbt's unit tests pass on Spark too (`python -m noegletal.spark --unit-tests`) but would add
minutes here; the suite runs them on DuckDB and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark", reason="pyspark and dbt-spark are test dependencies: run `make test`")

from noegletal import spark  # noqa: E402
from spark_support import AS_OF, PANDAS_WARNING, assert_same_mart, marts, stop_spark  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.filterwarnings(PANDAS_WARNING)]

LOCALHOST = "127.0.0.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCALHOST, 0))
        return s.getsockname()[1]


def _spark_class(*args: str, log: Path, env: dict) -> subprocess.Popen:
    import pyspark

    spark_home = Path(pyspark.__file__).parent
    return subprocess.Popen(
        [str(spark_home / "bin" / "spark-class"), *args],
        env={**env, "SPARK_HOME": str(spark_home)}, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )


def _wait_for_log(log: Path, text: str, proc: subprocess.Popen, seconds: float = 600) -> None:
    # minutes, not seconds, on a loaded machine: a daemon took 2-3 min to start with load average 30
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    pytest.fail(f"{log.name}: no {text!r} within {seconds:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def cluster():
    """A Spark master and one worker (2 cores, 1 GB) on localhost; yields the master's URL."""
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: run `make test` (scripts/install-system-deps.sh installs openjdk-17-jre-headless)")
    folder = Path(tempfile.mkdtemp(prefix="noegletal-spark-cluster-"))
    # SPARK_LOCAL_IP binds the daemons' web UIs to localhost too (they listen on all interfaces otherwise)
    env = {**os.environ, "SPARK_LOCAL_IP": LOCALHOST, "SPARK_LOG_DIR": str(folder), "SPARK_WORKER_DIR": str(folder / "work")}
    port = _free_port()
    url = f"spark://{LOCALHOST}:{port}"
    master = _spark_class(
        "org.apache.spark.deploy.master.Master", "--host", LOCALHOST, "--port", str(port),
        "--webui-port", str(_free_port()), log=folder / "master.log", env=env,
    )
    worker = None
    try:
        _wait_for_log(folder / "master.log", "I have been elected leader", master)
        worker = _spark_class(
            "org.apache.spark.deploy.worker.Worker", url, "--host", LOCALHOST, "--cores", "2", "--memory", "1g",
            "--webui-port", str(_free_port()), "--work-dir", str(folder / "work"), log=folder / "worker.log", env=env,
        )
        _wait_for_log(folder / "worker.log", "Successfully registered with master", worker)
        yield url, folder
    finally:
        for proc in (worker, master):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def duckdb_warehouse(spark_fixture_warehouse) -> Path:
    return spark_fixture_warehouse  # built once for both Spark modules (tests/warehouses.py)


@pytest.fixture(scope="module")
def cluster_session(cluster, duckdb_warehouse):
    """The fixture's raw layer copied in and the dbt project built through the cluster's master."""
    url, folder = cluster
    stop_spark()  # a session of another module in this process would keep its own master
    # the driver (this process) listens on localhost too, when its JVM starts here
    os.environ.setdefault("SPARK_LOCAL_IP", LOCALHOST)
    spark_dir = folder / "spark"
    previous = os.environ.get("NOEGLETAL_SPARK_MASTER")
    os.environ["NOEGLETAL_SPARK_MASTER"] = url
    try:
        spark.load_raw_layer(duckdb_warehouse, spark_dir, quiet=True)
        spark.build(duckdb_warehouse, spark_dir, as_of=AS_OF, quiet=True)
        from pyspark.sql import SparkSession

        session = SparkSession.active()
        yield session
    finally:
        stop_spark()
        if previous is None:
            os.environ.pop("NOEGLETAL_SPARK_MASTER", None)
        else:
            os.environ["NOEGLETAL_SPARK_MASTER"] = previous


def test_the_build_ran_on_the_cluster(cluster_session, cluster):
    """The session dbt used is the cluster's (not a local one) and the worker ran its executor."""
    url, folder = cluster
    assert cluster_session.sparkContext.master == url
    assert "Asked to launch executor" in (folder / "worker.log").read_text(errors="replace")
    assert cluster_session.sparkContext.defaultParallelism >= 2  # the worker's cores, not local[...]


@pytest.mark.parametrize(("schema", "table"), marts(), ids=lambda x: x)
def test_mart_on_the_cluster_equals_the_mart_on_duckdb(cluster_session, duckdb_warehouse, schema, table):
    assert_same_mart(cluster_session, duckdb_warehouse, schema, table)


def test_the_comparison_covers_both_audiences_and_real_rows(cluster_session, duckdb_warehouse):
    """The fixture is not trivially equal: rows in every compared mart, an embargoed revision that
    only `fortrolig` shows, and ties listed in the regions' fixed order, not the file's."""
    with duckdb.connect(str(duckdb_warehouse), read_only=True) as con:
        for schema, table in marts():
            assert con.execute(f"select count(*) from {schema}.{table}").fetchone()[0] > 0, f"{schema}.{table} is empty"
        public, confidential = (
            con.execute(f"select count(*) from {schema}.mart_revisions").fetchone()[0] for schema in ("main", "fortrolig")
        )
        assert confidential == public + 1
    ties = cluster_session.sql(
        "select period, best_regions, worst_regions from main.mart_regional_variation"
        " where indicator_id = 'udredningsret_bup' order by period"
    ).collect()
    all_five = "hovedstaden,sjaelland,syddanmark,midtjylland,nordjylland"
    assert [tuple(row) for row in ties] == [
        ("2022K4", all_five, all_five),
        ("2023K1", "sjaelland,midtjylland,nordjylland", "hovedstaden,syddanmark"),
    ]
