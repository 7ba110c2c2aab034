"""The shared figure builders: time series and distance to best, from small hand-made frames."""

import polars as pl
import pytest

from noegletal import catalog
from noegletal.figures import distance_figure, timeseries_figure
from noegletal.figures.palette import REGION_COLORS, REGION_ORDER, REGION_STYLES
from noegletal.figures.timeseries import HIGHLIGHT_SIZE, MARKER_SIZE

REGIONS = list(REGION_ORDER)


def values_frame(periods, value_of, *, provisional=(), segment_of=None, suspended=()):
    rows = []
    for i, period in enumerate(periods):
        for j, region in enumerate(REGIONS):
            value = value_of(i, j)
            if value is None:
                continue
            rows.append(
                {
                    "indicator_id": "x",
                    "region_id": region,
                    "period": period,
                    "value": float(value),
                    "denominator": 1000.0 + 100 * j,
                    "is_provisional": period in provisional,
                    "is_suspended": period in suspended,
                    "series_segment": segment_of(period) if segment_of else 1,
                }
            )
    return pl.DataFrame(rows)


def indicator(**overrides):
    base = {
        "indicator_id": "udredningsret_somatik",
        "name_da": "Overholdelse af udredningsretten (somatik)",
        "unit": "pct",
        "decimals": 0,
        "direction": "higher_is_better",
        "frequency": "quarter",
        "target": None,
        "target_note": "",
        "series_break": None,
        "volume_label_da": "henviste patienter",
        "notes_da": "",
        "source": "Sundhedsdatastyrelsen",
    }
    return {**base, **overrides}


QUARTERS = ["2022K1", "2022K2", "2022K3", "2022K4", "2023K1"]


def region_traces(fig):
    return {t.meta["region_id"]: t for t in fig.data if t.meta and t.meta.get("role") == "region"}


def shapes(fig, name):
    return [s for s in fig.layout.shapes if s.name == name]


def annotations(fig, name):
    return [a for a in fig.layout.annotations if a.name == name]


# --- time series ----------------------------------------------------------------------------


@pytest.fixture
def quarterly():
    return values_frame(QUARTERS, lambda i, j: 60 + 5 * j + i)


def test_one_trace_per_region_in_fixed_order_with_fixed_colours(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None)
    traces = region_traces(fig)
    assert len(fig.data) == 6
    assert [t.meta["region_id"] for t in fig.data] == REGIONS
    assert [t.name for t in fig.data] == [
        "Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland", "Hele landet",
    ]
    for region, trace in traces.items():
        assert trace.line.color == REGION_COLORS[region]
        assert trace.line.dash == REGION_STYLES[region].dash
    assert REGION_COLORS == {
        "hovedstaden": "#0072B2",
        "sjaelland": "#009E73",
        "syddanmark": "#D55E00",
        "midtjylland": "#CC79A7",
        "nordjylland": "#E69F00",
        "hele_landet": "#000000",
    }
    # colour is not the only cue: every region has its own dash and marker
    assert len({s.symbol for s in REGION_STYLES.values()}) == 6


def test_hele_landet_is_black_and_thicker(quarterly):
    traces = region_traces(timeseries_figure(quarterly, indicator(), None))
    national = traces["hele_landet"]
    assert national.line.color == "#000000"
    assert all(national.line.width > t.line.width for r, t in traces.items() if r != "hele_landet")


def test_x_axis_is_period_labels_in_time_order(quarterly):
    fig = timeseries_figure(quarterly.reverse(), indicator(), None)  # input order does not matter
    assert list(fig.layout.xaxis.categoryarray) == ["2022 K1", "2022 K2", "2022 K3", "2022 K4", "2023 K1"]
    assert list(region_traces(fig)["hovedstaden"].x) == ["2022 K1", "2022 K2", "2022 K3", "2022 K4", "2023 K1"]
    assert fig.layout.yaxis.title.text == "pct."


