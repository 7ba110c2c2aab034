"""The forecast towards the target on the shared time-series builder (dashboard and packs alike):
a dashed continuation from the last fitted value with its 80 % interval shaded."""

from __future__ import annotations

from noegletal.figures.timeseries import timeseries_figure

INDICATOR = {
    "indicator_id": "kraeftpakker_standardforloebstid", "name_da": "Kræftpakker", "unit": "pct", "decimals": 0,
    "direction": "higher_is_better", "frequency": "quarter", "target": 90.0, "series_break": None,
}
VALUES = [
    {"region_id": "hele_landet", "period": p, "value": v, "series_segment": 1}
    for p, v in [("2022K2", 74), ("2022K3", 76), ("2022K4", 78), ("2023K1", 80)]
]
FORECAST = [
    {"region_id": "hele_landet", "fitted_to_period": "2023K1", "latest_value": 80.0, "forecast_period": p,
     "forecast": f, "pi80_low": f - 2 * h, "pi80_high": f + 2 * h}
    for h, (p, f) in enumerate([("2023K2", 82.0), ("2023K3", 84.0)], start=1)
]


def traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def test_forecast_is_a_dashed_continuation_over_a_shaded_interval():
    fig = timeseries_figure(VALUES, INDICATOR, forecast=FORECAST)
    (line,) = traces(fig, "forecast")
    (band,) = traces(fig, "forecast_band")
    assert line.line.dash == "dash"
    assert list(line.x) == ["2023 K1", "2023 K2", "2023 K3"]  # from the last fitted value on
    assert list(line.y) == [80.0, 82.0, 84.0]
    assert list(band.y) == [80.0, 84.0, 88.0, 80.0, 80.0, 80.0]  # out along the highs, back along the lows
    assert band.fill == "toself"
    assert [t.name for t in fig.data].index("80 %-interval") < [t.name for t in fig.data].index("Fremskrivning")
    # the axis runs on to the forecast's last period
    assert list(fig.layout.xaxis.categoryarray)[-2:] == ["2023 K2", "2023 K3"]


def test_no_forecast_no_traces_and_the_axis_ends_with_the_data():
    fig = timeseries_figure(VALUES, INDICATOR)
    assert not traces(fig, "forecast") and not traces(fig, "forecast_band")
    assert list(fig.layout.xaxis.categoryarray)[-1] == "2023 K1"
