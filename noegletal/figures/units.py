"""The units below a region (municipalities, hospitals, sub-groups): their 95 % intervals as a
forest plot of small inline SVGs (one per row of the dashboard's ranked table, on one shared
scale), and the funnel plot of units against the national value.

The builders take rows of `mart_unit_value` (the named query `unit_values`: one row per unit of
an indicator and period, with the region's name). The funnel plot's control-limit curves are the
rows of `mart_unit_funnel_curve` (the named query `unit_funnel_curve`: the limits at denominators
over the whole range and at each unit's own, from the macro that gives the units' stored limits;
docs/methods.md, "Funnel-plot control limits"); nothing is computed here.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import apply_base_layout, indicator_meta, records, region_names
from noegletal.figures.palette import MUTED_TEXT_COLOR, TARGET_COLOR, region_color, region_rank
from noegletal.formatting import (
    NO_DATA,
    axis_title,
    format_count,
    format_interval,
    format_number,
    format_value,
    shown_decimals,
)

SCALES = {"pct": 100.0, "pr. 1.000": 1_000.0, "pr. 100.000": 100_000.0}
OTHER_UNITS_COLOR = "#B5B5B5"
NATIONAL_NAME = "Hele landet"
CURVES = (  # mart_unit_funnel_curve's columns: (column, legend, dash, shown in the legend)
    ("funnel998_high", "99,8 %-grænse", "dot", True), ("funnel998_low", "99,8 %-grænse", "dot", False),
    ("funnel95_high", "95 %-grænse", "dash", True), ("funnel95_low", "95 %-grænse", "dash", False),
)


def scale_of(unit: str | None) -> float | None:
    """The scale s of a proportion or rate (value = x / n × s); None for other units (no limits)."""
    return SCALES.get(unit or "")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _hover_rows(rows: list[dict[str, Any]], meta: dict[str, Any], names: dict) -> list[list[str]]:
    unit, decimals = meta["unit"], meta["decimals"]
    out = []
    for r in rows:
        region = names.get(r.get("region_id"), (r.get("region_id") or "", ""))[0]
        out.append([
            r.get("unit_name_da") or r.get("unit_id") or "",
            region,
            format_value(r.get("value"), unit, shown_decimals(r, meta)),
            format_interval(r.get("ci95_low"), r.get("ci95_high"), unit, shown_decimals(r, meta), missing="intet interval"),
            format_count(r.get("denominator"), meta["volume_label_da"] or None),
            r.get("significance_vs_national") or NO_DATA,
        ])
    return out


HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>Værdi: %{customdata[2]}"
    "<br>95 %-interval: %{customdata[3]}<br>Volumen: %{customdata[4]}"
    "<br>Mod landet: %{customdata[5]}<extra></extra>"
)


def national_reference(rows: Any) -> float | None:
    """What the units are compared against (mart_unit_value.national_reference_value: unrounded
    where numerator and denominator are known), else the published national value."""
    for key in ("national_reference_value", "national_value"):
        value = next((r[key] for r in records(rows) if not _missing(r.get(key))), None)
        if value is not None:
            return value
    return None


def ranked_rows(rows: Any) -> list[dict[str, Any]]:
    """The units with a value in the order of the named query unit_values: best first by
    mart_unit_distance_to_best's rank_in_region (the table's Placering), ties by name."""
    return [r for r in records(rows) if not _missing(r.get("value"))]


def funnel_figure(
    rows: Any, indicator: Any, national_value: float | None, highlight_region: str | None = None,
    title: str | None = None, curve: Any = None,
) -> go.Figure:
    """Units as points (x = denominator, y = value) with the 95 % and 99,8 % control limits
    around the national value (`curve`: rows of the named query unit_funnel_curve). Traces: upper
    and lower 99,8 % limit, upper and lower 95 % limit, the national line (when there are limits
    and a national value), then the units: one trace per region, or with `highlight_region` the
    other units in grey followed by the region's units in its colour."""
    meta = indicator_meta(indicator)
    unit, decimals = meta["unit"], meta["decimals"]
    units = [r for r in records(rows) if not _missing(r.get("value")) and not _missing(r.get("denominator"))]
    names = region_names(units)
    fig = go.Figure()
    denominators = [float(r["denominator"]) for r in units if float(r["denominator"]) > 0]
    points = [p for p in records(curve) if not _missing(p.get("funnel95_low"))]
    if points and not _missing(national_value):
        xs = [p["denominator"] for p in points]
        for key, name, dash, show in CURVES:
            fig.add_trace(go.Scatter(
                x=xs, y=[p[key] for p in points], mode="lines", name=name, legendgroup=name, showlegend=show,
                line=dict(color=MUTED_TEXT_COLOR, width=1.5, dash=dash), hoverinfo="skip",
            ))
        fig.add_trace(go.Scatter(
            x=[xs[0], xs[-1]], y=[national_value, national_value], mode="lines", name=NATIONAL_NAME,
            line=dict(color=TARGET_COLOR, width=2),
            hovertemplate=f"{NATIONAL_NAME}: {format_value(national_value, unit, max(decimals, 1))}<extra></extra>",
        ))
    if highlight_region:
        groups = [
            ("Øvrige enheder", OTHER_UNITS_COLOR, [r for r in units if r["region_id"] != highlight_region], 8),
            (names.get(highlight_region, (highlight_region, ""))[0], region_color(highlight_region),
             [r for r in units if r["region_id"] == highlight_region], 12),
        ]
    else:
        groups = [
            (names.get(region, (region, ""))[0], region_color(region), [r for r in units if r["region_id"] == region], 10)
            for region in sorted({r["region_id"] for r in units}, key=region_rank)
        ]
    for name, color, own, size in groups:
        if not own:
            continue
        fig.add_trace(go.Scatter(
            x=[r["denominator"] for r in own], y=[r["value"] for r in own], mode="markers", name=name,
            marker=dict(color=color, size=size, line=dict(color="white", width=1)),
            customdata=_hover_rows(own, meta, names), hovertemplate=HOVER,
        ))
    apply_base_layout(fig, height=480, title=title)
    volume = meta["volume_label_da"]
    wide = bool(denominators) and max(denominators) / max(min(denominators), 1.0) > 20
    fig.update_xaxes(
        title_text=f"Volumen ({volume})" if volume else "Volumen (nævner)", type="log" if wide else "linear",
        showgrid=True, gridcolor="#E5E5E5", exponentformat="none", separatethousands=True,
    )
    if wide:
        fig.update_xaxes(dtick="D2")
    fig.update_yaxes(title_text=axis_title(unit))
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), margin=dict(l=10, r=20, t=60, b=50))
    return fig


