"""The indicator page, run with Streamlit's AppTest against small hand-made warehouses.

Every expected text below was worked out by hand from the rows in CANONICAL_ROWS.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.store import load_files
from noegletal.dbt_runner import build
from noegletal.warehouse import connect, ensure_raw_schema

from dashboard_warehouse import rows_for, run_app, texts, write_csv

UDREDNING_DENOMINATORS = [30000, 14000, 21000, 23000, 10000, 98000]
CANONICAL_ROWS = [
    # 1. kvt. 2023 as in the June 2023 board item: hele landet 74, Nordjylland 90, Sjælland and Syddanmark 63
    *rows_for("udredningsret_somatik", "2023K1", [72, 63, 63, 80, 90, 74], UDREDNING_DENOMINATORS),
    *rows_for("udredningsret_somatik", "2022K4", [75, 74, 76, 78, 81, 77], UDREDNING_DENOMINATORS),
    *rows_for("udredningsret_somatik", "2022K1", [69, 69, 76, 83, 87, 77], UDREDNING_DENOMINATORS),
    # life expectancy: one decimal, no volume
    *rows_for("middellevetid", "2022", [81.6, 80.3, 81.1, 81.9, 80.8, 81.3]),
    *rows_for("middellevetid", "2021", [81.8, 80.5, 81.4, 82.1, 81.0, 81.5]),
    # waiting time: Nordjylland has no value
    *rows_for("ventetid_somatik", "2023K1", [40, 40, 52, 45, None, 46], [500, 200, 300, 350, None, 1350]),
    # published in the future: embargoed, shown only in preparation mode (serve --fortrolig)
    *rows_for("ventetid_somatik", "2023K2", [41, 42, 50, 44, 47, 45], published_at="2099-01-15"),
]


def build_warehouse(directory: Path, rows) -> Path:
    db = directory / "warehouse.duckdb"
    with connect(db) as con:
        load_files([write_csv(directory / "noegletal_test.csv", rows)], con, allow_future_date=True)
    build(db, quiet=True)
    return db


@pytest.fixture(scope="session")
def synthetic_warehouse(tmp_path_factory) -> Path:
    """A built warehouse with the synthetic rows above (dbt build: ~6 s, once per session)."""
    return build_warehouse(tmp_path_factory.mktemp("indicator_page"), CANONICAL_ROWS)


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory) -> Path:
    """A built warehouse whose only file is not synthetic."""
    rows = rows_for("udredningsret_somatik", "2023K1", [72, 63, 63, 80, 90, 74], synthetic="false")
    return build_warehouse(tmp_path_factory.mktemp("indicator_page_real"), rows)


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta or None) for m in at.metric}


def charts(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_deep_link_shows_the_indicator_in_the_appendix_format(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1")

    assert [t.value for t in at.title] == ["Overholdelse af udredningsretten (somatik)"]
    assert at.selectbox(key="nt_indicator").value == "udredningsret_somatik"
    assert at.selectbox(key="nt_period").value == "2023K1"
    assert at.selectbox(key="nt_goal_area").value == 5
    shown = texts(at)
    assert "Målområde 5: Hurtig udredning og behandling · 1. kvt. 2023" in shown
    assert "Hele landet: **74 pct.** i 1. kvt. 2023 (1. kvt. 2022: 77 pct.)." in shown
    assert (
        "Regional variation: 27 pct.-point – bedst: Region Nordjylland (90 pct.), "
        "dårligst: Region Sjælland og Region Syddanmark (63 pct.)."
    ) in shown
    assert metrics(at) == {
        "Hovedstaden": ("72 pct.", "+3 pct.-point"),
        "Sjælland": ("63 pct.", "-6 pct.-point"),
        "Syddanmark": ("63 pct.", "-13 pct.-point"),
        "Midtjylland": ("80 pct.", "-3 pct.-point"),
        "Nordjylland": ("90 pct.", "+3 pct.-point"),
        "Hele landet": ("74 pct.", "-3 pct.-point"),
    }
    assert "30.000 henviste patienter" in shown
    assert "98.000 henviste patienter" in shown
    assert "**Kilde:** Sundhedsdatastyrelsen" in shown


def test_both_charts_are_drawn_from_the_marts(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1")
    timeseries, distance = charts(at)

    assert [t["name"] for t in timeseries["data"]] == [
        "Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland", "Hele landet",
    ]
    assert timeseries["layout"]["xaxis"]["categoryarray"] == ["2022 K1", "2022 K2", "2022 K3", "2022 K4", "2023 K1"]
    # the suspended 2022K1 is shaded
    assert any(s.get("name") == "suspension" for s in timeseries["layout"]["shapes"])

    (dots,) = [t for t in distance["data"] if t["meta"]["role"] == "dots"]
    # best = Nordjylland 90: distances 18, 27, 27, 10, 0 and hele landet 16
    assert dots["x"] == [18.0, 27.0, 27.0, 10.0, 0.0, 16.0]
    lines = {t["meta"]["region_id"]: t["x"] for t in distance["data"] if t["meta"]["role"] == "change"}
    # a year earlier best = Nordjylland 87: 18, 18, 11, 4, 0 and hele landet 10
    assert lines["syddanmark"] == [11.0, 27.0]
    assert lines["hele_landet"] == [10.0, 16.0]


def test_a_chosen_quarter_ends_the_series_there_as_the_pack_does(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2022K4")
    timeseries, _ = charts(at)
    assert timeseries["layout"]["xaxis"]["categoryarray"] == ["2022 K1", "2022 K2", "2022 K3", "2022 K4"]
    assert metrics(at)["Hele landet"][0] == "77 pct."
    # no quarter chosen: the latest data
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik")
    timeseries, _ = charts(at)
    assert timeseries["layout"]["xaxis"]["categoryarray"][-1] == "2023 K1"


def test_synthetic_banner_is_shown(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1")
    (banner,) = at.warning
    assert "SYNTETISKE DATA" in banner.value
    assert "må ikke bruges som faktiske nøgletal" in banner.value


def test_no_banner_for_real_data(monkeypatch, real_warehouse):
    at = run_app(monkeypatch, real_warehouse, indicator="udredningsret_somatik", period="2023K1")
    assert not [w for w in at.warning if "SYNTETISKE" in w.value]
    assert metrics(at)["Hele landet"] == ("74 pct.", None)  # no year-ago value: no change shown


def test_decimals_and_units_in_danish(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="middellevetid", period="2022")
    shown = texts(at)
    assert "Hele landet: **81,3 år** i 2022 (2021: 81,5 år)." in shown
    assert (
        "Regional variation: 1,6 år – bedst: Region Midtjylland (81,9 år), dårligst: Region Sjælland (80,3 år)."
    ) in shown
    assert metrics(at)["Hovedstaden"] == ("81,6 år", "-0,2 år")
    assert metrics(at)["Hele landet"] == ("81,3 år", "-0,2 år")


def test_region_without_value_shows_ingen_data(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="ventetid_somatik", period="2023K1")
    assert metrics(at)["Nordjylland"] == ("ingen data", None)
    assert metrics(at)["Hovedstaden"] == ("40 dage", None)
    assert (
        "Regional variation: 12 dage – bedst: Region Hovedstaden og Region Sjælland (40 dage), "
        "dårligst: Region Syddanmark (52 dage) (opgjort for 4 af 5 regioner)."
    ) in texts(at)
    _, distance = charts(at)
    (no_data,) = [t for t in distance["data"] if t["meta"]["role"] == "no_data"]
    assert no_data["y"] == ["Nordjylland"] and no_data["text"] == ["ingen data"]


def test_indicator_without_data(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="daglige_rygere")
    assert [t.value for t in at.title] == ["Daglige rygere i befolkningen"]
    assert "Der er ingen data for denne indikator i lageret endnu." in texts(at)
    assert "period" not in at.query_params


def test_changing_the_selection_updates_the_link(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1")
    at.selectbox(key="nt_period").set_value("2022K4").run()
    assert not at.exception
    assert at.query_params["period"] == "2022K4"
    assert "Hele landet: **77 pct.** i 4. kvt. 2022." in texts(at)

    at.selectbox(key="nt_indicator").set_value("ventetid_somatik").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Gennemsnitlig ventetid til behandling (somatik)"]
    assert dict(at.query_params) == {"page": "indikator", "indicator": "ventetid_somatik", "period": "2023K1"}

    at.selectbox(key="nt_goal_area").set_value(7).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Middellevetid"]
    assert at.selectbox(key="nt_period").value == "2022"


def test_a_bad_deep_link_falls_back_without_an_error(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="findes_ikke", period="1999K9")
    assert at.title[0].value == "Overholdelse af udredningsretten (somatik)"  # first indicator with data
    assert at.selectbox(key="nt_period").value == "2023K1"  # the latest period


def test_a_period_without_data_falls_back_to_the_latest(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="middellevetid", period="2023K1")
    assert at.selectbox(key="nt_period").value == "2022"


def test_highlighted_region_is_kept_in_the_link(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1",
                 region="syddanmark")
    assert at.selectbox(key="nt_region").value == "syddanmark"
    timeseries, _ = charts(at)
    assert timeseries["data"][-1]["meta"]["region_id"] == "syddanmark"


def test_traceability_names_the_file(monkeypatch, synthetic_warehouse):
    at = run_app(monkeypatch, synthetic_warehouse, indicator="udredningsret_somatik", period="2023K1")
    # the charts' "Vis som tabel" (each chart's numbers) come first, then the traceability
    assert [e.label for e in at.expander] == ["Vis som tabel", "Vis som tabel", "Datagrundlag og sporbarhed"]
    expander = at.expander[-1]
    trace = "\n".join(m.value for m in expander.markdown)
    assert "Data fra `noegletal_test.csv` (sha256 `" in trace
    assert "indlæst " in trace and "18 værdier, 2022 K1–2023 K1" in trace


def test_missing_warehouse_says_what_to_run(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "findes_ikke.duckdb")
    assert "findes ikke" in at.error[0].value
    assert any("noegletal demo" in c.value for c in at.code)
    assert not at.title


def test_unbuilt_warehouse_says_what_to_run(monkeypatch, tmp_path):
    db = tmp_path / "tom.duckdb"
    with connect(db) as con:
        ensure_raw_schema(con)
    at = run_app(monkeypatch, db)
    assert "ikke bygget" in at.error[0].value
    assert any("noegletal demo" in c.value for c in at.code)


def test_embargoed_values_are_not_shown_publicly(monkeypatch, synthetic_warehouse):
    monkeypatch.delenv("NOEGLETAL_AUDIENCE", raising=False)
    at = run_app(monkeypatch, synthetic_warehouse, indicator="ventetid_somatik")
    assert at.selectbox(key="nt_period").options == ["1. kvt. 2023"]
    assert not [e for e in at.error if "FORTROLIGT" in e.value]


def test_preparation_mode_shows_embargoed_values_marked_fortroligt(monkeypatch, synthetic_warehouse):
    monkeypatch.setenv("NOEGLETAL_AUDIENCE", "fortrolig")
    at = run_app(monkeypatch, synthetic_warehouse, indicator="ventetid_somatik")
    assert "FORTROLIGT" in at.error[0].value
    assert at.selectbox(key="nt_period").value == "2023K2"
    assert metrics(at)["Nordjylland"] == ("47 dage", None)


def test_a_rebuilt_warehouse_is_picked_up_without_a_restart(
    monkeypatch, tmp_path, real_warehouse, synthetic_warehouse
):
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(real_warehouse, db)
    at = run_app(monkeypatch, db, indicator="udredningsret_somatik", period="2023K1")
    assert not at.warning
    assert metrics(at)["Hele landet"] == ("74 pct.", None)

    shutil.copyfile(synthetic_warehouse, db.with_suffix(".new"))
    os.replace(db.with_suffix(".new"), db)  # as a rebuild swaps the file in
    at.run()
    assert not at.exception
    assert "SYNTETISKE DATA" in at.warning[0].value
    assert metrics(at)["Hele landet"] == ("74 pct.", "-3 pct.-point")