def test_latest_and_comparison_points_are_highlighted(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None, highlight_period="2023K1", comparison_period="2022K1")
    for trace in region_traces(fig).values():
        sizes = dict(zip(trace.x, trace.marker.size))
        assert sizes["2023 K1"] >= HIGHLIGHT_SIZE
        assert sizes["2022 K1"] >= HIGHLIGHT_SIZE
        assert sizes["2022 K3"] == MARKER_SIZE


def test_comparison_defaults_to_a_year_before_the_highlighted_period(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None, highlight_period="2022K4")
    sizes = dict(zip(region_traces(fig)["sjaelland"].x, region_traces(fig)["sjaelland"].marker.size))
    assert sizes["2022 K4"] >= HIGHLIGHT_SIZE
    assert sizes["2023 K1"] == MARKER_SIZE


def test_series_break_leaves_a_gap_and_a_labelled_line():
    years = ["2019", "2020", "2021", "2022", "2023"]
    frame = values_frame(years, lambda i, j: 80 + i + j, segment_of=lambda p: 2 if p >= "2022" else 1)
    fig = timeseries_figure(frame, indicator(frequency="year", series_break="2022"), None)
    for trace in region_traces(fig).values():
        assert list(trace.x) == ["2019", "2020", "2021", "2022", "2022", "2023"]
        assert trace.y[3] is None  # the gap: the line stops before the break
        assert trace.y[4] is not None
        assert trace.connectgaps is False
    (line,) = shapes(fig, "series_break")
    assert line.x0 == line.x1 == 2.5  # between 2021 (index 2) and 2022 (index 3)
    assert [a.text for a in annotations(fig, "series_break")] == ["Databrud"]


def test_comparison_across_a_series_break_is_not_highlighted():
    years = ["2020", "2021", "2022"]
    frame = values_frame(years, lambda i, j: 80 + i + j, segment_of=lambda p: 2 if p >= "2022" else 1)
    fig = timeseries_figure(frame, indicator(frequency="year", series_break="2022"), None)
    trace = region_traces(fig)["hovedstaden"]
    sizes = [s for x, y, s in zip(trace.x, trace.y, trace.marker.size) if y is not None]
    assert sizes == [MARKER_SIZE, MARKER_SIZE, HIGHLIGHT_SIZE]


def test_no_series_break_no_gap(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None)
    assert all(None not in list(t.y) for t in fig.data)
    assert not shapes(fig, "series_break")


def test_target_line_only_with_target(quarterly):
    without = timeseries_figure(quarterly, indicator(), None)
    assert not shapes(without, "target")
    with_target = timeseries_figure(quarterly, indicator(target=90.0), None)
    (line,) = shapes(with_target, "target")
    assert line.y0 == line.y1 == 90.0
    assert line.line.dash == "dash"
    assert [a.text for a in annotations(with_target, "target")] == ["Måltal: 90 pct."]
    assert with_target.layout.yaxis.range[1] >= 90.0  # the target is inside the plot


def test_provisional_points_have_an_open_marker_and_say_so(quarterly):
    frame = values_frame(QUARTERS, lambda i, j: 70 + i, provisional={"2023K1"})
    trace = region_traces(timeseries_figure(frame, indicator(), None))["midtjylland"]
    symbols = dict(zip(trace.x, trace.marker.symbol))
    assert symbols["2023 K1"] == "triangle-up-open"
    assert symbols["2022 K4"] == "triangle-up"
    hover = dict(zip(trace.x, trace.customdata))
    assert "foreløbigt, før efterregistreringer" in hover["2023 K1"][4]
    assert "foreløbigt" not in hover["2022 K4"][4]


def test_hover_shows_region_period_value_and_volume(quarterly):
    trace = region_traces(timeseries_figure(quarterly, indicator(), None))["sjaelland"]
    name, period, value, volume, _ = dict(zip(trace.x, trace.customdata))["2023 K1"]
    assert name == "Region Sjælland"
    assert period == "1. kvt. 2023"
    assert value == "69 pct."  # 60 + 5*1 + 4
    assert volume == "<br>1.100 henviste patienter"
    assert "%{customdata[0]}" in trace.hovertemplate


