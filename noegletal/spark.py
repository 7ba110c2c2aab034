"""Build the dbt project on Spark from a DuckDB warehouse's raw layer.

DuckDB stays the warehouse the loaders write. For Spark the raw tables are exported as Parquet,
copied into Spark's `raw` database (the dbt macro `spark_load_raw_layer`), and the same dbt project
builds there with the `spark` target of dbt_project/profiles.yml: dbt-spark's session method, a
local Spark in this process, with its warehouse directory and Derby metastore under `spark_dir`.
Needs the `spark` extra (dbt-spark, pyspark) and Java 17.

    python -m noegletal.spark --db data/warehouse.duckdb --spark-dir /tmp/noegletal-spark [--unit-tests]
        [--master spark://host:7077] [--target spark_thrift]

`--master` (or $NOEGLETAL_SPARK_MASTER) runs the SQL on a Spark standalone cluster's executors
instead of a local Spark; `--target spark_thrift` sends it to a running Thrift server. docs/spark.md.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from datetime import date
from pathlib import Path

import duckdb

from noegletal.dbt_runner import run_dbt


def raw_tables(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by table_name"
        ).fetchall()]


def export_raw_layer(db: Path, out_dir: Path) -> list[str]:
    """Every table of the raw schema as Parquet in out_dir/<table>/; returns the table names."""
    tables = raw_tables(db)
    with duckdb.connect(str(db), read_only=True) as con:
        for table in tables:
            (out_dir / table).mkdir(parents=True, exist_ok=True)
            target = str(out_dir / table / "part-0.parquet").replace("'", "''")
            con.execute(f"copy raw.{table} to '{target}' (format parquet)")
    return tables


def _spark_dbt(args: list[str], db: Path, spark_dir: Path, quiet: bool, target: str = "spark") -> None:
    """A dbt command with a Spark target (profiles.yml: `spark`, or `spark_thrift`). Spark starts
    with the first one in a process and keeps the folder (its warehouse and metastore) and the
    master it started with until the process ends."""
    previous = os.environ.get("NOEGLETAL_SPARK_DIR")
    os.environ["NOEGLETAL_SPARK_DIR"] = str(spark_dir)
    try:
        # A target path of its own: DuckDB's partial-parse state in dbt_project/target stays valid.
        run_dbt([*args, "--target", target, "--target-path", str(spark_dir / "dbt_target")], db=db, quiet=quiet)
    finally:
        if previous is None:
            os.environ.pop("NOEGLETAL_SPARK_DIR", None)
        else:
            os.environ["NOEGLETAL_SPARK_DIR"] = previous


def load_raw_layer(db: Path, spark_dir: Path, quiet: bool = False, target: str = "spark") -> list[str]:
    """Copy the DuckDB warehouse's raw layer into Spark's `raw` database."""
    spark_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=spark_dir, prefix="raw-parquet-") as parquet_dir:
        tables = export_raw_layer(db, Path(parquet_dir))
        operation_args = json.dumps({"parquet_dir": parquet_dir, "tables": tables})
        _spark_dbt(["run-operation", "spark_load_raw_layer", "--args", operation_args], db, spark_dir, quiet, target)
    return tables


def build(db: Path, spark_dir: Path, as_of: date | None = None, unit_tests: bool = False,
          quiet: bool = False, target: str = "spark", select: str | None = None) -> None:
    """`dbt build` on Spark (seeds, models, data tests; dbt's unit tests only if asked), of the
    whole project or of a dbt selection (e.g. "+dim_region")."""
    args = ["build"] if unit_tests else ["build", "--exclude-resource-type", "unit_test"]
    if select is not None:
        # only the tests of the selected models: eager selection adds those that also read others
        args += ["--select", select, "--indirect-selection", "cautious"]
    if as_of is not None:
        args += ["--vars", json.dumps({"as_of": as_of.isoformat()})]
    _spark_dbt(args, db, spark_dir, quiet, target)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the DuckDB warehouse whose raw layer is built")
    parser.add_argument("--spark-dir", type=Path, required=True,
                        help="Spark's warehouse directory and metastore (created if missing)")
    parser.add_argument("--as-of", type=date.fromisoformat, help="build the marts as they stood on this date")
    parser.add_argument("--unit-tests", action="store_true", help="run dbt's unit tests on Spark too")
    parser.add_argument("--master", help="a Spark master URL, e.g. spark://host:7077 (default: local Spark)")
    parser.add_argument("--target", default="spark", choices=["spark", "spark_thrift"],
                        help="profiles.yml target: Spark driven from this process, or a Thrift server")
    args = parser.parse_args(argv)
    if args.master:
        os.environ["NOEGLETAL_SPARK_MASTER"] = args.master
    spark_dir = args.spark_dir.resolve()
    load_raw_layer(args.db.resolve(), spark_dir, target=args.target)
    build(args.db.resolve(), spark_dir, as_of=args.as_of, unit_tests=args.unit_tests, target=args.target)


if __name__ == "__main__":
    main()
