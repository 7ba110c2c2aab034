"""Revisions are kept and listed, `build --as-of` reproduces an earlier state, and the
presentation register decides what counts as "opdateret"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from noegletal.cli import main
from noegletal.access import open_warehouse
from noegletal.warehouse import connect

MARTS = Path(__file__).parent / "fixtures" / "marts"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The hand-made marts data (a first release and a revision), built, with two presentations."""
    db = tmp_path_factory.mktemp("vintages") / "warehouse.duckdb"
    runner = CliRunner()
    for args in (
        ["refresh", str(MARTS), "--db", str(db)],
        ["present", "--date", "2023-03-10", "--note", "Bestyrelsesmøde marts", "--db", str(db)],
        ["present", "--date", "2023-05-20", "--note", "Bestyrelsesmøde maj", "--db", str(db)],
        ["build", "--as-of", "2023-05-20", "--db", str(db)],
    ):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return db


def fetch(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_revision_is_listed_with_old_and_new_value(built):
    assert fetch(
        built,
        """select indicator_id, region_id, period, previous_value, value, change,
                  previous_published_at::varchar, published_at::varchar, previous_source_file, source_file, is_current
           from mart_revisions""",
    ) == [
        ("udredningsret_somatik", "hovedstaden", "2023K1", 78.0, 80.0, 2.0,
         "2023-05-01", "2023-06-01", "first_release.csv", "revision.csv", True),
    ]


def test_as_of_rebuild_reproduces_the_earlier_state(built):
    as_of = built.with_name("warehouse_as_of_2023-05-20.duckdb")
    key = """select value, published_at::varchar from fct_indicator_value
             where indicator_id = 'udredningsret_somatik' and region_id = 'hovedstaden' and period = '2023K1'"""
    assert fetch(built, key) == [(80.0, "2023-06-01")]
    assert fetch(as_of, key) == [(78.0, "2023-05-01")]
    # As of 2023-05-20 the 2023 patient survey (published 2024) did not exist, and there were no revisions.
    assert fetch(as_of, "select count(*) from fct_indicator_value where period = '2023'") == [(0,)]
    assert fetch(built, "select count(*) from fct_indicator_value where period = '2023'") == [(2,)]
    assert fetch(as_of, "select count(*) from mart_revisions") == [(0,)]
    # The region's distance to the best was computed from the value then: 90 - 78.
    assert fetch(
        as_of,
        """select distance_to_best from mart_indicator_level
           where indicator_id = 'udredningsret_somatik' and region_id = 'hovedstaden' and period = '2023K1'""",
    ) == [(12.0,)]


def test_as_of_rebuild_leaves_the_warehouse_in_service_alone(built):
    assert fetch(built, "select count(*) from fct_indicator_value") == [(30,)]


def test_presentation_register(built):
    assert fetch(
        built, "select presented_on::varchar, note, is_latest from dim_presentation order by presented_on"
    ) == [("2023-03-10", "Bestyrelsesmøde marts", False), ("2023-05-20", "Bestyrelsesmøde maj", True)]


@pytest.mark.parametrize(
    ("since", "updated"),
    [
        # After the May meeting: the revision (June) and the 2023 survey (2024) are new.
        ("2023-05-20", {"udredningsret_somatik", "patienttilfredshed_somatik"}),
        # After the March meeting the April/May releases count as well.
        ("2023-03-10", {"udredningsret_somatik", "patienttilfredshed_somatik", "ventetid_somatik",
                        "kraeftpakker_standardforloebstid"}),
    ],
)
def test_updated_since_a_chosen_presentation(built, since, updated):
    with open_warehouse(built).reader("offentlig") as r:
        frame = r.query("indicators_updated_since", {"since": since, "period": ""})
    assert set(frame.filter(frame["is_updated"])["indicator_id"]) == updated


def test_updated_since_defaults_to_the_latest_presentation(built):
    with open_warehouse(built).reader("offentlig") as r:
        (latest,) = r.query("latest_presentation")["presented_on"]
    assert str(latest) == "2023-05-20"


def test_present_refuses_a_malformed_date(built, tmp_path):
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(built, copy)
    result = CliRunner().invoke(main, ["present", "--date", "14-06-2023", "--db", str(copy)])
    assert result.exit_code == 2
    assert "14-06-2023" in result.output
