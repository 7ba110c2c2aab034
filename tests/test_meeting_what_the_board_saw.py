"""The meeting scenario (issue 19), without a browser: the board is shown kræftpakker 2026K1 at
80 pct. (provisional) on 10 June 2026 and `present` keeps that figure; the publisher revises it to
75 under the same publication date, and the next quarter is 79. "Since the meeting" compares with
the 80 the board saw (-1 pct.-point, the wrong way), "opdateret" and its counts agree, and the
revision is said in the summary and the Word item. The browser walk is test_browser_meeting.py."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
from dashboard_warehouse import KRAEFT, MEETING_ON

from noegletal.access import open_warehouse
from noegletal.access.duck import DuckDBRawWriter
from noegletal.exports import ExportOptions, build_pack
from noegletal.warehouse import connect

REVISION = ("Tallet for 1. kvt. 2026 blev vist for bestyrelsen med 80 pct. (foreløbigt) "
            "og er nu opgjort til 75 pct. (endeligt).")
SINCE = ("I forhold til de 80 pct. (1. kvt. 2026, foreløbigt), bestyrelsen så ved seneste møde, er det "
         "1 pct.-point lavere – i den forkerte retning.")


@pytest.fixture(scope="module")
def warehouse(meeting_warehouse) -> Path:
    return meeting_warehouse  # built once per run (tests/warehouses.py)


def national(db: Path, query: str, **params) -> dict:
    with open_warehouse(db).reader("offentlig") as r:
        frame = r.query(query, since=MEETING_ON.isoformat(), **params)
    return {row["indicator_id"]: row for row in frame.to_dicts() if row.get("region_id", "hele_landet") == "hele_landet"}


def test_present_kept_what_the_board_saw(warehouse):
    with connect(warehouse, read_only=True) as con:
        kept = con.execute(
            "select period, value, is_provisional from raw.presentation_figures"
            " where indicator_id = ? and region_id = 'hele_landet' order by period", [KRAEFT]
        ).fetchall()
    # the second file (the revision, 2026K2) was loaded after the meeting was recorded
    assert kept == [("2025K4", 76.0, False), ("2026K1", 80.0, True)]


def test_since_the_meeting_compares_with_the_figure_the_board_saw(warehouse):
    row = national(warehouse, "changes_since_presentation")[KRAEFT]
    assert (row["period"], row["value"], row["period_shown"], row["value_shown"]) == ("2026K2", 79.0, "2026K1", 80.0)
    assert row["change_since_presentation"] == -1 and row["change_assessment"] == "uønsket"
    assert row["is_shown_value_revised"] and row["value_shown_now"] == 75.0
    assert row["value_shown_is_provisional"] and not row["value_shown_now_is_provisional"]
    # one indicator has figures the board did not see, and it went the wrong way
    assert (row["n_indicators_with_new_figures"], row["n_indicators_gone_the_wrong_way"]) == (1, 1)


def test_opdateret_is_the_same_rule_on_the_overview_and_in_the_pack(warehouse):
    updated = {i: r["is_updated"] for i, r in national(warehouse, "indicators_updated_since", period="").items()}
    # udredningsret: nothing new since the meeting (same figures, same date)
    assert updated == {KRAEFT: True, "udredningsret_somatik": False}
    # as of 2026K1 the revision (80 -> 75) is new too
    as_of = {i: r["is_updated"] for i, r in national(warehouse, "indicators_updated_since", period="2026K1").items()}
    assert as_of == {KRAEFT: True, "udredningsret_somatik": False}


def test_the_summary_and_the_word_item_name_the_revision(warehouse):
    summary = build_pack(warehouse, "md", ExportOptions(update_date=date(2026, 12, 9))).decode()
    assert REVISION in summary and SINCE in summary
    item = docx.Document(io.BytesIO(build_pack(warehouse, "docx", ExportOptions(update_date=date(2026, 12, 9)))))
    text = "\n".join(p.text for p in item.paragraphs).replace("\u00a0", " ")  # no-break spaces read as spaces
    assert REVISION in text and SINCE in text
    assert "Bestyrelsesmøde 9. december 2026" in text
    # the Resumé names the revision too, with the indicator it is about
    paragraphs = [p.text.replace("\u00a0", " ") for p in item.paragraphs]
    resume = paragraphs[paragraphs.index("Resumé"):paragraphs.index("Indstilling")]
    assert ("Tallet for overholdelse af standardforløbstider for kræftpakker i 1. kvt. 2026 blev vist for "
            "bestyrelsen med 80 pct. (foreløbigt) og er nu opgjort til 75 pct. (endeligt).") in resume


def test_the_resume_order_comes_from_the_mart(warehouse):
    with open_warehouse(warehouse).reader("offentlig") as r:
        order = r.query("board_item_order", since=MEETING_ON.isoformat()).to_dicts()
    # the one updated indicator went the wrong way since the meeting: it leads
    assert [(o["indicator_id"], o["resume_rank"], o["priority_reason"]) for o in order] == [
        (KRAEFT, 1, "gået den forkerte vej")]


def test_files_loaded_after_the_meeting_are_named(warehouse, tmp_path):
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    with connect(copy) as con:
        writer = DuckDBRawWriter(con)
        late = writer.files_loaded_after(MEETING_ON)
        assert late == ["noegletal_juni.csv", "noegletal_september.csv"]  # loaded today, after 10 June 2026
        assert writer.files_loaded_after(date.today()) == []


def test_the_excel_pack_holds_what_is_shown_without_float_noise(warehouse):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(build_pack(warehouse, "xlsx", ExportOptions(update_date=date(2026, 12, 9)))))
    numbers = [
        c for ws in workbook.worksheets for row in ws.iter_rows() for c in row
        if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)
    ]
    assert numbers and [c.value for c in numbers if c.value != round(c.value, 6)] == []
    sheet = next(ws for ws in workbook.worksheets if ws["A1"].value == "Overholdelse af standardforløbstider for kræftpakker")
    rows = list(sheet.iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "Region" and r[3].value == "Foreløbigt")
    level = {c.value: i for i, c in enumerate(rows[header])}
    national = next(r for r in rows[header + 1:] if r[0].value == "Hele landet")
    # the value and the value a year before carry the indicator's decimals (0: "79", not "79,000")
    assert national[level["Værdi"]].number_format == "0"
    assert national[level["Ændring"]].value is None or national[level["Ændring"]].number_format == "0"
    # an indicator without figures says so once, no empty tables under repeated headings
    empty = next(ws for ws in workbook.worksheets if ws["A1"].value == "Middellevetid")
    texts = [c.value for row in empty.iter_rows() for c in row if c.value]
    assert "Der er ingen tal for indikatoren i lageret." in texts and "Region" not in texts


def test_the_overview_line_counts_from_the_mart_and_words_every_case():
    import polars as pl

    from noegletal.content.meeting_text import whats_new

    changes = pl.DataFrame({"n_indicators_with_new_figures": [2], "n_indicators_gone_the_wrong_way": [1]})
    assert whats_new(MEETING_ON, {"a", "b", "c"}, True, changes) == (
        "2 indikatorer har nye tal siden bestyrelsesmødet 10. juni 2026", "; 1 er gået den forkerte vej.")
    assert whats_new(MEETING_ON, {"a"}, False) == ("1 indikator har nye tal siden den valgte dato 10. juni 2026", ".")
    assert whats_new(MEETING_ON, set(), True)[0].startswith("Ingen indikatorer har nye tal")
    assert whats_new(None, set(), False)[0] == "Der er endnu ikke registreret et bestyrelsesmøde"
