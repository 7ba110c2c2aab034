"""'Afstand til bedste': how far each region (and hele landet) is from the best region.

One row per region in the fixed order. The dot is the distance to the best region now; the line
runs from the distance a year earlier to today's. A line before the dot (coming from further
away) means the region is catching up ("henter ind"); a dot before the line means it is falling
behind ("lægger afstand").
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import base_figure, indicator_meta, records, region_names
from noegletal.figures.palette import (
    MUTED_TEXT_COLOR,
    NATIONAL,
    REGION_ORDER,
    region_rank,
    region_style,
)
from noegletal.formatting import NO_DATA, difference_unit_text, format_difference, period_long_label

DOT_SIZE = 17
LINE_WIDTH = 7


def caption_lines(period: str | None, comparison_period: str | None, comparable: bool = True) -> list[str]:
    change = f"Streg: ændring siden {period_long_label(comparison_period)}."
    if not comparable:
        change = f"Streg: ændring siden {period_long_label(comparison_period)} – ingen sammenlignelige tal."
    return [
        f"Prik: afstand til bedste i {period_long_label(period)}.",
        change,
        "Streg før prik = henter ind;",
        "prik før streg = lægger afstand.",
    ]


def distance_figure(
    distance_rows: Any,
    indicator: Any,
    period: str | None,
    comparison_period: str | None,
    title: str | None = None,
    height: int = 440,
    show_caption: bool = True,
) -> go.Figure:
    """Distance to the best region now (dot) and the change since a year earlier (line).

    distance_rows: rows of mart_indicator_level for one indicator and period (region_id,
        distance_to_best, distance_to_best_year_ago, distance_change, movement; region names
        if joined). Regions missing from the rows, or with no distance, show "ingen data".
    """
    meta = indicator_meta(indicator)
    unit, decimals = meta["unit"], meta["decimals"]
    rows = {r["region_id"]: r for r in records(distance_rows) if r.get("region_id")}
    names = region_names(list(rows.values()))
    region_ids = sorted(set(REGION_ORDER) | set(rows), key=region_rank)
    labels = {region: names.get(region, (region, region))[1] for region in region_ids}

    fig = base_figure(height, title=title)
    labels_now = (period_long_label(period), period_long_label(comparison_period))
    dots: list[tuple[str, dict]] = []  # (region, its row) of the regions with a distance now
    missing_y, extent = [], [0.0]
    for region in region_ids:
        row = rows.get(region, {})
        if row.get("distance_to_best") is None:
            missing_y.append(labels[region])
            continue
        extent += [v for v in (row["distance_to_best"], row.get("distance_to_best_year_ago")) if v is not None]
        if row.get("distance_to_best_year_ago") is not None:
            fig.add_trace(_change_line(region, row, labels[region], _hover(row, names, region, labels_now, unit, decimals)))
        dots.append((region, row))
    fig.add_trace(_dots_trace(dots, labels, [_hover(r, names, g, labels_now, unit, decimals) for g, r in dots]))
    if missing_y:
        fig.add_trace(_no_data_trace(missing_y))
    any_change = any(t.meta.get("role") == "change" for t in fig.data)
    _axes(fig, extent, unit, [labels[r] for r in region_ids])
    # hele landet is set apart from the regions by a thin line
    if NATIONAL in labels:
        fig.add_shape(
            type="line", xref="paper", yref="y", x0=0, x1=1,
            y0=region_ids.index(NATIONAL) - 0.5, y1=region_ids.index(NATIONAL) - 0.5,
            line=dict(color="#CCCCCC", width=1), name="national_separator",
        )
    bottom = 70
    if show_caption:
        fig.add_annotation(
            text="<br>".join(caption_lines(period, comparison_period, comparable=any_change)),
            xref="paper", yref="paper", x=0, y=0, yshift=-62, xanchor="left", yanchor="top", align="left",
            showarrow=False,
            font=dict(size=13, color=MUTED_TEXT_COLOR), name="caption",
        )
        bottom = 150
    fig.update_layout(margin=dict(l=20, r=30, t=40 if not title else 80, b=bottom), hovermode="closest")
    return fig


def _hover(row: dict, names: dict, region: str, labels: tuple[str, str], unit: str, decimals: int) -> list[str]:
    """The region's name, its distance now and a year before, and its movement, for the hover box."""
    now_label, before_label = labels
    movement, change = row.get("movement"), row.get("distance_change")
    movement_text = (
        f"{movement} ({format_difference(change, unit, decimals, signed=True)})"
        if movement and movement != "uændret" else (movement or f"ingen sammenligning med {before_label}")
    )
    return [
        names.get(region, (region, region))[0],
        f"{now_label}: {format_difference(row.get('distance_to_best'), unit, decimals)}",
        f"{before_label}: {format_difference(row.get('distance_to_best_year_ago'), unit, decimals)}",
        movement_text,
    ]


def _change_line(region: str, row: dict, label: str, hover: list[str]) -> go.Scatter:
    """The line from the distance a year before to the distance now."""
    return go.Scatter(
        x=[row["distance_to_best_year_ago"], row["distance_to_best"]],
        y=[label, label],
        mode="lines",
        line=dict(color=region_style(region).color, width=LINE_WIDTH),
        opacity=0.55,
        showlegend=False,
        customdata=[hover, hover],
        hovertemplate=_HOVER,
        meta={"role": "change", "region_id": region},
    )


def _dots_trace(dots: list[tuple[str, dict]], labels: dict, hovers: list[list[str]]) -> go.Scatter:
    """One dot per region at its distance now, in the region's colour and symbol."""
    return go.Scatter(
        x=[row["distance_to_best"] for _, row in dots],
        y=[labels[region] for region, _ in dots],
        mode="markers",
        marker=dict(
            color=[region_style(r).color for r, _ in dots], size=DOT_SIZE,
            symbol=[region_style(r).symbol for r, _ in dots], line=dict(color="white", width=1.5),
        ),
        cliponaxis=False,  # a dot at distance 0 is drawn whole, not cut by the axis
        showlegend=False,
        customdata=hovers,
        hovertemplate=_HOVER,
        meta={"role": "dots", "region_ids": [r for r, _ in dots]},
    )


def _no_data_trace(missing_y: list[str]) -> go.Scatter:
    return go.Scatter(
        x=[0] * len(missing_y),
        y=missing_y,
        mode="text",
        text=[NO_DATA] * len(missing_y),
        textposition="middle right",
        textfont=dict(color=MUTED_TEXT_COLOR, size=14),
        showlegend=False,
        hoverinfo="skip",
        meta={"role": "no_data"},
    )


def _axes(fig: go.Figure, extent: list[float], unit: str, category_order: list[str]) -> None:
    right = max(extent)
    right = right * 1.15 if right > 0 else 1.0
    unit_text = difference_unit_text(unit)
    fig.update_xaxes(
        title_text=f"Afstand til bedste ({unit_text})" if unit_text else "Afstand til bedste",
        range=[0, right], rangemode="tozero", showgrid=True, gridcolor="#E5E5E5",
        zeroline=True, zerolinecolor="#888888", zerolinewidth=2,
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=category_order, autorange="reversed",
        showgrid=False, ticksuffix="  ", tickfont=dict(size=15),
    )


_HOVER = (
    "<b>%{customdata[0]}</b><br>Afstand til bedste<br>%{customdata[1]}<br>%{customdata[2]}"
    "<br>%{customdata[3]}<extra></extra>"
)