def test_suspended_periods_are_shaded_and_labelled(quarterly):
    suspensions = pl.DataFrame(
        {"indicator_id": ["udredningsret_somatik"] * 2, "period_from": ["2020K1", "2022K2"],
         "period_to": ["2022K1", "2022K2"], "note_da": ["", ""]}
    )
    fig = timeseries_figure(quarterly, indicator(), suspensions)
    rects = shapes(fig, "suspension")
    # clipped to the periods shown: 2022K1 only (index 0), and 2022K2 (index 1)
    assert [(r.x0, r.x1) for r in rects] == [(-0.5, 0.5), (0.5, 1.5)]
    assert [a.text for a in annotations(fig, "suspension")] == ["Udredningsret suspenderet"]


def test_direction_arrow_points_the_desired_way(quarterly):
    (up,) = annotations(timeseries_figure(quarterly, indicator(), None), "direction")
    (down,) = annotations(timeseries_figure(quarterly, indicator(direction="lower_is_better"), None), "direction")
    assert "Ønsket" in up.text and up.showarrow
    assert up.ay > 0 > down.ay  # tail below the head = pointing up


def test_layout_is_danish_white_and_readable(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None)
    assert fig.layout.separators == ",."
    assert fig.layout.font.size >= 14
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.plot_bgcolor == "white"


def test_region_without_data_is_named_in_the_legend():
    frame = values_frame(QUARTERS, lambda i, j: None if j == 4 else 70)
    trace = region_traces(timeseries_figure(frame, indicator(), None))["nordjylland"]
    assert trace.name == "Nordjylland (ingen data)"
    assert len(trace.x) == 0


def test_no_data_at_all_gives_an_empty_figure_not_an_error():
    fig = timeseries_figure(pl.DataFrame(), indicator(), None)
    assert fig.layout.annotations[0].text == "ingen data"


def test_highlight_region_fades_the_other_regions(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None, highlight_region="syddanmark")
    traces = region_traces(fig)
    assert traces["syddanmark"].opacity == 1.0
    assert traces["hele_landet"].opacity == 1.0
    assert traces["hovedstaden"].opacity < 1.0
    assert fig.data[-1].meta["region_id"] == "syddanmark"  # drawn on top


def test_accepts_a_catalog_indicator(quarterly):
    fig = timeseries_figure(quarterly, catalog.indicators()["kraeftpakker_standardforloebstid"], None)
    assert [a.text for a in annotations(fig, "target")] == ["Måltal: 90 pct."]


# --- distance to best -----------------------------------------------------------------------

NOW = {"hovedstaden": 18.0, "sjaelland": 27.0, "syddanmark": 27.0, "midtjylland": 10.0, "nordjylland": 0.0,
       "hele_landet": 16.0}
BEFORE = {"hovedstaden": 18.0, "sjaelland": 18.0, "syddanmark": 11.0, "midtjylland": 4.0, "nordjylland": 0.0,
          "hele_landet": 10.0}


def distance_frame(now=NOW, before=BEFORE):
    rows = []
    for region in REGIONS:
        n, b = now.get(region), before.get(region)
        change = None if n is None or b is None else n - b
        movement = (
            None if change is None
            else "uændret" if change == 0
            else "henter ind" if change < 0
            else "lægger afstand"
        )
        rows.append({"region_id": region, "distance_to_best": n, "distance_to_best_year_ago": b,
                     "distance_change": change, "movement": movement})
    return pl.DataFrame(rows, schema_overrides={"distance_to_best": pl.Float64,
                                                 "distance_to_best_year_ago": pl.Float64,
                                                 "distance_change": pl.Float64})


def by_role(fig, role):
    return [t for t in fig.data if t.meta and t.meta.get("role") == role]


def test_dots_are_todays_distances_in_region_order():
    fig = distance_figure(distance_frame(), indicator(), "2023K1", "2022K1")
    (dots,) = by_role(fig, "dots")
    assert list(dots.x) == [NOW[r] for r in REGIONS]
    assert list(dots.y) == ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland", "Hele landet"]
    assert list(dots.marker.color) == [REGION_COLORS[r] for r in REGIONS]
    assert list(fig.layout.yaxis.categoryarray) == list(dots.y)
    assert fig.layout.yaxis.autorange == "reversed"  # Hovedstaden on top


