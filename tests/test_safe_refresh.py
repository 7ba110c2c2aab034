"""Loading and building while people are looking: readers never see a half-built warehouse, and a
failed build leaves the previous warehouse in service and says why."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from noegletal import dbt_runner
from noegletal.cli import main
from noegletal.config import DBT_PROJECT_DIR

MARTS = Path(__file__).parent / "fixtures" / "marts"
EMBARGO = Path(__file__).parent / "fixtures" / "embargo"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """select 'fct', indicator_id, region_id, period, value from fct_indicator_value
               union all select 'raw', indicator_id, region_id, period, value from raw.indicator_values
               union all select 'log', file_name, sha256, null, row_count from raw.load_log
               order by all"""
        ).fetchall()


@pytest.fixture
def live(first_release_warehouse, writable_copy) -> Path:
    """The warehouse in service: `refresh first_release.csv` (built once per run), the test's copy."""
    return writable_copy(first_release_warehouse)


@pytest.fixture
def failing_dbt_project(tmp_path, monkeypatch) -> Path:
    """The real dbt project plus one mart that fails at run time, after others were built."""
    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    (project / "models" / "marts" / "zz_breaks_midway.sql").write_text(
        "-- depends on the fact table, so it runs after the warehouse was half rebuilt; no contract\n"
        "-- (the marts' own), so that it fails in its SQL\n"
        "{{ config(contract={'enforced': false}) }}\n"
        "select error('kunstig fejl midt i build') as boom from {{ ref('fct_indicator_value') }}\n"
    )
    monkeypatch.setattr(dbt_runner, "DBT_PROJECT_DIR", project)
    return project


def test_failed_build_leaves_the_previous_warehouse_in_service(live, failing_dbt_project):
    before = snapshot(live)
    result = CliRunner().invoke(main, ["refresh", str(MARTS / "revision.csv"), "--db", str(live)])
    assert result.exit_code == 1
    assert "dbt build fejlede" in result.output
    assert "kunstig fejl midt i build" in result.output  # says why
    assert "Lageret i brug er uændret" in result.output
    assert snapshot(live) == before
    assert not list(live.parent.glob(".*.building*")), "the half-built copy is removed"


def test_refused_load_leaves_the_previous_warehouse_in_service(live, tmp_path):
    before = snapshot(live)
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,region,period,value\nventetid_bup,Region Fyn,2023K1,20\n")
    result = CliRunner().invoke(main, ["refresh", str(bad), "--db", str(live)])
    assert result.exit_code == 1
    assert "ukendt region 'Region Fyn'" in result.output
    assert snapshot(live) == before


def test_reader_keeps_reading_during_a_refresh_and_then_sees_the_new_data(live):
    seen: set[int] = set()
    errors: list[Exception] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                with duckdb.connect(str(live), read_only=True) as con:
                    seen.add(con.execute("select count(*) from raw.load_log").fetchone()[0])
            except Exception as e:  # any error here is a reader seeing a broken warehouse
                errors.append(e)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = invoke("refresh", str(EMBARGO / "published.csv"), "--db", str(live))
    finally:
        stop.set()
        reader.join()
    assert result.exit_code == 0, result.output
    assert errors == []
    assert seen <= {1, 2} and 1 in seen
    with duckdb.connect(str(live), read_only=True) as con:
        assert con.execute("select count(*) from fct_indicator_value where indicator_id = 'ventetid_bup'").fetchone() == (6,)


def test_open_reader_connection_is_not_disturbed_by_the_swap(live):
    """A dashboard holding a connection keeps a consistent (old) view until it reconnects."""
    with duckdb.connect(str(live), read_only=True) as con:
        before = con.execute("select count(*) from fct_indicator_value").fetchone()
        assert invoke("refresh", str(EMBARGO / "published.csv"), "--db", str(live)).exit_code == 0
        assert con.execute("select count(*) from fct_indicator_value").fetchone() == before
    with duckdb.connect(str(live), read_only=True) as con:
        assert con.execute("select count(*) from fct_indicator_value").fetchone() == (before[0] + 6,)


def test_a_build_does_not_leave_the_working_copy_as_this_process_warehouse(live, monkeypatch):
    """`noegletal demo` builds and then starts the dashboard from the same process: the dashboard
    must be pointed at the warehouse in service, not at the deleted working copy."""
    monkeypatch.setenv("NOEGLETAL_DB", str(live))
    assert invoke("build", "--db", str(live)).exit_code == 0
    assert os.environ["NOEGLETAL_DB"] == str(live)
