"""The region page, run with AppTest against the hand-built warehouse of tests/dashboard_warehouse.py."""

from __future__ import annotations

import pytest
from dashboard_warehouse import run_app


def tables(at) -> list[str]:
    # 'pct.-point' is written with a non-breaking hyphen
    return [m.value.replace("&#8209;", "-") for m in at.markdown if "<table" in m.value]


def test_the_spine_chart_shows_the_region_against_the_range_and_the_country(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="sjaelland")
    (spine,) = at.get("plotly_chart")
    import json

    figure = json.loads(spine.proto.spec)
    regions = [t for t in figure["data"] if t.get("meta", {}).get("role") == "region"]
    # no numerators in this warehouse: every dot is "ikke testet"
    assert {t["meta"]["significance"] for t in regions} == {"ikke testet"}
    points = {y.replace("<br>", " "): x for t in regions for x, y in zip(t["x"], t["y"])}
    # udredningsret (higher is better): Sjælland 63 is the worst, national 74, range 63–90:
    # half-width 16 around 74, so 63 lies at 0.5 - 11/32
    assert points["Overholdelse af udredningsretten (somatik)"] == pytest.approx(0.5 - 11 / 32)
    # ventetid (lower is better): Sjælland 40 is the best (shared), national 46, range 40–52: to the right
    assert points["Gennemsnitlig ventetid til behandling (somatik)"] == pytest.approx(1.0)


def test_region_from_a_deep_link_attention_first(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="sjaelland")
    assert [t.value for t in at.title] == ["Region Sjælland"]
    assert at.selectbox(key="nt_region").value == "sjaelland"
    headers = [h.value for h in at.subheader]
    # udredningsret: Sjælland 63 vs best 90 (27, the largest distance) and 18 a year earlier: falling behind;
    # kræftpakker: 71 vs 87 (16, the largest) and 7 a year earlier (65 vs 72)
    # the page opens with one picture of the region on every indicator, then the groups
    assert headers[:2] == ["Sjælland på alle indikatorer", "Langt fra bedste og lægger afstand (2)"]
    first = tables(at)[0]
    assert "måltal 90 pct.: ikke nået" in first  # Sjælland's 71 pct. on the cancer pathways
    assert "Overholdelse af standardforløbstider for kræftpakker" in first
    assert "Overholdelse af udredningsretten (somatik)" in first
    assert "63 pct." in first and "74 pct." in first and "27 pct.-point" in first and "18 pct.-point" in first
    assert "lægger afstand" in first
    # the indicator links open the indicator page filtered to the region
    assert "indikator?page=indikator&amp;indicator=udredningsret_somatik&amp;period=2023K1&amp;region=sjaelland" in first


def test_suppressed_and_missing_values(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="nordjylland")
    html = "\n".join(tables(at))
    assert "diskretioneret (&lt;5)" in html  # udredningsret_bup
    assert "Regionen har ingen data (2)" in [h.value for h in at.subheader]


def test_changing_region_and_quarter(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="sjaelland")
    at.selectbox(key="nt_region").set_value("nordjylland").run()
    assert [t.value for t in at.title] == ["Region Nordjylland"]
    assert at.query_params["region"] == "nordjylland"
    at.selectbox(key="nt_quarter").set_value("2022K4").run()
    assert not at.exception
    assert at.query_params["quarter"] == "2022K4"
    assert "2022 K4" in "\n".join(tables(at))


def test_open_indicator_for_the_region(monkeypatch, board_warehouse):
    at = run_app(monkeypatch, board_warehouse, page="region", region="syddanmark")
    at.selectbox(key="nt_region_open").set_value("middellevetid")
    at.button(key="nt_region_open_button").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [t.value for t in at.title] == ["Middellevetid"]
    assert at.selectbox(key="nt_region").value == "syddanmark"
    assert at.selectbox(key="nt_period").value == "2022"
