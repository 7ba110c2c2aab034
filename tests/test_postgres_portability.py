"""The same dbt models run on PostgreSQL and give the same marts as on DuckDB.

A throw-away PostgreSQL cluster is started in a temporary directory (Debian's postgresql
package, installed by `make test`), the raw layer of a hand-made DuckDB warehouse is copied into
it, and `dbt build` runs with the `postgres` target of dbt_project/profiles.yml.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from loaders.store import load_files
from noegletal.dbt_runner import build, run_dbt
from noegletal.warehouse import connect

psycopg2 = pytest.importorskip("psycopg2", reason="dbt-postgres is a test dependency: run `make test`")

MARTS = Path(__file__).parent / "fixtures" / "marts"
GAPS = Path(__file__).parent / "fixtures" / "gaps_forecasts"
UNITS = Path(__file__).parent / "fixtures" / "units"
RAW_TABLES = ("load_log", "indicator_values", "presentations")


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail("PostgreSQL is not installed: run `make test` (scripts/install-system-deps.sh installs it)")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="module")
def postgres():
    # Not under pytest's tmp dir: the postgres user must be able to reach the data directory.
    data = Path(tempfile.mkdtemp(prefix="noegletal-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    subprocess.run(
        _as_postgres_user([_pg_bin("initdb"), "-D", str(data), "-U", "noegletal", "--auth=trust", "-E", "UTF8"]),
        check=True, capture_output=True,
    )
    port = _free_port()
    subprocess.run(
        _as_postgres_user([
            _pg_bin("pg_ctl"), "-D", str(data), "-w", "-l", str(data / "server.log"),
            "-o", f"-p {port} -k {data} -c listen_addresses=127.0.0.1",
            "start",
        ]),
        check=True, capture_output=True,
    )
    try:
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="noegletal", dbname="postgres")
        admin.autocommit = True  # CREATE DATABASE cannot run in a transaction
        admin.cursor().execute("create database noegletal")
        admin.close()
        yield {"host": "127.0.0.1", "port": port}
    finally:
        subprocess.run(_as_postgres_user([_pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def duckdb_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("duck") / "warehouse.duckdb"
    with connect(db) as con:
        load_files([MARTS / "first_release.csv"], con)
        load_files([MARTS / "revision.csv"], con)
        load_files([UNITS / "regions.csv", UNITS / "units.csv"], con)
        # counts for the patients' gaps and a series long enough for the target forecast
        load_files([GAPS / "values.csv"], con)
        con.execute("insert into raw.presentations values (1, date '2023-05-20', 'Bestyrelsesmøde', now())")
    build(db, quiet=True)
    return db


def _copy_raw_layer(duck: Path, pg) -> None:
    """Create the raw tables in PostgreSQL with DuckDB's column types and copy the rows."""
    types = {"VARCHAR": "varchar", "INTEGER": "integer", "DOUBLE": "double precision", "DATE": "date",
             "TIMESTAMP": "timestamp", "BOOLEAN": "boolean"}
    with duckdb.connect(str(duck), read_only=True) as src, pg.cursor() as cur:
        cur.execute("create schema raw")
        for table in RAW_TABLES:
            columns = src.execute(f"describe raw.{table}").fetchall()
            cur.execute(f"create table raw.{table} ({', '.join(f'{c[0]} {types[c[1]]}' for c in columns)})")
            rows = src.execute(f"select * from raw.{table}").fetchall()
            if rows:
                cur.executemany(f"insert into raw.{table} values ({', '.join(['%s'] * len(columns))})", rows)
    pg.commit()


