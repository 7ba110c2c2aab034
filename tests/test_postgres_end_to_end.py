"""The whole product on PostgreSQL: the demo run through the command line with a postgresql:// URL
gives the same warehouse, the same drafted summary and the same Excel pack as on DuckDB; a refresh
swaps the new warehouse in atomically (readers see the old or the new one, never a half-built
one), and a failed build or a refused load leaves the served warehouse as it was.

A throw-away PostgreSQL 15 server runs in a temporary directory; it and the demo on both engines are
the session's fixtures `pg_server` and `pg_demo` (tests/postgres_server.py), shared with
tests/test_postgres_serve_and_fetch.py.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import duckdb
import polars as pl
import psycopg
import pytest
from click.testing import CliRunner
from polars.testing import assert_frame_equal

from noegletal import dbt_runner
from noegletal.access import open_warehouse
from noegletal.access.named_sql import parameters, query_names, query_text
from noegletal.cli import main
from noegletal.config import DBT_PROJECT_DIR
from postgres_server import PINNED, PRESENTED, cli, create_database

EMBARGO = Path(__file__).parent / "fixtures" / "embargo"
MARTS = Path(__file__).parent / "fixtures" / "marts"


def _relations(wh, schema: str) -> list[str]:
    with wh.reader() as r:
        frame = r.sql(
            "select table_name from information_schema.tables where table_schema = $schema order by table_name",
            {"schema": schema},
        )
    return frame["table_name"].to_list()


def _comparable(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows in one order: by the exact columns first (the grain), then the computed floats."""
    exact = [c for c, t in frame.schema.items() if not t.is_float()]
    floats = [c for c, t in frame.schema.items() if t.is_float()]
    return frame.sort(exact + floats, nulls_last=True)


@pytest.mark.parametrize("schema", ["main", "fortrolig"])
def test_every_mart_and_dimension_is_the_same_on_postgresql_as_on_duckdb(pg_demo, schema):
    pg, duck = open_warehouse(pg_demo["url"]), open_warehouse(pg_demo["duck"])
    relations = _relations(duck, schema)
    assert _relations(pg, schema) == relations
    assert "fct_indicator_value" in relations and (schema == "fortrolig" or "dim_indicator" in relations)
    for relation in relations:
        with pg.reader() as a, duck.reader() as b:
            on_pg = a.sql(f"select * from {schema}.{relation}")
            on_duck = b.sql(f"select * from {schema}.{relation}")
        # the same columns (no `audience` left over on PostgreSQL) with the same types
        assert on_pg.schema == on_duck.schema, relation
        assert on_pg.height == on_duck.height > 0 or relation == "mart_revisions", relation
        # every row and value; computed statistics (trend regressions) may differ in the last bits
        assert_frame_equal(_comparable(on_pg), _comparable(on_duck), rel_tol=1e-9, abs_tol=1e-9)


