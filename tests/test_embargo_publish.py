"""No embargoed value reaches a public output: `build --as-of` a date after today keeps the public
marts as of today, `export` from such a file prints no embargoed value, and `noegletal publish`
writes a file with only the public marts and dimensions, in which no cell holds an embargoed value
or the name of its source file, and which the public dashboard reads."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner
from dashboard_warehouse import run_app, texts

from dashboards.data import REQUIRED_MARTS
from noegletal.cli import main
from noegletal.publish import public_tables

PUBLISHED_FILE = "offentlige_tal.csv"
EMBARGOED_FILE = "hemmelig_embargo_fil.csv"
PUBLISHED = [  # region, period, value, published_at
    ("hovedstaden", "2022K4", 18.25, "2023-02-15"),
    ("sjaelland", "2022K4", 22.5, "2023-02-15"),
    ("syddanmark", "2022K4", 25.75, "2023-02-15"),
    ("midtjylland", "2022K4", 30.5, "2023-02-15"),
    ("nordjylland", "2022K4", 40.25, "2023-02-15"),
    ("hele_landet", "2022K4", 24.75, "2023-02-15"),
]
# A revision of a published value and a whole new quarter, published in 2099; every value occurs
# nowhere else (nor can it be computed from the published ones).
EMBARGOED = [
    ("nordjylland", "2022K4", 41.37, "2099-01-15"),
    ("hovedstaden", "2023K1", 17.13, "2099-01-15"),
    ("sjaelland", "2023K1", 21.19, "2099-01-15"),
    ("syddanmark", "2023K1", 26.29, "2099-01-15"),
    ("midtjylland", "2023K1", 31.31, "2099-01-15"),
    ("nordjylland", "2023K1", 39.71, "2099-01-15"),
    ("hele_landet", "2023K1", 25.87, "2099-01-15"),
]
MARKER_VALUES = {v for _, _, v, _ in EMBARGOED}
MARKER_TEXTS = ("2099", "2023K1", "2023 K1", "1. kvt. 2023", "hemmelig_embargo", *(
    text for v in MARKER_VALUES for text in (str(v), str(v).replace(".", ","))
))

# The load time ("indlæst ... kl. 21.19") is the wall clock, not a figure: a run at 21:19 must
# not read as the embargoed 21.19.
_CLOCK = re.compile(r"kl\. \d{1,2}[.:]\d{2}")


def write(path: Path, rows) -> Path:
    lines = ["indicator_id,region,period,value,published_at"]
    lines += [f"ventetid_bup,{r},{p},{v},{d}" for r, p, v, d in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("publish")
    db = folder / "warehouse.duckdb"
    files = [write(folder / PUBLISHED_FILE, PUBLISHED), write(folder / EMBARGOED_FILE, EMBARGOED)]
    for args in (["load", *map(str, files), "--allow-future-date"], ["build"]):
        result = invoke(*args, "--db", str(db))
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def future(warehouse) -> tuple[Path, str]:
    """The warehouse rebuilt --as-of 2100-01-01: after every publication date of the data."""
    out = warehouse.with_name("as_of_2100.duckdb")
    result = invoke("build", "--db", str(warehouse), "--as-of", "2100-01-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def published(warehouse) -> Path:
    out = warehouse.with_name("offentlig.duckdb")
    result = invoke("publish", "--db", str(warehouse), "--out", str(out))
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        n_public = len(public_tables(con, "warehouse"))
    assert f"({n_public} tabeller," in result.output
    return out


def every_cell(db: Path) -> list[tuple[str, str, object]]:
    """(table, column, value) for every non-null cell of every table and view of every schema."""
    cells = []
    with duckdb.connect(str(db), read_only=True) as con:
        relations = con.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = current_database()"
        ).fetchall()
        for schema, table in relations:
            result = con.execute(f'select * from "{schema}"."{table}"')
            columns = [d[0] for d in result.description]
            for row in result.fetchall():
                cells += [(f"{schema}.{table}", c, v) for c, v in zip(columns, row) if v is not None]
    return cells


def embargoed_cells(cells) -> list:
    found = []
    for where, column, value in cells:
        if isinstance(value, float) and any(abs(value - m) < 1e-9 for m in MARKER_VALUES):
            found.append((where, column, value))
        elif isinstance(value, date) and value.year >= 2099:
            found.append((where, column, value))
        elif isinstance(value, str) and any(m in _CLOCK.sub("kl. –", value) for m in MARKER_TEXTS):
            found.append((where, column, value))
    return found


def public_rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


# --- build --as-of after today -------------------------------------------------------------


def test_as_of_after_today_keeps_the_public_marts_as_of_today(future):
    db, output = future
    assert "ligger efter i dag" in output and "forbliver under embargo" in output
    assert public_rows(db, "select value from fct_indicator_value where region_id = 'nordjylland'") == [(40.25,)]
    assert public_rows(db, "select count(*) from fct_indicator_value where published_at > current_date") == [(0,)]
    assert public_rows(db, "select count(*) from mart_revisions") == [(0,)]
    public = [c for c in every_cell(db) if c[0].startswith("main.")]
    assert public and not embargoed_cells(public)
    # the preparation schema has them, still flagged as embargoed (not "as of 2100")
    assert public_rows(
        db, "select value, is_embargoed from fortrolig.fct_indicator_value where region_id = 'nordjylland' order by period"
    ) == [(41.37, True), (39.71, True)]


def test_export_from_a_future_as_of_file_prints_no_embargoed_value(future, tmp_path):
    db, _ = future
    xlsx = tmp_path / "pack.xlsx"
    result = invoke("export", "--db", str(db), "--format", "xlsx", "--out", str(xlsx), "--indicator", "ventetid_bup")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes()))
    cells = [("xlsx", ws.title, c.value) for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    assert 40.25 in [v for _, _, v in cells]  # the published value is there
    assert not embargoed_cells([(w, c, float(v) if isinstance(v, int) else v) for w, c, v in cells])
    assert not [v for _, _, v in cells if isinstance(v, str) and "FORTROLIG" in v]
    md = tmp_path / "summary.md"
    assert invoke("export", "--db", str(db), "--format", "md", "--out", str(md)).exit_code == 0
    text = md.read_text(encoding="utf-8")
    # shown with the decimals that make every distance to the best add up (int_display_decimals_chosen)
    assert "i 4. kvt. 2022 på" in text and "Region Nordjylland har en ventetid på 40,25 dage" in text
    assert not embargoed_cells([("md", "", text)]) and "FORTROLIG" not in text
    # asked for them, the same file gives them marked
    result = invoke("export", "--db", str(db), "--format", "md", "--out", str(md), "--fortrolig", "--period", "2023K1")
    assert result.exit_code == 0, result.output
    assert "FORTROLIGT" in md.read_text(encoding="utf-8")


# --- publish -----------------------------------------------------------------------------


def test_published_file_holds_only_the_public_marts_and_dimensions(published):
    tables = public_rows(published, "select table_schema, table_name from information_schema.tables")
    assert {schema for schema, _ in tables} == {"main"}
    names = {name for _, name in tables}
    assert set(REQUIRED_MARTS) <= names
    assert all(name.startswith(("dim_", "fct_", "mart_")) for name in names)
    assert public_rows(published, "select count(*) from information_schema.schemata where schema_name in "
                       "('raw', 'staging', 'intermediate', 'fortrolig', 'lookup')") == [(0,)]


def test_no_cell_of_the_published_file_holds_an_embargoed_value_or_its_file(published, warehouse):
    cells = every_cell(published)
    # the search finds what is there: the published values and their file
    assert (("main.fct_indicator_value", "value", 40.25)) in cells
    assert any(isinstance(v, str) and v == PUBLISHED_FILE for _, _, v in cells)
    assert embargoed_cells(every_cell(warehouse))  # the warehouse itself has them (raw, fortrolig)
    assert not embargoed_cells(cells)
    assert EMBARGOED_FILE.encode() not in published.read_bytes()


def test_analysts_sql_works_on_the_published_file(published):
    assert public_rows(
        published,
        "select region_id, value, source_file from fct_indicator_value where region_id = 'nordjylland'",
    ) == [("nordjylland", 40.25, PUBLISHED_FILE)]
    assert public_rows(published, "select worst_value, variation from mart_regional_variation") == [(40.25, 22.0)]


def test_public_dashboard_runs_on_the_published_file(monkeypatch, published):
    monkeypatch.delenv("NOEGLETAL_AUDIENCE", raising=False)
    at = run_app(monkeypatch, published, page="indikator", indicator="ventetid_bup", period="2022K4")
    assert not at.error, [e.value for e in at.error]
    shown = texts(at) + "\n".join(m.value + m.label for m in at.metric)
    assert "40,25" in shown or "40,3" in shown
    assert not embargoed_cells([("page", "", shown)])
    at = run_app(monkeypatch, published, page="overblik")
    assert not at.error, [e.value for e in at.error]


def test_publish_refuses_a_file_whose_public_marts_hold_a_future_value(warehouse, tmp_path):
    """A warehouse built by an earlier version with a future --as-of had embargoed rows in main."""
    leaky = tmp_path / "leaky.duckdb"
    shutil.copyfile(warehouse, leaky)
    with duckdb.connect(str(leaky)) as con:
        con.execute("update main.fct_indicator_value set published_at = date '2099-01-15' where region_id = 'nordjylland'")
    out = tmp_path / "out.duckdb"
    result = CliRunner().invoke(main, ["publish", "--db", str(leaky), "--out", str(out)])
    assert result.exit_code == 1
    assert "fct_indicator_value.published_at: 1" in result.output
    assert not out.exists() and not list(tmp_path.glob(".out.duckdb*"))


def test_export_refuses_a_file_whose_public_marts_hold_a_future_value(warehouse, tmp_path):
    leaky = tmp_path / "leaky.duckdb"
    shutil.copyfile(warehouse, leaky)
    with duckdb.connect(str(leaky)) as con:
        con.execute("update main.mart_revisions set published_at = date '2099-01-15'")
        con.execute("insert into main.fct_indicator_value_history select * replace (date '2099-01-15' as published_at) "
                    "from main.fct_indicator_value_history limit 1")
    out = tmp_path / "pack.md"
    result = CliRunner().invoke(main, ["export", "--db", str(leaky), "--format", "md", "--out", str(out)])
    assert result.exit_code == 1 and "fct_indicator_value_history.published_at: 1" in result.output
    assert not out.exists()


def test_publish_refuses_to_overwrite_the_warehouse(warehouse):
    result = CliRunner().invoke(main, ["publish", "--db", str(warehouse), "--out", str(warehouse)])
    assert result.exit_code == 1 and "selve lageret" in result.output


def test_the_marker_search_skips_the_load_clock_but_not_a_figure():
    assert not embargoed_cells([("xlsx", "", "indlæst senest 7. december 2026 kl. 21.19 (1 filer).")])
    assert embargoed_cells([("page", "", "Sjælland: 21,19 dage kl. 9.05")])
    assert embargoed_cells([("csv", "", "21.19")])
