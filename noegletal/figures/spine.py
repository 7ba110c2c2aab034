"""The Region page's one picture: a spine chart in the manner of Public Health England's
Fingertips profiles, one row per indicator.

Each row is scaled around the national value (the black line in the middle): the grey bar spans
the five regions from the worst to the best value, better always to the right whatever the
indicator's direction, so rows in different units and directions read the same way. The
region's own value is a dot coloured by its significance against the national value
(mart_region_comparison, 95 % interval): blue significantly better, orange significantly worse,
white with a grey ring not significantly different, and a grey diamond where no interval can be
computed (numerator and denominator unknown). Where the regions have agreed a target, a thin
vertical tick marks it when it lies within the drawn range. Every number is in the tooltip; the
table below the chart gives them in words.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import base_figure, indicator_meta, records
from noegletal.figures.palette import MUTED_TEXT_COLOR, TARGET_COLOR
from noegletal.formatting import NO_DATA, format_value, period_long_label, shown_decimals

BETTER_COLOR = "#0072B2"  # Okabe–Ito blue
WORSE_COLOR = "#D55E00"  # Okabe–Ito vermillion
RANGE_COLOR = "#D9D9D9"
SIGNIFICANCE_STYLE = {
    "signifikant bedre": dict(color=BETTER_COLOR, symbol="circle", line=dict(color=BETTER_COLOR, width=1)),
    "signifikant dårligere": dict(color=WORSE_COLOR, symbol="circle", line=dict(color=WORSE_COLOR, width=1)),
    "ikke signifikant forskellig": dict(color="#FFFFFF", symbol="circle", line=dict(color="#555555", width=2)),
}
NOT_TESTED = "ikke testet"
NOT_TESTED_STYLE = dict(color="#999999", symbol="diamond", line=dict(color="#555555", width=1))
LEGEND_LABELS = {
    "signifikant bedre": "signifikant bedre end hele landet",
    "ikke signifikant forskellig": "ikke signifikant forskellig",
    "signifikant dårligere": "signifikant dårligere end hele landet",
    NOT_TESTED: "ikke testet (tæller og nævner ukendt)",
}
ROW_HEIGHT = 44


def spine_position(value: float | None, national: float | None, low: float | None, high: float | None,
                   higher_is_better: bool) -> float | None:
    """Where a value lies on a row: 0.5 is the national value, 0 and 1 the furthest regional
    value from it on either side (the same half-width both ways), better to the right."""
    if value is None or national is None or low is None or high is None:
        return None
    half = max(abs(high - national), abs(national - low))
    if half == 0:
        return 0.5
    offset = (value - national) / (2 * half)
    return 0.5 + (offset if higher_is_better else -offset)


def spine_rows(overview: Any, distances: Any, region_id: str, targets: Any = None) -> list[dict]:
    """One row per indicator with a national value and a regional range, in the overview's order:
    the positions of the region's value, the range, the national value and the target, with the
    numbers behind them for the tooltip."""
    by_key = {(r["indicator_id"], r["region_id"]): r for r in records(distances)}
    met = {(r["indicator_id"], r["region_id"]): r.get("target_met") for r in records(targets)}
    out = []
    for ind in records(overview):
        if ind.get("period") is None or ind.get("national_value") is None:
            continue
        meta = indicator_meta(ind)
        # the regional range is mart_regional_variation's best and worst of the five regions
        if ind.get("best_value") is None or ind.get("worst_value") is None:
            continue
        own = by_key.get((meta["indicator_id"], region_id), {})
        national = float(ind["national_value"])
        low, high = sorted((float(ind["best_value"]), float(ind["worst_value"])))
        up = meta["direction"] == "higher_is_better"

        def pos(v, national=national, low=low, high=high, up=up):
            return spine_position(None if v is None else float(v), national, low, high, up)

        out.append({
            "indicator_id": meta["indicator_id"],
            "name_da": meta["name_da"],
            "period": ind["period"],
            "meta": meta,
            "decimals": shown_decimals(ind, meta),  # the period's (mart_indicator_overview.value_decimals)
            "value": own.get("value"),
            "x": pos(own.get("value")),
            "range": sorted([pos(low), pos(high)]),
            "national_value": national,
            "best_value": ind.get("best_value"),
            "worst_value": ind.get("worst_value"),
            "significance": own.get("significance_vs_national") or NOT_TESTED,
            "target": meta["target"],
            "target_x": pos(meta["target"]) if meta["target"] is not None else None,
            "target_met": met.get((meta["indicator_id"], region_id)),
        })
    return out


def _short(text: str, width: int = 30, lines: int = 2) -> str:
    """The indicator's name on at most two lines of about 30 characters (a tablet's width leaves
    the bars room), cut with "…" beyond that."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return "<br>".join(out)


