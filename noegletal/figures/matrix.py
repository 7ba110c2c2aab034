"""'Hvor står regionerne': a matrix of regions × indicators coloured by distance to the best region.

The distance is normalised per indicator (0 = the best region, 1 = the region furthest from the
best; mart_indicator_level.distance_to_best_normalised), so indicators in different units share one
colour scale. The scale is one hue from light
to dark blue: readable for every common form of colour blindness, in greyscale and on a
projector. Every cell also says its value in numbers, so colour is never the only cue; a region
without a value says "ingen data" (or "diskretioneret"). A region significantly better or worse
than the national value (mart_region_comparison, 95 % interval) carries "(+)" or "(−)" after its
value, and the tooltip says how it compares with the national value and with the best region.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from noegletal.figures.common import base_figure, indicator_meta, records, region_names
from noegletal.figures.palette import MUTED_TEXT_COLOR, REGION_ORDER, region_rank, rgb
from noegletal.formatting import (
    NO_DATA,
    format_count,
    format_difference,
    format_suppressed,
    format_value,
    period_long_label,
    shown_decimals,
)

# light (at the best region) to dark blue (furthest from the best): ColorBrewer "Blues", CVD-safe
MATRIX_COLORSCALE = [
    [0.0, "#F7FBFF"],
    [0.25, "#C6DBEF"],
    [0.5, "#6BAED6"],
    [0.75, "#2171B5"],
    [1.0, "#08306B"],
]
NO_DATA_FILL = "#EEEEEE"
# a sign after the value, not a colour: the cell colour already shows the distance to the best
SIGNIFICANCE_MARKS = {"signifikant bedre": "(+)", "signifikant dårligere": "(−)"}
SIGNIFICANCE_LEGEND = (
    "(+) signifikant bedre end hele landet, (−) signifikant dårligere end hele landet (95 %-sikkerhedsinterval); "
    "uden tegn: ikke signifikant forskellig, eller tæller og nævner er ikke kendt"
)
DARK_CELL = 0.55  # from this normalised distance on, the cell text is white
ROW_HEIGHT = 30


def normalised_distances(distance_rows: Any) -> dict[tuple[str, str], float | None]:
    """(indicator_id, region_id) -> mart_indicator_level's distance_to_best_normalised (0 = best,
    1 = furthest from the best) for the five regions: the matrix colours by it, it does not compute it."""
    return {
        (r["indicator_id"], r["region_id"]): r.get("distance_to_best_normalised")
        for r in records(distance_rows) if r.get("region_id") in REGION_ORDER[:5]
    }


def distance_matrix_figure(
    distance_rows: Any,
    indicators: Any,
    title: str | None = None,
    label_width: int = 46,
) -> go.Figure:
    """Rows: the indicators in the given order (dim_indicator rows, appendix order); columns: the
    five regions in the fixed order. distance_rows: mart_indicator_level rows (indicator_id,
    region_id, period, value, distance_to_best, distance_to_best_normalised; region names if
    joined; the named query overview_distances), one period per indicator.
    """
    metas = [indicator_meta(i) for i in records(indicators)]
    rows = records(distance_rows)
    names = region_names(rows)
    regions = sorted({*REGION_ORDER[:5]}, key=region_rank)
    by_key = {(r["indicator_id"], r["region_id"]): r for r in rows}
    norm = normalised_distances(rows)

    y_labels, z, text, custom = [], [], [], []
    for meta in metas:
        y_labels.append(_short(meta["name_da"], label_width))
        z_row, text_row, custom_row = [], [], []
        for region in regions:
            row = by_key.get((meta["indicator_id"], region), {})
            z_row.append(norm.get((meta["indicator_id"], region)))
            text_row.append(cell_text(row, meta))
            custom_row.append("<br>".join(cell_tooltip(row, meta, names.get(region, (region, region))[0])))
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)

    x_labels = [names.get(r, (r, r))[1] for r in regions]
    fig = base_figure(max(260, 140 + ROW_HEIGHT * len(metas)), title=title)
    fig.add_trace(_heatmap(x_labels, y_labels, z, custom))
    fig.add_trace(_cell_texts(fig, x_labels, y_labels, z, text))
    fig.update_xaxes(side="top", type="category", showgrid=False, ticks="", linecolor="white", tickfont=dict(size=15))
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=y_labels, autorange="reversed",
        showgrid=False, ticksuffix="  ", tickfont=dict(size=13),
    )
    fig.update_layout(margin=dict(l=10, r=10, t=60 if not title else 100, b=10), hovermode="closest")
    return fig


def cell_parts(row: dict, meta: dict) -> tuple[str, str]:
    """(the value as the cell shows it: "ingen data", "diskretioneret (<5)"; "(+)" or "(−)" when
    the region is significantly better or worse than the national value, else "")."""
    if row.get("value") is None:
        shown = format_suppressed(row["suppression_reason"]) if row.get("suppression_reason") else NO_DATA
        return shown, ""
    mark = SIGNIFICANCE_MARKS.get(row.get("significance_vs_national"), "")
    return format_value(row["value"], meta["unit"], shown_decimals(row, meta)), mark


def cell_text(row: dict, meta: dict) -> str:
    return " ".join(part for part in cell_parts(row, meta) if part)


def cell_tooltip(row: dict, meta: dict, region_name: str) -> list[str]:
    """The lines of a cell's tooltip: region, indicator, period and value, distance to the best,
    the classification against the national value and the best region, volume, provisional."""
    period = period_long_label(row["period"]) if row.get("period") else NO_DATA
    lines = [region_name, meta["name_da"], f"{period}: {cell_text(row, meta)}"]
    if row.get("distance_to_best") is not None:
        lines.append("Afstand til bedste: " + format_difference(row["distance_to_best"], meta["unit"], shown_decimals(row, meta)))
    if row.get("significance_vs_national"):
        lines.append(f"Mod hele landet: {row['significance_vs_national']}")
    if row.get("significance_vs_best"):
        lines.append(f"Mod bedste region: {row['significance_vs_best']}")
    if row.get("denominator") is not None:
        lines.append("Volumen: " + format_count(row["denominator"], meta["volume_label_da"] or None))
    if row.get("is_provisional"):
        lines.append("foreløbigt, før efterregistreringer")
    return lines


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def matrix_color(normalised: float | None) -> str:
    """The matrix's fill for a normalised distance (0 = best, 1 = furthest), interpolated on
    MATRIX_COLORSCALE; NO_DATA_FILL for None."""
    if normalised is None:
        return NO_DATA_FILL
    x = min(max(float(normalised), 0.0), 1.0)
    for (x0, c0), (x1, c1) in zip(MATRIX_COLORSCALE, MATRIX_COLORSCALE[1:]):
        if x <= x1:
            t = (x - x0) / (x1 - x0) if x1 > x0 else 0.0
            mixed = [round(a + (b - a) * t) for a, b in zip(rgb(c0), rgb(c1))]
            return "#{:02X}{:02X}{:02X}".format(*mixed)
    return MATRIX_COLORSCALE[-1][1]


# colouring by significance against the national value (the default on the dashboard): a 2
# pct.-point spread is not painted as darkly as a 30-point one; where no interval can be computed
# but the regions have agreed a target, the cell is coloured (lighter) by target met or not
SIGNIFICANCE_FILLS = {
    "signifikant bedre": ("#0072B2", "#FFFFFF"),
    "ikke signifikant forskellig": ("#F0F0F0", "#1A1A1A"),
    "signifikant dårligere": ("#B34700", "#FFFFFF"),  # darker than Okabe–Ito #D55E00: white text 5.5:1, not 3.9:1
}
TARGET_FILLS = {True: ("#BDD7EE", "#1A1A1A"), False: ("#F7CBAC", "#1A1A1A")}
NOT_TESTED_FILL = ("#FFFFFF", "#1A1A1A")
COLOR_MODES = ("significance", "distance")
TARGET_MARKS = {True: "✓", False: "✗"}


def significance_fill(row: dict, target_met: bool | None) -> tuple[str, str]:
    """(background, text colour) of a cell coloured by significance against the national value,
    else by the target where one is agreed, else white."""
    if row.get("value") is None:
        return NO_DATA_FILL, MUTED_TEXT_COLOR
    if row.get("significance_vs_national") in SIGNIFICANCE_FILLS:
        return SIGNIFICANCE_FILLS[row["significance_vs_national"]]
    if target_met is not None:
        return TARGET_FILLS[bool(target_met)]
    return NOT_TESTED_FILL


def significance_legend_html() -> str:
    from html import escape

    items = [
        (SIGNIFICANCE_FILLS["signifikant bedre"][0], "(+) signifikant bedre"),
        (SIGNIFICANCE_FILLS["ikke signifikant forskellig"][0], "ikke forskellig"),
        (SIGNIFICANCE_FILLS["signifikant dårligere"][0], "(−) signifikant dårligere end hele landet"),
        (TARGET_FILLS[True][0], "✓ måltal nået"),
        (TARGET_FILLS[False][0], "✗ måltal ikke nået (ikke testet)"),
        (NOT_TESTED_FILL[0], "ikke testet"),
    ]
    # each item whole on its line: a swatch never parts from its words
    return " ".join(
        f"<span class='it' style='white-space:nowrap'><span class='sw' style='background:{c}'></span>&nbsp;{escape(t)}</span>"
        for c, t in items
    )


def _heatmap(x_labels: list[str], y_labels: list[str], z: list[list], custom: list[list[str]]) -> go.Heatmap:
    return go.Heatmap(
        x=x_labels, y=y_labels, z=z, zmin=0, zmax=1, colorscale=MATRIX_COLORSCALE,
        xgap=2, ygap=2, customdata=custom, hoverongaps=False,
        colorbar=dict(
            title=dict(text="Afstand<br>til bedste", side="top", font=dict(size=13)),
            tickvals=[0, 1], ticktext=["bedst", "længst<br>fra bedste"], thickness=14, len=0.5,
            y=1, yanchor="top", tickfont=dict(size=13),
        ),
        hovertemplate="%{customdata}<extra></extra>",
        meta={"role": "matrix"},
    )


def _cell_texts(fig: go.Figure, x_labels: list[str], y_labels: list[str], z: list[list], text: list[list[str]]) -> go.Scatter:
    """The value in every cell (white on dark cells); the cells without data are drawn grey on `fig`."""
    text_colors = []
    for yi, z_row in enumerate(z):
        for xi, n in enumerate(z_row):
            if n is None:
                fig.add_shape(
                    type="rect", xref="x", yref="y", x0=xi - 0.48, x1=xi + 0.48, y0=yi - 0.45, y1=yi + 0.45,
                    fillcolor=NO_DATA_FILL, line_width=0, layer="below", name="no_data",
                )
            text_colors.append("white" if n is not None and n >= DARK_CELL else ("#1A1A1A" if n is not None else MUTED_TEXT_COLOR))
    return go.Scatter(
        x=[x_labels[xi] for _ in y_labels for xi in range(len(x_labels))],
        y=[label for label in y_labels for _ in x_labels],
        mode="text",
        text=[t for row in text for t in row],
        textfont=dict(size=13, color=text_colors),
        hoverinfo="skip",
        showlegend=False,
        meta={"role": "cell_text"},
    )


def _html_cell(row: dict, meta: dict, region: str, names: dict, n: float | None, target_met: bool | None,
               color_by: str, link: Any) -> str:
    """One region's cell: its value and marks, coloured by `color_by`, with a tooltip and a link."""
    from html import escape

    tip = cell_tooltip(row, meta, names.get(region, (region, region))[0])
    if target_met is not None and meta["target"] is not None:
        target = format_value(meta["target"], meta["unit"], meta["decimals"])
        tip.append(f"Måltal {target}: " + ("nået" if target_met else "ikke nået"))
    if color_by == "significance":
        fill, color = significance_fill(row, target_met)
    else:
        fill = matrix_color(n)
        color = "#FFFFFF" if n is not None and n >= DARK_CELL else ("#1A1A1A" if n is not None else MUTED_TEXT_COLOR)
    shown, mark = cell_parts(row, meta)
    if target_met is not None:
        mark = (mark + " " if mark else "") + TARGET_MARKS[bool(target_met)]
    # the value never breaks; a long one pushes its mark to the next line
    text = f"<span class='v'>{escape(shown)}</span>" + (f" {escape(mark)}" if mark else "")
    if link and row.get("period"):
        text = f"<a href='{escape(link(meta['indicator_id'], region, row['period']))}' target='_self' " \
               f"style='color:{color}'>{text}</a>"
    return f"<td style='background:{fill}; color:{color}' title='{'&#10;'.join(escape(t) for t in tip)}'>{text}</td>"


