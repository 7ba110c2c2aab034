"""The indicator page's marks for revised, suppressed, provisional and embargoed values."""

from __future__ import annotations

import pytest
from dashboard_warehouse import KRAEFT, run_app, texts


def metrics(at):
    return {m.label: (m.value, m.delta or None) for m in at.metric}


def test_a_revised_value_says_what_it_was_first(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, indicator=KRAEFT, period="2022K4")
    # first published as 79 pct. (file of 1 March 2023), revised to 75 pct.
    assert "pct.." not in texts(at)
    assert "Hele landet: **75 pct.** i 4. kvt. 2022 – tidligere opgjort til 79 pct." in texts(at)
    assert "tidligere opgjort til 85 pct." in texts(at)  # Nordjylland's caption under its number


def test_provisional_values_are_labelled(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, indicator=KRAEFT, period="2023K1")
    shown = texts(at)
    assert "– foreløbigt tal, før efterregistreringer." in shown
    assert "Tallene for 1. kvt. 2023 er foreløbige, før efterregistreringer." in shown
    # the change is in the desired direction (+10 pct.-point since 69)
    assert metrics(at)["Hele landet"] == ("79 pct.", "+10 pct.-point")


def test_a_suppressed_value_says_so(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, indicator="udredningsret_bup", period="2023K1")
    assert metrics(at)["Nordjylland"] == ("diskretioneret (<5)", None)
    assert metrics(at)["Sjælland"] == ("75 pct.", None)


def test_charts_with_embargoed_values_are_marked_in_preparation_mode(monkeypatch, board_warehouse):
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    at = run_app(monkeypatch, board_warehouse, indicator="ventetid_somatik", period="2023K2")
    marks = [m.value for m in at.markdown if "FORTROLIGT – offentliggøres 15. januar 2099" in m.value]
    assert len(marks) == 3  # the time series, the distance chart and the current levels
    at.selectbox(key="nt_period").set_value("2023K1").run()
    marks = [m.value for m in at.markdown if "FORTROLIGT – offentliggøres" in m.value]
    # the series ends at the chosen quarter, as the chart pack for it does: nothing embargoed is shown
    assert marks == []


def test_no_marks_publicly(monkeypatch, board_warehouse):
    monkeypatch.delenv("NOEGLETAL_AUDIENCE", raising=False)
    at = run_app(monkeypatch, board_warehouse, indicator="ventetid_somatik")
    assert "FORTROLIGT" not in texts(at)