def _tooltip(row: dict, region_name: str) -> str:
    meta = row["meta"]

    def v(x, decimals=row["decimals"]):
        return format_value(x, meta["unit"], decimals) if x is not None else NO_DATA

    lines = [
        row["name_da"], period_long_label(row["period"]),
        f"{region_name}: {v(row['value'])}", f"Hele landet: {v(row['national_value'])}",
        f"Bedst: {v(row['best_value'])} · dårligst: {v(row['worst_value'])}",
        f"Mod hele landet: {row['significance']}",
    ]
    if row["target"] is not None:
        status = {True: "nået", False: "ikke nået"}.get(row["target_met"], NO_DATA)
        lines.append(f"Måltal {v(row['target'], meta['decimals'])}: {status}")
    return "<br>".join(lines)


def spine_figure(overview: Any, distances: Any, region_id: str, region_name: str, targets: Any = None,
                 title: str | None = None) -> go.Figure:
    """The spine chart of one region on every indicator with data (see the module's doc).
    overview: indicator_overview rows (name, unit, decimals, direction, target, period,
    national_value, best_value, worst_value); distances: overview_distances rows (indicator_id,
    region_id, value, significance_vs_national); targets: overview_targets rows (target_met)."""
    rows = spine_rows(overview, distances, region_id, targets)
    labels = [_short(r["name_da"]) for r in rows]
    fig = base_figure(max(220, 110 + ROW_HEIGHT * len(rows)), title=title)
    # the regional range: one thick grey line per row (a shape would not show in the legend)
    for i, r in enumerate(rows):
        fig.add_trace(go.Scatter(
            x=r["range"], y=[labels[i]] * 2, mode="lines", line=dict(color=RANGE_COLOR, width=14),
            hoverinfo="skip", showlegend=i == 0, name="spændet mellem regionerne", legendgroup="range",
            meta={"role": "range"},
        ))
    fig.add_trace(go.Scatter(
        x=[0.5] * len(rows), y=labels, mode="markers", name="hele landet",
        marker=dict(symbol="line-ns", size=22, line=dict(color="#000000", width=3)),
        hoverinfo="skip", meta={"role": "national"},
    ))
    with_target = [(labels[i], r) for i, r in enumerate(rows) if r["target_x"] is not None and -0.05 <= r["target_x"] <= 1.05]
    if with_target:
        fig.add_trace(go.Scatter(
            x=[r["target_x"] for _, r in with_target], y=[label for label, _ in with_target], mode="markers",
            name="måltal", marker=dict(symbol="line-ns", size=16, line=dict(color=TARGET_COLOR, width=2, dash="dot")),
            hoverinfo="skip", meta={"role": "target"},
        ))
    for significance in LEGEND_LABELS:
        chosen = [(labels[i], r) for i, r in enumerate(rows) if r["significance"] == significance and r["x"] is not None]
        if not chosen:
            continue
        style = SIGNIFICANCE_STYLE.get(significance, NOT_TESTED_STYLE)
        fig.add_trace(go.Scatter(
            x=[r["x"] for _, r in chosen], y=[label for label, _ in chosen], mode="markers",
            name=LEGEND_LABELS[significance],
            marker=dict(size=15, symbol=style["symbol"], color=style["color"], line=style["line"]),
            customdata=[_tooltip(r, region_name) for _, r in chosen],
            hovertemplate="%{customdata}<extra></extra>",
            meta={"role": "region", "significance": significance},
        ))
    fig.update_xaxes(
        range=[-0.06, 1.06], showgrid=False, zeroline=False, side="top", fixedrange=True,
        tickvals=[0, 0.5, 1], ticktext=["← dårligere", "landet", "bedre →"], ticks="", showline=False,
        tickangle=0, tickfont=dict(size=13),
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=labels, autorange="reversed", showgrid=False,
        ticksuffix="  ", tickfont=dict(size=12), fixedrange=True,
    )
    fig.update_layout(
        margin=dict(l=10, r=10, t=40 if not title else 90, b=10), hovermode="closest",
        legend=dict(orientation="h", y=-0.02, yanchor="top", x=0, font=dict(size=13, color=MUTED_TEXT_COLOR)),
    )
    fig.update_layout(height=fig.layout.height + 60)
    return fig