MART_QUERIES = {
    "fct_indicator_value": "select indicator_id, region_id, period, value, is_provisional, series_segment from {s}fct_indicator_value",
    "mart_regional_variation": "select indicator_id, period, national_value, best_value, worst_value, variation, best_regions, worst_regions, n_regions from {s}mart_regional_variation",
    "mart_indicator_level": "select indicator_id, region_id, period, distance_to_best, comparison_period, distance_to_best_year_ago, movement from {s}mart_indicator_level",
    "mart_revisions": "select indicator_id, region_id, period, previous_value, value from {s}mart_revisions",
    # computed statistics are compared to 6 decimals: sqrt and power may differ in the last bit
    "mart_unit_value": """select indicator_id, unit_id, unit_name_da, unit_type, region_id, period, value, numerator, denominator,
                                 ci_method, {r(ci95_low)}, {r(ci95_high)}, {r(ci998_low)}, {r(ci998_high)}, national_value,
                                 significance_vs_national, {r(funnel95_low)}, {r(funnel95_high)}, {r(funnel998_low)},
                                 {r(funnel998_high)}
                          from {s}mart_unit_value""",
    "mart_unit_distance_to_best": """select indicator_id, unit_id, region_id, period, value, best_value_national,
                                            {r(distance_to_best_national)}, rank_national, n_units_national,
                                            best_value_in_region, {r(distance_to_best_in_region)}, rank_in_region, n_units_in_region
                                     from {s}mart_unit_distance_to_best""",
    "patients_gap_to_best": """select indicator_id, region_id, period, {r(patients_gap_to_best)},
                                      {r(patients_gap_to_best_cautious)}
                               from {s}mart_indicator_level where patients_gap_to_best is not null""",
    "mart_target_forecast": """select indicator_id, region_id, fitted_to_period, is_latest, step, forecast_period,
                                      {r(forecast)}, {r(pi80_low)}, {r(pi80_high)}, {r(pi95_low)}, {r(pi95_high)},
                                      target_status, expected_period_reached, horizon_end_period,
                                      {r(probability_target_met_by_horizon)}, {r(probability_target_met)}
                               from {s}mart_target_forecast""",
    "mart_national_change_contributions": """select indicator_id, region_id, period, comparison, comparison_period,
                                                    contribution_method, {r(contribution)}, {r(national_change)},
                                                    national_change_direction, is_main_driver
                                             from {s}mart_national_change_contributions""",
    "mart_region_comparison": """select indicator_id, region_id, period, value, national_value, best_value, ci_method,
                                        {r(ci95_low)}, {r(ci95_high)}, {r(ci998_low)}, {r(ci998_high)},
                                        significance_vs_national, significance_vs_best, trend_n_periods,
                                        {r(trend_slope_per_year)}, {r(trend_t_statistic)}, trend,
                                        is_significantly_worse_and_worsening
                                 from {s}mart_region_comparison""",
}


def _rounded(sql: str) -> str:
    """{r(column)} -> the column rounded to 6 decimals, the same way on both databases."""
    import re

    return re.sub(r"\{r\((\w+)\)\}", r"round(cast(\1 as decimal(20, 6)), 6) as \1", sql)


MART_QUERIES = {name: _rounded(sql) for name, sql in MART_QUERIES.items()}


@pytest.fixture(scope="module")
def built_on_postgres(postgres, duckdb_warehouse, monkeypatch_module):
    with psycopg2.connect(dbname="noegletal", user="noegletal", **postgres) as pg:
        _copy_raw_layer(duckdb_warehouse, pg)
    monkeypatch_module.setenv("NOEGLETAL_PG_HOST", postgres["host"])
    monkeypatch_module.setenv("NOEGLETAL_PG_PORT", str(postgres["port"]))
    monkeypatch_module.setenv("NOEGLETAL_PG_USER", "noegletal")
    monkeypatch_module.setenv("NOEGLETAL_PG_DBNAME", "noegletal")
    # The same dbt project, unit tests included, with the postgres target.
    run_dbt(["build", "--target", "postgres", "--vars", '{"as_of": "2026-01-01"}'], db=duckdb_warehouse, quiet=True)
    return postgres


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.mark.parametrize("mart", sorted(MART_QUERIES))
def test_marts_on_postgres_equal_the_marts_on_duckdb(built_on_postgres, duckdb_warehouse, mart):
    with psycopg2.connect(dbname="noegletal", user="noegletal", **built_on_postgres) as pg, pg.cursor() as cur:
        cur.execute(MART_QUERIES[mart].format(s="main."))
        on_postgres = sorted(cur.fetchall(), key=repr)
    with duckdb.connect(str(duckdb_warehouse), read_only=True) as con:
        on_duckdb = sorted(con.execute(MART_QUERIES[mart].format(s="")).fetchall(), key=repr)
    assert on_postgres, f"{mart} is empty on PostgreSQL"
    assert on_postgres == on_duckdb
