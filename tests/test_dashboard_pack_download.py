"""Overblik's "Hent bilag": the pack for the chosen quarter and presentation made from the page
(AppTest), offered for download, marked FORTROLIGT in preparation mode."""

from __future__ import annotations

import io
from datetime import date

import pytest
from dashboard_warehouse import run_app
from openpyxl import load_workbook

from dashboards.pack_download import STATE_KEY


def download_buttons(at):
    return [e for e in at.get("download_button")]


MEETING = date(2026, 12, 9)


def make(at, fmt: str):
    at.radio(key="nt_pack_format").set_value(fmt).run()
    at.date_input(key="nt_pack_meeting").set_value(MEETING).run()
    at.button(key="nt_pack_make").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_overview_offers_the_pack_in_four_formats(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse)
    assert "Hent bilag" in [h.value for h in at.subheader]
    assert at.radio(key="nt_pack_format").options == ["PDF", "HTML (én fil)", "PowerPoint", "Word (sagsfremstilling)", "Excel"]
    assert not download_buttons(at)  # nothing is made before it is asked for
    # the pack is for a meeting: nothing is made before its date is given
    assert at.button(key="nt_pack_make").disabled
    assert at.date_input(key="nt_pack_meeting").value is None


def test_the_pack_is_named_after_the_meeting(monkeypatch, board_warehouse):
    at = make(run_app(monkeypatch, board_warehouse), "xlsx")
    # (the file's name, noegletal_bestyrelsesmoede_2026-12-09.*, is checked in the browser:
    # test_browser_meeting.py and test_browser_board_questions.py)
    assert len(download_buttons(at)) == 1
    _, content = at.session_state[STATE_KEY]
    cells = [c.value for row in load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(max_row=5) for c in row]
    assert "Bestyrelsesmøde 9. december 2026" in cells


def test_excel_for_the_chosen_quarter_is_made_and_offered(monkeypatch, board_warehouse):
    at = make(run_app(monkeypatch, board_warehouse, page="overblik", period="2022K4"), "xlsx")
    (request, content), = [at.session_state[STATE_KEY]]
    assert request[:2] == ("xlsx", "2022K4")
    workbook = load_workbook(io.BytesIO(content))
    assert len(workbook.sheetnames) > 1
    assert len(download_buttons(at)) == 1
    assert not at.error


def test_preparation_mode_marks_the_pack_fortrolig(monkeypatch, board_warehouse):
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    at = make(run_app(monkeypatch, board_warehouse), "xlsx")
    assert any("FORTROLIGT" in e.value for e in at.error)
    _, content = at.session_state[STATE_KEY]
    workbook = load_workbook(io.BytesIO(content))
    cells = " ".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows(max_row=5) for c in row if c.value)
    assert "FORTROLIGT" in cells


def test_public_pack_is_refused_from_a_file_whose_public_marts_hold_an_embargoed_value(
    monkeypatch, board_warehouse, tmp_path
):
    """As `noegletal export` does: a file built by an earlier version with a future --as-of."""
    import shutil

    import duckdb

    leaky = tmp_path / "leaky.duckdb"
    shutil.copyfile(board_warehouse, leaky)
    with duckdb.connect(str(leaky)) as con:
        con.execute("update main.fct_indicator_value set published_at = date '2099-01-15' where region_id = 'nordjylland'")
    at = make(run_app(monkeypatch, leaky), "xlsx")
    assert STATE_KEY not in at.session_state
    assert not download_buttons(at)
    assert any("offentliggjort efter i dag" in e.value and "fct_indicator_value.published_at" in e.value for e in at.error)