def test_lines_run_from_the_year_ago_distance_to_today():
    fig = distance_figure(distance_frame(), indicator(), "2023K1", "2022K1")
    lines = {t.meta["region_id"]: t for t in by_role(fig, "change")}
    assert set(lines) == set(REGIONS)
    for region, line in lines.items():
        assert list(line.x) == [BEFORE[region], NOW[region]]
        assert line.line.color == REGION_COLORS[region]


def test_distance_axis_starts_at_zero_with_unit_title():
    fig = distance_figure(distance_frame(), indicator(), "2023K1", "2022K1")
    assert fig.layout.xaxis.range[0] == 0
    assert fig.layout.xaxis.range[1] > 27
    assert fig.layout.xaxis.title.text == "Afstand til bedste (pct.-point)"
    days = distance_figure(distance_frame(), indicator(unit="dage", direction="lower_is_better"), "2023K1", "2022K1")
    assert days.layout.xaxis.title.text == "Afstand til bedste (dage)"


def test_distance_caption_and_hover_are_danish():
    fig = distance_figure(distance_frame(), indicator(), "2023K1", "2022K1")
    (caption,) = annotations(fig, "caption")
    assert "Prik: afstand til bedste i 1. kvt. 2023." in caption.text
    assert "Streg: ændring siden 1. kvt. 2022." in caption.text
    assert "Streg før prik = henter ind" in caption.text
    (dots,) = by_role(fig, "dots")
    hover = dict(zip(dots.y, dots.customdata))
    assert hover["Syddanmark"] == [
        "Region Syddanmark", "1. kvt. 2023: 27 pct.-point", "1. kvt. 2022: 11 pct.-point",
        "lægger afstand (+16 pct.-point)",
    ]
    assert hover["Nordjylland"][3] == "uændret"


def test_region_without_data_shows_ingen_data_at_zero():
    now = {**NOW, "nordjylland": None}
    fig = distance_figure(distance_frame(now=now), indicator(), "2023K1", "2022K1")
    (dots,) = by_role(fig, "dots")
    assert "Nordjylland" not in list(dots.y)
    (text,) = by_role(fig, "no_data")
    assert list(text.x) == [0] and list(text.y) == ["Nordjylland"] and list(text.text) == ["ingen data"]
    assert "nordjylland" not in {t.meta["region_id"] for t in by_role(fig, "change")}


def test_missing_regions_rows_and_no_comparison():
    frame = distance_frame(before={}).filter(pl.col("region_id") != "midtjylland")
    fig = distance_figure(frame, indicator(), "2022", "2021")
    assert not by_role(fig, "change")
    (text,) = by_role(fig, "no_data")
    assert list(text.y) == ["Midtjylland"]
    (caption,) = annotations(fig, "caption")
    assert "ingen sammenlignelige tal" in caption.text


def test_empty_distance_rows():
    fig = distance_figure(pl.DataFrame(), indicator(), None, None)
    (text,) = by_role(fig, "no_data")
    assert len(text.y) == 6
    assert fig.layout.separators == ",."


def test_provisional_marker_is_explained_in_the_legend(quarterly):
    assert not [t for t in timeseries_figure(quarterly, indicator(), None).data if t.meta["role"] != "region"]
    frame = values_frame(QUARTERS, lambda i, j: 70 + i, provisional={"2023K1"})
    fig = timeseries_figure(frame, indicator(), None)
    (legend,) = [t for t in fig.data if t.meta["role"] == "legend_provisional"]
    assert legend.name == "Foreløbigt tal"
    assert legend.marker.symbol == "circle-open"


def test_legend_order_is_fixed_when_a_region_is_highlighted(quarterly):
    fig = timeseries_figure(quarterly, indicator(), None, highlight_region="syddanmark")
    ranked = sorted(region_traces(fig).values(), key=lambda t: t.legendrank)
    assert [t.meta["region_id"] for t in ranked] == REGIONS
    assert region_traces(fig)["syddanmark"].line.width > REGION_STYLES["syddanmark"].width