def distance_matrix_html(distance_rows: Any, indicators: Any, link: Any = None, region_link: Any = None,
                         color_by: str = "distance", targets: Any = None) -> str:
    """The same matrix as distance_matrix_figure, as an HTML table (no plotly.js to load): the
    value in every cell, and a tooltip with region, indicator, period, value, distance to the
    best, significance and volume. color_by="distance": the figure's colours (distance to the
    best, normalised per indicator); "significance": by the region's significance against the
    national value, and where no interval can be computed by the target (targets: rows of
    mart_target_attainment with indicator_id, region_id, target_met). A region meeting an agreed
    target has "✓" after its value, one missing it "✗". Optional hrefs: link(indicator_id,
    region_id, period) for a cell, region_link(region_id) for a column heading."""
    from html import escape

    metas = [indicator_meta(i) for i in records(indicators)]
    rows = records(distance_rows)
    names = region_names(rows)
    regions = sorted({*REGION_ORDER[:5]}, key=region_rank)
    by_key = {(r["indicator_id"], r["region_id"]): r for r in rows}
    met = {(r["indicator_id"], r["region_id"]): r.get("target_met") for r in records(targets)}
    norm = normalised_distances(rows)
    head = "".join(
        f"<th><a href='{escape(region_link(r))}' target='_self'>{escape(names.get(r, (r, r))[1])}</a></th>"
        if region_link else f"<th>{escape(names.get(r, (r, r))[1])}</th>"
        for r in regions
    )
    body = []
    for meta in metas:
        cells = [
            _html_cell(
                by_key.get((meta["indicator_id"], region), {}), meta, region, names,
                norm.get((meta["indicator_id"], region)), met.get((meta["indicator_id"], region)), color_by, link,
            )
            for region in regions
        ]
        body.append(f"<tr><th class='name'>{escape(meta['name_da'])}</th>{''.join(cells)}</tr>")
    if color_by == "significance":
        legend = significance_legend_html()
    else:
        scale = "".join(f"<span style='background:{matrix_color(x)}'></span>" for x in (0, 0.25, 0.5, 0.75, 1))
        legend = "bedst " + scale + f" længst fra bedste<br>{escape(SIGNIFICANCE_LEGEND)}"
    return (
        f"<div class='nt-matrix-legend'>{legend}</div>"
        f"<table class='nt-matrix'><thead><tr><th class='name'></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
