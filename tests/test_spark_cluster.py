"""The dbt project builds on a Spark standalone cluster and gives the same marts as on DuckDB.

A master and a worker start as processes of their own (pyspark's `bin/spark-class`, bound to
127.0.0.1 on free ports, their web UIs too), and `dbt build` runs with the `spark` target pointed
at the master's `spark://` URL (NOEGLETAL_SPARK_MASTER, see docs/spark.md): the SQL runs in the
worker's executor, not in this process. The fixture, the raw-layer copy and the comparison of
every mart of both audiences are tests/test_spark_portability.py's."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="pyspark and dbt-spark are test dependencies: run `make test`")

from test_spark_portability import AS_OF, _marts, _stop_spark, assert_same_mart, duckdb_warehouse  # noqa: E402,F401

from noegletal import spark  # noqa: E402

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

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
def cluster_session(cluster, duckdb_warehouse):
    """The fixture's raw layer copied in and the dbt project built through the cluster's master."""
    url, folder = cluster
    _stop_spark()  # a session of another module in this process would keep its own master
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
        _stop_spark()
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


@pytest.mark.parametrize(("schema", "table"), _marts(), ids=lambda x: x)
def test_mart_on_the_cluster_equals_the_mart_on_duckdb(cluster_session, duckdb_warehouse, schema, table):
    assert_same_mart(cluster_session, duckdb_warehouse, schema, table)