def test_suppressed_values_are_gaps_not_errors():
    frame = values_frame(QUARTERS, lambda i, j: 70 + i).with_columns(
        value=pl.when(pl.col("period") == "2022K3").then(None).otherwise(pl.col("value"))
    )
    trace = region_traces(timeseries_figure(frame, indicator(), None))["hovedstaden"]
    assert dict(zip(trace.x, trace.y))["2022 K3"] is None
    all_missing = frame.with_columns(value=pl.lit(None, dtype=pl.Float64))
    fig = timeseries_figure(all_missing, indicator(), None)
    assert list(fig.layout.yaxis.range) == [0.0, 100.0]


def with_intervals(frame: pl.DataFrame, missing=()) -> pl.DataFrame:
    """value ± 2 as the 95 % interval of every region (not hele landet), except the (region, period)s in `missing`."""
    keep = pl.lit(True)
    for region, period in missing:
        keep = keep & ~((pl.col("region_id") == region) & (pl.col("period") == period))
    has = (pl.col("region_id") != "hele_landet") & keep
    return frame.with_columns(
        ci95_low=pl.when(has).then(pl.col("value") - 2),
        ci95_high=pl.when(has).then(pl.col("value") + 2),
    )


def bands(fig):
    return [t for t in fig.data if t.meta and t.meta.get("role") == "interval_band"]


def test_highlighted_region_has_its_interval_band_beneath_its_line(quarterly):
    frame = with_intervals(quarterly)
    assert not bands(timeseries_figure(frame, indicator(), None))  # no band without a highlighted region
    fig = timeseries_figure(frame, indicator(), None, highlight_region="syddanmark")
    (band,) = bands(fig)
    # Syddanmark (j = 2): 70, 71, 72, 73, 74; out along the upper bounds, back along the lower ones
    assert list(band.x) == [*["2022 K1", "2022 K2", "2022 K3", "2022 K4", "2023 K1"],
                            *["2023 K1", "2022 K4", "2022 K3", "2022 K2", "2022 K1"], None]
    assert list(band.y) == [72, 73, 74, 75, 76, 72, 71, 70, 69, 68, None]
    assert band.fill == "toself" and band.fillcolor == "rgba(213, 94, 0, 0.18)"  # Syddanmark's colour
    assert band.name == "95 %-interval, Syddanmark"
    order = [t.meta.get("region_id") for t in fig.data if t.meta]
    assert order[-2:] == ["syddanmark", "syddanmark"] and fig.data[-1].meta["role"] == "region"
    # the hover of every region's points gives the interval, with one decimal for whole percents
    sjaelland = region_traces(fig)["sjaelland"]
    _, _, value, volume, _ = dict(zip(sjaelland.x, sjaelland.customdata))["2023 K1"]
    assert value == "69 pct." and volume == "<br>95 %-interval: 67,0–71,0 pct.<br>1.100 henviste patienter"
    assert not bands(timeseries_figure(frame, indicator(), None, highlight_region="hele_landet"))


def test_interval_band_never_crosses_a_gap_or_a_series_break():
    years = ["2018", "2019", "2020", "2021", "2022", "2023"]
    frame = values_frame(years, lambda i, j: 80 + i + j, segment_of=lambda p: 2 if p >= "2022" else 1)
    frame = with_intervals(frame, missing=[("hovedstaden", "2019")])
    fig = timeseries_figure(frame, indicator(frequency="year", series_break="2022"), None, highlight_region="hovedstaden")
    (band,) = bands(fig)
    # three shapes: 2018 alone, 2020–2021, 2022–2023 (after the break)
    assert list(band.x) == ["2018", "2018", None, "2020", "2021", "2021", "2020", None,
                            "2022", "2023", "2023", "2022", None]
    assert list(band.y) == [82, 78, None, 84, 85, 81, 80, None, 86, 87, 83, 82, None]
