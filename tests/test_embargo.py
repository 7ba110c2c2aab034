"""Values published in the future are embargoed in the warehouse layer: the public marts (what
the normal dashboard and exports read) never contain them, nor anything computed from them; the
`fortrolig` schema has them, flagged."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from noegletal.cli import main
from noegletal.warehouse import connect, query_text

FIXTURES = Path(__file__).parent / "fixtures" / "embargo"
# Numbers that occur only in the embargoed file (and in nothing derivable from the published one).
EMBARGO_MARKERS = {41.0, 39.0}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("embargo") / "warehouse.duckdb"
    runner = CliRunner()
    for name in ("published.csv", "embargoed.csv"):
        result = runner.invoke(main, ["load", str(FIXTURES / name), "--db", str(db), "--allow-future-date"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["build", "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def fetch(db: Path, sql: str) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(sql).fetchall()


def test_public_fact_table_keeps_the_published_value_and_hides_the_new_quarter(built):
    assert fetch(built, "select region_id, value from fct_indicator_value where region_id = 'nordjylland'") == [
        ("nordjylland", 40.0)
    ]
    assert fetch(built, "select count(*) from fct_indicator_value where period = '2023K1'") == [(0,)]
    assert fetch(built, "select count(*) from fct_indicator_value where is_embargoed") == [(0,)]


def test_public_aggregates_are_computed_without_embargoed_values(built):
    # Worst region in 2022K4 is Nordjylland with the published 40, not the embargoed revision 41.
    assert fetch(
        built, "select worst_value, variation from mart_regional_variation where period = '2022K4'"
    ) == [(40.0, 22.0)]
    assert fetch(built, "select count(*) from mart_indicator_level where period = '2023K1'") == [(0,)]
    assert fetch(built, "select count(*) from fct_indicator_value_history where published_at > current_date") == [(0,)]
    assert fetch(built, "select count(*) from mart_revisions") == [(0,)]


def test_fortrolig_schema_has_the_embargoed_values_flagged(built):
    assert fetch(
        built,
        """select value, is_embargoed, published_at::varchar from fortrolig.fct_indicator_value
           where region_id = 'nordjylland' order by period""",
    ) == [(41.0, True, "2099-01-15"), (39.0, True, "2099-01-15")]
    assert fetch(
        built, "select worst_value from fortrolig.mart_regional_variation where period = '2022K4'"
    ) == [(41.0,)]
    # the embargoed revision of a published value is listed in preparation mode only
    assert fetch(
        built,
        """select region_id, period, previous_value, value, is_embargoed, published_at::varchar
           from fortrolig.mart_revisions""",
    ) == [("nordjylland", "2022K4", 40.0, 41.0, True, "2099-01-15")]


def _query_names() -> list[str]:
    return sorted(
        p.name.removesuffix(".sql") for p in resources.files("noegletal.queries").iterdir() if p.name.endswith(".sql")
    )


@pytest.mark.parametrize("name", _query_names())
def test_dashboard_queries_read_only_unqualified_marts(name):
    """Named queries resolve tables through the connection's search path: in normal mode that is
    the public `main` schema, so no query can reach raw, staging, intermediate or fortrolig."""
    sql = re.sub(r"--[^\n]*", "", query_text(name))
    assert not re.search(r"\b(raw|staging|intermediate|lookup|fortrolig|main)\s*\.", sql, re.IGNORECASE), sql


@pytest.mark.parametrize("name", _query_names())
def test_no_dashboard_query_returns_an_embargoed_value(built, name):
    """Every named query, asked for the embargoed quarter and the revised one, in normal mode."""
    sql = query_text(name)
    wanted = set(re.findall(r"\$(\w+)", sql))
    for period in ("2023K1", "2022K4"):
        candidates = {"indicator_id": "ventetid_bup", "period": period, "region_id": "nordjylland", "since": "2000-01-01", "until": period}
        assert wanted <= candidates.keys(), f"{name} takes parameters this test does not know: {wanted}"
        with connect(built, read_only=True) as con:
            frame = con.sql(sql, params={k: candidates[k] for k in wanted} or None).pl()
        cells = {v for col in frame.columns for v in frame[col].drop_nulls().to_list()}
        assert not {c for c in cells if isinstance(c, float)} & EMBARGO_MARKERS, frame
        assert not {c for c in cells if "2099" in str(c) or str(c) == "2023K1"}, frame