def test_embargoed_values_are_only_in_the_fortrolig_schema_on_postgresql(pg_demo):
    with open_warehouse(pg_demo["url"]).reader() as r:
        counts = r.sql(
            "select (select count(*) from main.fct_indicator_value where is_embargoed) as public_embargoed,"
            " (select count(*) from fortrolig.fct_indicator_value) - (select count(*) from main.fct_indicator_value)"
            " as only_fortrolig"
        ).row(0, named=True)
    assert counts["public_embargoed"] == 0
    with duckdb.connect(str(pg_demo["duck"]), read_only=True) as con:
        (expected,) = con.execute(
            "select (select count(*) from fortrolig.fct_indicator_value) - (select count(*) from main.fct_indicator_value)"
        ).fetchone()
    assert counts["only_fortrolig"] == expected


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_gives_the_same_frame_on_both_engines(pg_demo, name):
    values = {"indicator_id": "udredningsret_somatik", "period": "2023K1", "region_id": "nordjylland",
              "since": PRESENTED[0], "until": "2022K4"}
    params = {p: values[p] for p in parameters(query_text(name))}
    for audience in ("offentlig", "fortrolig"):
        with open_warehouse(pg_demo["url"]).reader(audience) as a, open_warehouse(pg_demo["duck"]).reader(audience) as b:
            on_pg, on_duck = a.query(name, params), b.query(name, params)
        assert on_pg.schema == on_duck.schema
        # the queries' own ORDER BY decides the order on both engines
        assert_frame_equal(on_pg, on_duck, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize(("fmt", "extra"), [("md", []), ("md", ["--fortrolig"]), ("xlsx", [])])
def test_the_drafted_summary_and_the_excel_pack_are_the_same_bytes(pg_demo, fmt, extra):
    tmp = pg_demo["tmp"]
    outputs = []
    for engine, db in (("pg", pg_demo["url"]), ("duck", str(pg_demo["duck"]))):
        target = tmp / f"pack_{engine}{'_'.join(extra)}.{fmt}"
        # --since before the demo's last releases: a paragraph for every updated indicator
        cli("export", "--db", db, "--format", fmt, "--period", "2023K1", "--since", "2023-01-01", *extra,
            "--out", str(target), env={"SOURCE_DATE_EPOCH": PINNED})
        outputs.append(target.read_bytes())
    assert len(outputs[0]) > 5000
    assert outputs[0] == outputs[1]


def test_dbt_unit_tests_pass_on_postgresql(pg_demo):
    dbt_runner.run_unit_tests(open_warehouse(pg_demo["url"]), quiet=True)


# --- changes on PostgreSQL: all or nothing, atomic for readers ---------------------------------

def _served(url: str) -> dict:
    """What readers see: the served schemas' identities, the raw layer and the marts' row counts."""
    with psycopg.connect(url) as pg:
        return {
            "schemas": pg.execute("select nspname, oid from pg_namespace where nspname not like 'pg\\_%' "
                                  "and nspname <> 'information_schema' order by nspname").fetchall(),
            "raw": pg.execute("select count(*), max(load_id) from raw.load_log").fetchone(),
            "values": pg.execute("select count(*) from raw.indicator_values").fetchone(),
            "marts": pg.execute("select (select count(*) from main.fct_indicator_value),"
                                " (select count(*) from fortrolig.fct_indicator_value),"
                                " (select count(*) from main.mart_indicator_level)").fetchone(),
        }


@pytest.fixture(scope="module")
def small(pg_server, tmp_path_factory):
    """A small PostgreSQL warehouse (the hand-made mart fixtures) for the change tests."""
    url = create_database(pg_server, "small")
    previous = os.environ.get("NOEGLETAL_DB")
    try:
        result = CliRunner().invoke(main, ["refresh", str(MARTS / "first_release.csv"), "--db", url])
    finally:  # the in-process CLI sets $NOEGLETAL_DB for what it starts
        os.environ.pop("NOEGLETAL_DB", None) if previous is None else os.environ.update(NOEGLETAL_DB=previous)
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture(autouse=True)
def _keep_noegletal_db(monkeypatch):
    # the in-process CLI sets $NOEGLETAL_DB for what it starts; keep it to the test
    monkeypatch.setenv("NOEGLETAL_DB", os.environ.get("NOEGLETAL_DB", ""))


@pytest.fixture
def failing_dbt_project(tmp_path, monkeypatch) -> Path:
    """The real dbt project plus one mart that fails at run time, after others were built."""
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    (project / "models" / "marts" / "zz_breaks_midway.sql").write_text(
        "-- depends on the fact table, so it runs after the warehouse was half rebuilt; no contract\n"
        "-- (the marts' own), so that it fails in its SQL\n"
        "{{ config(contract={'enforced': false}) }}\n"
        "select cast('kunstig fejl midt i build' as integer) as boom from {{ ref('fct_indicator_value') }}\n"
    )
    monkeypatch.setattr(dbt_runner, "DBT_PROJECT_DIR", project)
    return project


def test_a_reader_sees_the_old_or_the_new_warehouse_during_a_refresh_never_a_mix(small):
    with psycopg.connect(small, autocommit=True) as con:  # an analyst who may read the public marts
        con.execute("create role analyst")
        con.execute("grant usage on schema main to analyst")
        con.execute("grant select on all tables in schema main to analyst")
    before = _served(small)
    seen: list[tuple] = []
    errors: list[Exception] = []
    stop = threading.Event()
    # one statement that spans the schemas a refresh replaces: raw, main and fortrolig
    consistency = """select (select count(*) from raw.load_log), (select count(*) from main.fct_indicator_value),
                            (select count(*) from fortrolig.fct_indicator_value),
                            (select count(*) from main.mart_indicator_level)"""

    def read() -> None:
        while not stop.is_set():
            try:
                with psycopg.connect(small, autocommit=True) as con:
                    seen.append(con.execute(consistency).fetchone())
            except Exception as e:  # any error here is a reader seeing a broken warehouse
                errors.append(e)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = CliRunner().invoke(main, ["refresh", str(EMBARGO / "published.csv"), "--db", small])
    finally:
        stop.set()
        reader.join()
    assert result.exit_code == 0, result.output
    assert errors == []
    with psycopg.connect(small) as con:
        after = con.execute(consistency).fetchone()
    old = (before["raw"][0], *before["marts"][:2], before["marts"][2])
    assert after != old and after[0] == old[0] + 1
    assert set(seen) <= {old, after}, "a reader saw a half-built warehouse"
    assert old in seen
    with psycopg.connect(small) as con:
        assert con.execute("select count(*) from pg_namespace where nspname like 'nb\\_%' or nspname like 'old\\_%'"
                           ).fetchone() == (0,)
        # the analyst's grants carried over to the new schemas, and nothing more
        assert con.execute("select has_schema_privilege('analyst', 'main', 'usage'),"
                           " has_table_privilege('analyst', 'main.fct_indicator_value', 'select'),"
                           " has_schema_privilege('analyst', 'fortrolig', 'usage')").fetchone() == (True, True, False)


def test_a_failed_build_leaves_the_served_schemas_as_they_were(small, failing_dbt_project):
    before = _served(small)
    result = CliRunner().invoke(main, ["refresh", str(MARTS / "revision.csv"), "--db", small])
    assert result.exit_code == 1
    assert "dbt build fejlede" in result.output
    assert "kunstig fejl midt i build" in result.output  # says why
    assert "Lageret i brug er uændret" in result.output
    assert _served(small) == before  # the same schemas (same identities), the same rows
    with psycopg.connect(small) as con:
        assert con.execute("select count(*) from pg_namespace where nspname like 'nb\\_%'").fetchone() == (0,)


def test_a_refused_load_leaves_the_raw_layer_as_it_was(small, tmp_path):
    before = _served(small)
    good = tmp_path / "good.csv"
    good.write_text("indicator_id,region,period,value\nventetid_bup,hovedstaden,2021K1,20\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,region,period,value\nventetid_bup,Region Fyn,2023K1,20\n")
    result = CliRunner().invoke(main, ["load", str(good), str(bad), "--db", small])
    assert result.exit_code == 1
    assert "ukendt region 'Region Fyn'" in result.output
    assert _served(small) == before


def test_a_load_without_a_build_appends_to_the_raw_layer_with_copy(small, tmp_path):
    before = _served(small)
    new = tmp_path / "new.csv"
    new.write_text("indicator_id,region,period,value,numerator,unit\n"
                   "ventetid_bup,hovedstaden,2020K1,\"20,5\",,\n"
                   "ventetid_bup,sjaelland,2020K1,21,,\n")
    result = CliRunner().invoke(main, ["load", str(new), "--db", small])
    assert result.exit_code == 0, result.output
    after = _served(small)
    # no build: the same schemas and marts, only the raw layer has the new rows
    assert after["schemas"] == before["schemas"] and after["marts"] == before["marts"]
    assert after["values"][0] == before["values"][0] + 2
    with psycopg.connect(small) as con:
        rows = con.execute(
            "select region_id, value, numerator, unit_id, is_provisional, source_row from raw.indicator_values"
            " where load_id = %s order by source_row", [after["raw"][1]]
        ).fetchall()
    assert rows == [("hovedstaden", 20.5, None, None, False, 2), ("sjaelland", 21.0, None, None, False, 3)]


def test_the_url_password_is_never_shown(pg_server):
    wh = open_warehouse(pg_server.replace("noegletal@", "noegletal:hemmelig@") + "/demo")
    assert "hemmelig" not in str(wh)
    assert wh.dbt_environment()["DBT_ENV_SECRET_NOEGLETAL_PG_PASSWORD"] == "hemmelig"
    assert all("hemmelig" not in v for k, v in wh.dbt_environment().items() if not k.startswith("DBT_ENV_SECRET_"))


@pytest.mark.parametrize(
    "query_params",
    [{}, {"indicator": "udredningsret_somatik", "period": "2023K1", "region": "nordjylland"},
     {"page": "region", "region": "sjaelland"}, {"page": "data", "indicator": "udredningsret_somatik"}],
    ids=["overblik", "indikator", "region", "data"],
)
def test_the_dashboard_shows_the_same_on_postgresql(pg_demo, monkeypatch, query_params):
    from dashboard_warehouse import run_app, texts

    on_pg = run_app(monkeypatch, pg_demo["url"], **query_params)
    on_duck = run_app(monkeypatch, pg_demo["duck"], **query_params)
    assert "Syntetiske data" in texts(on_pg) or "syntetiske" in texts(on_pg).lower()
    assert texts(on_pg) == texts(on_duck)
    assert [t.value.to_dicts() if hasattr(t.value, "to_dicts") else str(t.value) for t in on_pg.dataframe] == \
        [t.value.to_dicts() if hasattr(t.value, "to_dicts") else str(t.value) for t in on_duck.dataframe]


def test_publish_from_postgresql_writes_the_public_edition_as_a_duckdb_file(small, tmp_path):
    out = tmp_path / "offentlig.duckdb"
    result = CliRunner().invoke(main, ["publish", "--db", small, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(out), read_only=True) as con:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1").fetchall()]
        schemas = {s for (s,) in con.execute("select schema_name from information_schema.schemata").fetchall()}
        edition = con.sql("select * from fct_indicator_value").pl()
    with open_warehouse(small).reader() as r:
        served = r.sql("select * from main.fct_indicator_value")
    assert "fct_indicator_value" in tables and "dim_indicator" in tables
    assert not {"raw", "fortrolig", "staging"} & schemas  # nothing but the public marts
    assert_frame_equal(_comparable(edition), _comparable(served))


def test_a_failed_data_test_names_its_keys_on_postgresql(small):
    """The build's error names the keys a failed data test found, as on DuckDB (there with files)."""
    from noegletal.dbt_runner import failing_keys

    lines = failing_keys(open_warehouse(small), "select 'ventetid_somatik' as indicator_id, 'sjaelland' as region_id, "
                                        "'2023K1' as period, 52.0 as value")
    assert lines == ["nøgle indicator_id=ventetid_somatik, region_id=sjaelland, period=2023K1"]
