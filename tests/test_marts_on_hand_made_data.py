"""The marts on a small hand-made data set whose spreads, best regions (with ties), distances and
movements were worked out by hand (see tests/fixtures/marts/*.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.store import load_files
from noegletal.dbt_runner import build, run_unit_tests
from noegletal.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures" / "marts"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("marts") / "warehouse.duckdb"
    with connect(db) as con:
        load_files([FIXTURES / "first_release.csv"], con)
        load_files([FIXTURES / "revision.csv"], con)
    build(db, quiet=True)
    return db


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def variation(db: Path, indicator_id: str, period: str) -> tuple:
    (row,) = rows(
        db,
        """select national_value, best_value, worst_value, variation, best_regions, worst_regions, n_regions
           from mart_regional_variation where indicator_id = ? and period = ?""",
        [indicator_id, period],
    )
    return row


def distances(db: Path, indicator_id: str, period: str) -> dict[str, tuple]:
    return {
        r[0]: r[1:]
        for r in rows(
            db,
            """select region_id, distance_to_best, comparison_period, distance_to_best_year_ago, movement
               from mart_indicator_level where indicator_id = ? and period = ?""",
            [indicator_id, period],
        )
    }


def test_revised_value_is_current_and_the_old_one_is_history(warehouse):
    (current,) = rows(
        warehouse,
        """select value, source_file, source_row from fct_indicator_value
           where indicator_id = 'udredningsret_somatik' and region_id = 'hovedstaden' and period = '2023K1'""",
    )
    assert current == (80.0, "revision.csv", 2)
    history = rows(
        warehouse,
        """select value, source_file, vintage_rank, is_current from fct_indicator_value_history
           where indicator_id = 'udredningsret_somatik' and region_id = 'hovedstaden' and period = '2023K1'
           order by vintage_rank""",
    )
    assert history == [(80.0, "revision.csv", 1, True), (78.0, "first_release.csv", 2, False)]


def test_current_values_carry_the_raw_files_checksum(warehouse):
    import hashlib

    expected = hashlib.sha256((FIXTURES / "first_release.csv").read_bytes()).hexdigest()
    (sha,) = rows(
        warehouse,
        """select distinct source_sha256 from fct_indicator_value
           where indicator_id = 'ventetid_somatik'""",
    )
    assert sha == (expected,)


def test_variation_with_a_tie_for_worst(warehouse):
    # 2023K1: Nordjylland 90 best; Sjælland and Syddanmark both 63 worst; the country's 74 is ignored.
    assert variation(warehouse, "udredningsret_somatik", "2023K1") == (
        74.0, 90.0, 63.0, 27.0, "nordjylland", "sjaelland,syddanmark", 5,
    )
    assert variation(warehouse, "udredningsret_somatik", "2022K1") == (
        71.0, 88.0, 60.0, 28.0, "nordjylland", "syddanmark", 5,
    )


def test_variation_for_lower_is_better_with_a_tie_for_best(warehouse):
    assert variation(warehouse, "ventetid_somatik", "2023K1") == (
        46.0, 40.0, 52.0, 12.0, "hovedstaden,sjaelland", "syddanmark", 5,
    )


def test_variation_with_only_two_regions_and_no_national_value(warehouse):
    assert variation(warehouse, "udredningsret_somatik", "2022K4") == (
        None, 85.0, 77.0, 8.0, "nordjylland", "hovedstaden", 2,
    )


def test_distance_and_movement_against_the_same_quarter_a_year_ago(warehouse):
    got = distances(warehouse, "udredningsret_somatik", "2023K1")
    assert got == {
        "hovedstaden": (10.0, "2022K1", 18.0, "henter ind"),
        "sjaelland": (27.0, "2022K1", 23.0, "lægger afstand"),
        "syddanmark": (27.0, "2022K1", 28.0, "henter ind"),
        "midtjylland": (15.0, "2022K1", 13.0, "lægger afstand"),
        "nordjylland": (0.0, "2022K1", 0.0, "uændret"),
        "hele_landet": (16.0, "2022K1", 17.0, "henter ind"),
    }


def test_no_movement_without_a_value_a_year_ago(warehouse):
    got = distances(warehouse, "udredningsret_somatik", "2022K4")
    assert got == {
        "hovedstaden": (8.0, "2021K4", None, None),
        "nordjylland": (0.0, "2021K4", None, None),
    }


def test_lower_is_better_distances(warehouse):
    got = distances(warehouse, "ventetid_somatik", "2023K1")
    assert {r: d[0] for r, d in got.items()} == {
        "hovedstaden": 0.0, "sjaelland": 0.0, "syddanmark": 12.0,
        "midtjylland": 5.0, "nordjylland": 7.0, "hele_landet": 6.0,
    }


def test_no_movement_across_a_series_break(warehouse):
    # Method change from 2022: 2022 is not compared with 2021, 2023 is compared with 2022.
    assert distances(warehouse, "patienttilfredshed_somatik", "2022")["hovedstaden"] == (10.0, "2021", None, None)
    assert distances(warehouse, "patienttilfredshed_somatik", "2023") == {
        "hovedstaden": (8.0, "2022", 10.0, "henter ind"),
        "nordjylland": (0.0, "2022", 0.0, "uændret"),
    }


def test_float_noise_is_not_movement(warehouse):
    # 70.2 - 70.1 and 70.3 - 70.2 differ by about 1e-14 in binary floating point.
    got = distances(warehouse, "kraeftpakker_standardforloebstid", "2023K1")
    assert got["hovedstaden"][0] == pytest.approx(0.1)
    assert got["hovedstaden"][3] == "uændret"


def test_provisional_flag_reaches_the_fact_table(warehouse):
    got = rows(
        warehouse,
        """select period, bool_and(is_provisional) from fct_indicator_value
           where indicator_id = 'kraeftpakker_standardforloebstid' group by period order by period""",
    )
    assert got == [("2022K1", False), ("2023K1", True)]


def test_indicator_level_on_hand_made_data(warehouse):
    # 2023K1 (higher is better): Hovedstaden revised 78 -> 80 (no presentation on record: the
    # previous vintage is what was published before); best Nordjylland 90; the largest regional
    # distance is Sjælland's and Syddanmark's 27; Midtjylland 75 against 75 a year earlier.
    got = {
        r[0]: r[1:]
        for r in rows(
            warehouse,
            """select region_id, value_year_ago, change_since_year_ago, change_assessment,
                      round(distance_to_best_normalised, 4), is_best, rank, previously_published_value, attention_group
               from mart_indicator_level where indicator_id = 'udredningsret_somatik' and period = '2023K1'""",
        )
    }
    assert got == {
        "hovedstaden": (70.0, 10.0, "ønsket", round(10 / 27, 4), False, 2, 78.0, 6),
        "sjaelland": (65.0, -2.0, "uønsket", 1.0, False, 4, None, 3),
        "syddanmark": (60.0, 3.0, "ønsket", 1.0, False, 4, None, 4),
        "midtjylland": (75.0, 0.0, "uændret", round(15 / 27, 4), False, 3, None, 3),
        "nordjylland": (88.0, 2.0, "ønsket", 0.0, True, 1, None, 6),
        "hele_landet": (71.0, 3.0, "ønsket", round(16 / 27, 4), False, None, None, 4),
    }


def test_indicator_level_year_ago_across_a_series_break(warehouse):
    got = rows(
        warehouse,
        """select period, value_year_ago, change_since_year_ago, change_assessment from mart_indicator_level
           where indicator_id = 'patienttilfredshed_somatik' and region_id = 'hovedstaden' order by period""",
    )
    assert [g[0] for g in got] == ["2021", "2022", "2023"]
    assert got[1][1:] == (None, None, "ikke sammenlignelig")
    assert got[2][3] in ("ønsket", "uønsket", "uændret")


def test_dbt_unit_tests_pass(warehouse):
    run_unit_tests(warehouse, quiet=True)


OLD_DISTANCE_COLUMNS = [  # mart_distance_to_best's columns in 0.1.0 (CHANGELOG.md)
    "indicator_id", "region_id", "period", "period_start", "value", "best_value", "distance_to_best",
    "comparison_period", "distance_to_best_year_ago", "distance_change", "movement",
]


@pytest.mark.parametrize("schema", ["main", "fortrolig"])
def test_the_deprecated_mart_distance_to_best_is_a_view_with_its_old_columns(warehouse, schema):
    columns = rows(
        warehouse,
        "select column_name from information_schema.columns where table_schema = ? "
        "and table_name = 'mart_distance_to_best' order by ordinal_position",
        [schema],
    )
    assert [c for (c,) in columns] == OLD_DISTANCE_COLUMNS
    ((kind,),) = rows(
        warehouse,
        "select table_type from information_schema.tables where table_schema = ? and table_name = 'mart_distance_to_best'",
        [schema],
    )
    assert kind == "VIEW"
    listed = ", ".join(OLD_DISTANCE_COLUMNS)
    old = rows(warehouse, f"select {listed} from {schema}.mart_distance_to_best order by all")
    new = rows(warehouse, f"select {listed} from {schema}.mart_indicator_level order by all")
    assert len(old) > 10 and old == new
    assert ("udredningsret_somatik", "hovedstaden", "2023K1") in {r[:3] for r in old}


def test_a_mart_whose_sql_breaks_its_contract_fails_the_build(warehouse, tmp_path, monkeypatch):
    """A mart's columns and types are held by its contract: SQL that returns another type fails
    the build, naming the column, and the mart is not replaced."""
    import shutil

    from noegletal import dbt_runner

    project = tmp_path / "dbt_project"
    shutil.copytree(dbt_runner.DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    (project / "models" / "marts" / "mart_period_shown.sql").write_text(
        "select as_of_quarter, indicator_id, period, cast(period_start as varchar) as period_start\n"
        "from {{ ref('int_periods_shown_by_quarter') }} where audience = 'offentlig'\n"
    )
    monkeypatch.setattr(dbt_runner, "DBT_PROJECT_DIR", project)
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    with pytest.raises(dbt_runner.BuildFailed) as failed:
        dbt_runner.run_dbt(["run", "--select", "mart_period_shown"], db=copy, quiet=True)
    assert "mart_period_shown" in str(failed.value)
    assert "period_start" in str(failed.value) and "contract" in str(failed.value).lower()
    (column_type,) = rows(
        copy,
        "select data_type from information_schema.columns where table_schema = 'main' "
        "and table_name = 'mart_period_shown' and column_name = 'period_start'",
    )[0]
    assert column_type == "DATE"


def test_noegletal_docs_writes_the_marts_documentation_as_a_static_site(warehouse, tmp_path):
    import json

    from click.testing import CliRunner

    from noegletal.cli import main

    before = warehouse.stat().st_mtime_ns
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["docs", "--db", str(warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Dokumentationen er skrevet: {out / 'index.html'}" in result.output
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    level = catalog["nodes"]["model.noegletal.mart_indicator_level"]["columns"]
    assert level["distance_to_best"]["type"] == "DOUBLE" and level["period_start"]["type"] == "DATE"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    deprecated = manifest["nodes"]["model.noegletal.mart_distance_to_best"]
    assert deprecated["description"].startswith("DEPRECATED") and deprecated["contract"]["enforced"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "mart_unit_value" in page and "unique_combination" in page  # manifest and catalog inlined
    assert warehouse.stat().st_mtime_ns == before  # the warehouse in service was not opened for writing
