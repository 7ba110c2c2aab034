"""What the time series marks beside its lines: periods in which the patient right was suspended
(shaded grey), a series break (a dotted line, "Databrud"), the target (a dashed line, "Måltal")
and the desired direction (an arrow in the margin, "Ønsket udvikling")."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import records
from noegletal.figures.palette import MUTED_TEXT_COLOR, SUSPENSION_FILL, TARGET_COLOR
from noegletal.formatting import format_value
from noegletal.periods import Period, PeriodError, parse_period, period_range

BREAK_LABEL = "Databrud"
DIRECTION_LABEL = "Ønsket<br>udvikling"


def parse_or_none(code: Any) -> Period | None:
    try:
        return parse_period(code) if code not in (None, "") else None
    except PeriodError:
        return None


def suspension_label(indicator_id: str | None) -> str:
    if indicator_id and indicator_id.startswith("udredningsret"):
        return "Udredningsret suspenderet"
    return "Rettighed suspenderet"



def add_suspensions(fig: go.Figure, suspensions: Any, meta: dict, position: dict[str, int]) -> None:
    spans = []
    for s in records(suspensions):
        if s.get("indicator_id") not in (None, meta["indicator_id"]):
            continue
        start, end = parse_or_none(s.get("period_from")), parse_or_none(s.get("period_to"))
        if start is None or end is None:
            continue
        inside = [position[p.code] for p in period_range(start, end) if p.code in position]
        if inside:
            spans.append((min(inside), max(inside)))
    if not spans:
        return
    for first, last in spans:
        fig.add_shape(
            type="rect", xref="x", yref="paper", x0=first - 0.5, x1=last + 0.5, y0=0, y1=1,
            fillcolor=SUSPENSION_FILL, line_width=0, layer="below", name="suspension",
        )
    first, last = max(spans, key=lambda s: s[1] - s[0])
    fig.add_annotation(
        text=suspension_label(meta["indicator_id"]), xref="x", yref="paper", x=(first + last) / 2, y=1.0,
        yanchor="bottom", showarrow=False, font=dict(size=13, color=MUTED_TEXT_COLOR), name="suspension",
    )


def add_series_break(fig: go.Figure, rows: list[dict], meta: dict, axis: list[Period], position: dict) -> None:
    # the break lies where the data's series_segment changes, else at the catalog's series_break
    codes = {}
    for r in rows:
        if r.get("series_segment") is not None:
            codes.setdefault(r["series_segment"], set()).add(parse_or_none(r["period"]))
    if len(codes) > 1:
        starts = sorted(min(ps) for seg, ps in codes.items() if seg != min(codes))
        breaks = [p.code for p in starts]
    else:
        brk = parse_or_none(meta["series_break"])
        breaks = [brk.code] if brk is not None else []
    for code in breaks:
        index = position.get(code)
        if not index:  # not shown, or the first period shown (nothing to separate)
            continue
        fig.add_shape(
            type="line", xref="x", yref="paper", x0=index - 0.5, x1=index - 0.5, y0=0, y1=1,
            line=dict(color=MUTED_TEXT_COLOR, width=2, dash="dot"), name="series_break",
        )
        fig.add_annotation(
            text=BREAK_LABEL, xref="x", yref="paper", x=index - 0.5, y=1.0, yanchor="bottom",
            showarrow=False, font=dict(size=13, color=MUTED_TEXT_COLOR), name="series_break",
        )


def add_target(fig: go.Figure, meta: dict) -> None:
    target = meta["target"]
    if target is None:
        return
    fig.add_shape(
        type="line", xref="paper", yref="y", x0=0, x1=1, y0=target, y1=target,
        line=dict(color=TARGET_COLOR, width=2, dash="dash"), name="target",
    )
    fig.add_annotation(
        text=f"Måltal: {format_value(target, meta['unit'], meta['decimals'])}", xref="paper", yref="y",
        x=0.0, xshift=6, y=target, xanchor="left", yanchor="bottom", showarrow=False,
        font=dict(size=14, color=TARGET_COLOR), bgcolor="rgba(255,255,255,0.8)", name="target",
    )


def add_direction_arrow(fig: go.Figure, meta: dict) -> None:
    if meta["direction"] not in ("higher_is_better", "lower_is_better"):
        return
    up = meta["direction"] == "higher_is_better"
    # head at (x, y); the tail (where the text sits) is ay pixels below (up) or above (down)
    fig.add_annotation(
        xref="paper", yref="paper", x=1.0, xshift=58, y=0.72 if up else 0.28, ax=0, ay=70 if up else -70,
        text=DIRECTION_LABEL, showarrow=True, arrowhead=2, arrowsize=1.4, arrowwidth=3,
        arrowcolor=TARGET_COLOR, font=dict(size=13, color=TARGET_COLOR), name="direction",
    )