# --- the forest plot: one small SVG per table row, no plotly.js to load ------------------------

FOREST_WIDTH, FOREST_HEIGHT = 220, 18


def forest_domain(rows: Any, reference: float | None) -> tuple[float, float] | None:
    """The value range shared by every row's figure: values, interval bounds and the reference,
    with a little room at both ends; None without any value."""
    numbers = [  # the unrounded value lies within its interval
        float(v) for r in records(rows) for v in (r.get("value"), r.get("ci95_low"), r.get("ci95_high"))
        if not _missing(v)
    ] + ([float(reference)] if not _missing(reference) else [])
    if not numbers:
        return None
    lo, hi = min(numbers), max(numbers)
    pad = (hi - lo) * 0.04 or max(abs(hi) * 0.05, 0.5)
    return lo - pad, hi + pad


def _x(value: float, domain: tuple[float, float], width: int) -> float:
    lo, hi = domain
    return round(4 + (float(value) - lo) / (hi - lo) * (width - 8), 1)


def forest_svg(row: dict, domain: tuple[float, float], reference: float | None, color: str, meta: dict,
               width: int = FOREST_WIDTH, height: int = FOREST_HEIGHT) -> str:
    """One unit's value (dot) and 95 % interval (whisker) against the reference (dashed line), on
    the shared scale `domain`; the tooltip says the numbers."""
    unit, decimals = meta["unit"], shown_decimals(row, meta)
    mid = height / 2
    parts = []
    if not _missing(reference):
        x = _x(reference, domain, width)
        parts.append(f"<line x1='{x}' x2='{x}' y1='0' y2='{height}' stroke='{TARGET_COLOR}' stroke-dasharray='3,2'/>")
    low, high = row.get("ci95_low"), row.get("ci95_high")
    if not (_missing(low) or _missing(high)):
        x0, x1 = _x(low, domain, width), _x(high, domain, width)
        parts.append(f"<line x1='{x0}' x2='{x1}' y1='{mid}' y2='{mid}' stroke='{color}' stroke-width='2'/>")
        parts += [f"<line x1='{x}' x2='{x}' y1='{mid - 4}' y2='{mid + 4}' stroke='{color}' stroke-width='2'/>"
                  for x in (x0, x1)]
    # at the unrounded value (mart_unit_value.unrounded_value): a dot at a rounded 7 pct. would sit
    # outside an interval of 7,2–7,8
    dot = row.get("value") if _missing(row.get("unrounded_value")) else row["unrounded_value"]
    if not _missing(dot):
        parts.append(f"<circle cx='{_x(dot, domain, width)}' cy='{mid}' r='4.5' fill='{color}'/>")
    title = f"{format_value(row.get('value'), unit, decimals)}, 95 %: " + format_interval(
        low, high, unit, decimals, missing="intet interval"
    )
    if not _missing(reference):
        title += f"; hele landet {format_value(reference, unit, max(decimals, 1))}"
    return (
        f"<svg viewBox='0 0 {width} {height}' width='100%' height='{height}' role='img' aria-label='{escape(title)}'>"
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def forest_axis_svg(domain: tuple[float, float], reference: float | None, meta: dict, width: int = FOREST_WIDTH) -> str:
    """The scale under the forest plot's heading: both ends, and the reference where it is."""
    unit, decimals = meta["unit"], meta["decimals"]
    lo, hi = domain
    labels = [(4, "start", format_number(lo, decimals)), (width - 4, "end", format_value(hi, unit, decimals))]
    ticks = ""
    if not _missing(reference):
        x = _x(reference, domain, width)
        ticks = f"<line x1='{x}' x2='{x}' y1='0' y2='5' stroke='{TARGET_COLOR}'/>"
    text = "".join(
        f"<text x='{x}' y='16' text-anchor='{anchor}' font-size='13' fill='{MUTED_TEXT_COLOR}'>{escape(label)}</text>"
        for x, anchor, label in labels
    )
    return f"<svg viewBox='0 0 {width} 20' width='100%' height='20' aria-hidden='true'>{ticks}{text}</svg>"
