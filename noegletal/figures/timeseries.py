"""'Udvikling over tid': one line per region and hele landet, in the board appendix's format.

- every region has its fixed colour, dash and marker; hele landet is black and thicker;
- the latest period and the comparison period a year earlier are drawn with large markers
  ("Fremhævede punkter angiver sammenligningstidspunktet for et år siden");
- an arrow in the margin shows the desired direction ("Ønsket udvikling");
- a dashed line marks the target (måltal) where the regions have agreed one;
- periods in which the patient right was suspended are shaded grey;
- lines never cross a series break: the trace holds a gap (None) and a dotted line says "Databrud";
- provisional values have hollow markers and say so on hover;
- where numerator and denominator are known (rows with ci95_low/ci95_high), the hover gives each
  value's 95 % interval, and the highlighted region's interval is drawn as a band in its colour,
  so the reader sees whether its distance to the others is more than chance.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import base_figure, indicator_meta, records, region_names
from noegletal.figures.timeseries_marks import (
    add_direction_arrow,
    add_series_break,
    add_suspensions,
    add_target,
    parse_or_none,
    suspension_label,
)
from noegletal.figures.palette import (
    MUTED_TEXT_COLOR,
    NATIONAL,
    REGION_ORDER,
    open_symbol,
    region_rank,
    region_style,
    transparent,
)
from noegletal.formatting import (
    axis_title,
    format_count,
    format_interval,
    format_number,
    format_value,
    period_long_label,
    shown_decimals,
)
from noegletal.periods import Period, period_range

MARKER_SIZE = 6
HIGHLIGHT_SIZE = 14
PROVISIONAL_NOTE = "foreløbigt, før efterregistreringer"
FADED_OPACITY = 0.3


_parse = parse_or_none  # a period code, or None where there is none or it does not parse


def timeseries_figure(
    values: Any,
    indicator: Any,
    suspensions: Any = None,
    highlight_period: str | None = None,
    comparison_period: str | None = None,
    highlight_region: str | None = None,
    title: str | None = None,
    height: int = 540,
    forecast: Any = None,
) -> go.Figure:
    """The development over time of one indicator.

    values: rows of fct_indicator_value for one indicator (region_id, period, value, denominator,
        is_provisional, is_suspended, series_segment; region_name_da/region_short_name_da if joined;
        ci95_low/ci95_high from mart_region_comparison if joined).
    indicator: a dim_indicator row (dict), or a catalog.Indicator.
    suspensions: rows of dim_indicator_suspension (period_from, period_to) for the indicator.
    highlight_period: the period shown as "now" (default: the latest period with data).
    comparison_period: the period a year earlier (default: highlight_period a year back).
    highlight_region: draw this region on top with its 95 % interval band, and fade the other
        regions (hele landet stays).
    forecast: rows of mart_target_forecast for one series and origin (forecast_period, forecast,
        pi80_low, pi80_high, fitted_to_period, latest_value, region_id): drawn as a dashed
        continuation from the last fitted value with its 80 % prediction interval shaded.
    """
    meta = indicator_meta(indicator)
    rows = [r for r in records(values) if _parse(r.get("period")) is not None]
    fig = base_figure(height, title=title)
    periods = sorted({_parse(r["period"]) for r in rows})
    if not periods:
        return _no_data(fig)
    forecast_rows = _drawn_forecast(forecast)
    axis = period_range(periods[0], max([periods[-1]] + [_parse(r["forecast_period"]) for r in forecast_rows]))
    labels = [p.label for p in axis]
    position = {p.code: i for i, p in enumerate(axis)}
    now = _parse(highlight_period) or periods[-1]
    before = _parse(comparison_period) or now.year_ago()

    _add_regions(fig, rows, axis, {now.code, before.code}, meta, highlight_region)
    if any(r.get("is_provisional") and r.get("value") is not None for r in rows):
        # explain the hollow markers in the legend (the figure may be shown without hover, on paper)
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name="Foreløbigt tal",
                marker=dict(symbol="circle-open", size=11, color=MUTED_TEXT_COLOR, line=dict(width=2)),
                hoverinfo="skip", legendrank=200, meta={"role": "legend_provisional"},
            )
        )
    if forecast_rows:
        for trace in _forecast_traces(forecast_rows, meta):
            fig.add_trace(trace)
    add_suspensions(fig, suspensions, meta, position)
    add_series_break(fig, rows, meta, axis, position)
    add_target(fig, meta)
    add_direction_arrow(fig, meta)
    _layout(fig, labels, rows, meta, highlight_region, title)
    return fig


def _no_data(fig: go.Figure) -> go.Figure:
    fig.add_annotation(
        text="ingen data", xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
        font=dict(size=20, color=MUTED_TEXT_COLOR),
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _drawn_forecast(forecast: Any) -> list[dict]:
    """No line where the series' own backtest found no forecast better than its last value (dbt's
    forecast_method)."""
    return [
        r for r in records(forecast)
        if _parse(r.get("forecast_period")) is not None and r.get("forecast_method") != "seneste værdi"
    ]


def _add_regions(
    fig: go.Figure, rows: list[dict], axis: list[Period], highlighted: set[str], meta: dict, highlight_region: str | None,
) -> None:
    """A line per region and hele landet; the highlighted region over its interval band, on top."""
    names = region_names(rows)
    by_region: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_region.setdefault(r["region_id"], {})[_parse(r["period"]).code] = r
    region_ids = sorted(set(REGION_ORDER) | set(by_region), key=region_rank)
    faded = {
        region for region in region_ids
        if highlight_region and highlight_region in by_region and region not in (highlight_region, NATIONAL)
    }
    for region in region_ids:
        if region == highlight_region and region != NATIONAL:
            band = _interval_band(region, by_region.get(region, {}), axis, names)
            if band is not None:
                fig.add_trace(band)  # before the region's line: drawn beneath it
        fig.add_trace(
            _region_trace(
                region, by_region.get(region, {}), axis, highlighted, meta, names,
                faded=region in faded, emphasised=region == highlight_region,
            )
        )
    if highlight_region in by_region:
        # draw the highlighted region last (on top) without changing the legend order
        fig.data = [t for t in fig.data if t.meta.get("region_id") != highlight_region] + [
            t for t in fig.data if t.meta.get("region_id") == highlight_region
        ]


def _layout(fig: go.Figure, labels: list[str], rows: list[dict], meta: dict, highlight_region, title) -> None:
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=labels, tickangle=-45 if len(labels) > 12 else 0,
        range=[-0.5, len(labels) - 0.5],
    )
    fig.update_yaxes(title_text=axis_title(meta["unit"]), range=_y_range(rows, meta, highlight_region))
    fig.update_layout(
        legend=dict(
            orientation="h", yanchor="top", y=-0.22 if len(labels) > 12 else -0.12, xanchor="center", x=0.5,
            traceorder="normal", font=dict(size=14), itemwidth=30, entrywidth=112, entrywidthmode="pixels",
        ),
        margin=dict(l=70, r=120, t=60 if not title else 90, b=40),
        hovermode="closest",
    )


def _forecast_traces(rows: list[dict], meta: dict) -> list[go.Scatter]:
    """The forecast as a dashed continuation of the series from its last fitted value, over a
    shaded 80 % prediction interval (the band first, so the line is drawn on top)."""
    rows = sorted(rows, key=lambda r: _parse(r["forecast_period"]))
    start = _parse(rows[0]["fitted_to_period"])
    color = region_style(rows[0].get("region_id") or NATIONAL).color
    xs = [start.label] + [_parse(r["forecast_period"]).label for r in rows]
    ys = [rows[0]["latest_value"]] + [r["forecast"] for r in rows]
    lows = [rows[0]["latest_value"]] + [r["pi80_low"] for r in rows]
    highs = [rows[0]["latest_value"]] + [r["pi80_high"] for r in rows]
    unit, decimals = meta["unit"], meta["decimals"]
    hover = [
        f"{_parse(r['forecast_period']).long_label}: {format_value(r['forecast'], unit, decimals)} "
        f"(80 %: {format_value(r['pi80_low'], unit, decimals)} – {format_value(r['pi80_high'], unit, decimals)})"
        for r in rows
    ]
    band = go.Scatter(
        x=xs + xs[::-1], y=highs + lows[::-1], mode="lines", fill="toself", fillcolor=transparent(color, 0.15),
        line=dict(width=0, color=color), hoverinfo="skip", name="80 %-interval",
        legendrank=160, meta={"role": "forecast_band"},
    )
    line = go.Scatter(
        x=xs, y=ys, mode="lines", line=dict(color=color, dash="dash", width=2.5), name="Fremskrivning",
        customdata=[""] + hover, hovertemplate="%{customdata}<extra>Fremskrivning</extra>",
        legendrank=159, meta={"role": "forecast"},
    )
    return [band, line]


def _region_trace(
    region: str,
    points: dict[str, dict],
    axis: list[Period],
    highlighted: set[str],
    meta: dict,
    names: dict[str, tuple[str, str]],
    faded: bool,
    emphasised: bool = False,
) -> go.Scatter:
    style = region_style(region)
    name, short = names.get(region, (region, region))
    xs, ys, sizes, symbols, outline, custom = _points(region, points, axis, highlighted, meta, name)
    label = short if points else f"{short} (ingen data)"
    return go.Scatter(
        x=xs,
        y=ys,
        name=label,
        legendgroup=region,
        legendrank=100 + region_rank(region),  # fixed legend order even when a region is drawn on top
        mode="lines+markers",
        connectgaps=False,
        opacity=FADED_OPACITY if faded else 1.0,
        line=dict(color=style.color, dash=style.dash, width=style.width + (1.5 if emphasised else 0)),
        marker=dict(
            color=style.color, size=sizes, symbol=symbols,
            line=dict(color=outline, width=[2 if c != "white" else 1 for c in outline]),
        ),
        customdata=custom,
        hovertemplate=(
            "<b>%{customdata[0]}</b><br>%{customdata[1]}: <b>%{customdata[2]}</b>"
            "%{customdata[3]}%{customdata[4]}<extra></extra>"
        ),
        meta={"role": "region", "region_id": region},
    )


def _points(
    region: str, points: dict[str, dict], axis: list[Period], highlighted: set[str], meta: dict, name: str,
) -> tuple[list, list, list, list, list, list]:
    """The line's points along the axis (x, y, marker size, symbol, outline, hover data): a gap
    (None) for a missing period and at a series break, large markers at the compared periods,
    hollow ones for provisional values."""
    style = region_style(region)
    national = region == NATIONAL
    xs, ys, sizes, symbols, outline, custom = [], [], [], [], [], []
    previous_segment = None

    def add(x, y, size, symbol, line_color, data):
        xs.append(x)
        ys.append(y)
        sizes.append(size)
        symbols.append(symbol)
        outline.append(line_color)
        custom.append(data)

    blank = [name, "", "", "", ""]
    # the comparison point is highlighted only where a comparison is valid: same series segment
    now_code = max(highlighted, key=lambda c: _parse(c))
    now_segment = (points.get(now_code) or {}).get("series_segment")
    for period in axis:
        row = points.get(period.code)
        if row is None or row.get("value") is None:
            if points:  # a missing period breaks the line rather than bridging it
                add(period.label, None, MARKER_SIZE, style.symbol, style.color, blank)
            continue
        segment = row.get("series_segment")
        if previous_segment is not None and segment is not None and segment != previous_segment:
            # never join a line across a series break
            add(period.label, None, MARKER_SIZE, style.symbol, style.color, blank)
        previous_segment = segment
        provisional = bool(row.get("is_provisional"))
        comparable = period.code == now_code or now_segment is None or segment in (None, now_segment)
        size = HIGHLIGHT_SIZE + (2 if national else 0) if period.code in highlighted and comparable else MARKER_SIZE
        symbol = open_symbol(style.symbol) if provisional else style.symbol
        add(period.label, row["value"], size, symbol, style.color if provisional else "white",
            _hover_data(name, period, row, meta, provisional))
    return xs, ys, sizes, symbols, outline, custom


def _interval_band(
    region: str, points: dict[str, dict], axis: list[Period], names: dict[str, tuple[str, str]],
) -> go.Scatter | None:
    """The region's 95 % intervals as a shaded band: one closed shape per run of consecutive
    periods with an interval in the same series segment (never across a gap or a break)."""
    runs: list[list[tuple[str, float, float]]] = []
    previous_segment = None
    for period in axis:
        row = points.get(period.code) or {}
        low, high = row.get("ci95_low"), row.get("ci95_high")
        if low is None or high is None or row.get("value") is None:
            previous_segment = None
            runs.append([])
            continue
        segment = row.get("series_segment")
        if not runs or (previous_segment is not None and segment != previous_segment):
            runs.append([])
        runs[-1].append((period.label, float(low), float(high)))
        previous_segment = segment
    runs = [run for run in runs if run]
    if not runs:
        return None
    xs: list = []
    ys: list = []
    for run in runs:
        # out along the upper bounds and back along the lower ones; None separates the shapes
        xs += [x for x, _, _ in run] + [x for x, _, _ in reversed(run)] + [None]
        ys += [hi for _, _, hi in run] + [lo for _, lo, _ in reversed(run)] + [None]
    color = region_style(region).color
    return go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=transparent(color, 0.18),
        line=dict(width=0, color=color), hoverinfo="skip",
        name=f"95 %-interval, {names.get(region, (region, region))[1]}",
        legendrank=150, showlegend=True, meta={"role": "interval_band", "region_id": region},
    )


def _hover_data(name: str, period: Period, row: dict, meta: dict, provisional: bool) -> list[str]:
    decimals = shown_decimals(row, meta)  # the period's (named query indicator_values: value_decimals)
    value = format_value(row.get("value"), meta["unit"], decimals)
    denominator = row.get("denominator")
    if denominator is None:
        volume = ""
    elif meta["volume_label_da"]:
        volume = "<br>" + format_count(denominator, meta["volume_label_da"])
    else:
        volume = "<br>Volumen: " + format_number(denominator)
    if row.get("ci95_low") is not None and row.get("ci95_high") is not None:
        volume = "<br>95 %-interval: " + format_interval(row["ci95_low"], row["ci95_high"], meta["unit"], decimals) + volume
    notes = []
    if provisional:
        notes.append(PROVISIONAL_NOTE)
    if row.get("is_suspended"):
        notes.append(suspension_label(meta["indicator_id"]).lower())
    note = "".join(f"<br><i>{n}</i>" for n in notes)
    return [name, period_long_label(period.code), value, volume, note]


def _y_range(rows: list[dict], meta: dict, highlight_region: str | None = None) -> list[float]:
    numbers = [r["value"] for r in rows if r.get("value") is not None]
    numbers += [  # the highlighted region's band stays inside the plot
        r[bound] for r in rows if r.get("region_id") == highlight_region and r.get("value") is not None
        for bound in ("ci95_low", "ci95_high") if r.get(bound) is not None
    ]
    if meta["target"] is not None:
        numbers.append(meta["target"])
    if not numbers:  # every value suppressed or missing
        return [0.0, 100.0] if meta["unit"] == "pct" else [0.0, 1.0]
    lo, hi = min(numbers), max(numbers)
    pad = (hi - lo) * 0.12 or max(abs(hi) * 0.05, 1.0)
    lo, hi = lo - pad, hi + pad
    if meta["unit"] == "pct":
        lo, hi = max(lo, 0.0), min(hi, 100.0)
    elif min(numbers) >= 0:
        lo = max(lo, 0.0)
    return [lo, hi]
