"""Enheder: the units below a region (municipalities, hospitals, sub-groups) on one indicator.

The region's units ranked in a table with each unit's value, 95 % interval (in numbers and as a
forest plot: dot, whisker and the national value as a dashed line, drawn in the table row as a
small SVG, so the numbers and the picture line up and the page needs one plotly chart, not two)
and classification against the national value; below, all units nationally on a funnel plot with
the region's units highlighted. Deep link:
/?page=enheder&region=nordjylland&indicator=forebyggelige_indlaeggelser_aeldre&period=2022.
"""

from __future__ import annotations

from html import escape

import polars as pl
import streamlit as st

from dashboards import data, filters, navigation
from dashboards.marks import PLOTLY_CONFIG, confidential_mark
from dashboards.methods_text import paragraph
from dashboards.views.overview import DESIRED_COLOR, TABLE_CSS, UNDESIRED_COLOR
from noegletal.figures.palette import region_color
from noegletal.figures.units import (
    forest_axis_svg,
    forest_domain,
    forest_svg,
    funnel_figure,
    national_reference,
    ranked_rows,
    scale_of,
)
from noegletal.formatting import NO_DATA, format_count, format_interval, format_value, period_long_label

NO_UNIT_DATA = "ingen enhedsdata"
UNIT_TYPES = {"kommune": "Kommune", "hospital": "Sygehus", "subgroup": "Undergruppe"}


def unit_table(rows: list[dict], indicator: dict) -> pl.DataFrame:
    """The region's units, best first: what the table on the page shows."""
    unit, decimals = indicator["unit"], indicator["decimals"]
    return pl.DataFrame(
        {
            "Placering": [r.get("rank_in_region") for r in rows],
            "Enhed": [r["unit_name_da"] for r in rows],
            "Type": [UNIT_TYPES.get(r["unit_type"], r["unit_type"]) for r in rows],
            "Værdi": [format_value(r["value"], unit, decimals) for r in rows],
            "95 %-interval": [format_interval(r.get("ci95_low"), r.get("ci95_high"), unit, decimals) for r in rows],
            "Volumen": [format_count(r.get("denominator")) for r in rows],
            "Mod landet": [r.get("significance_vs_national") or NO_DATA for r in rows],
        },
        schema_overrides={"Placering": pl.Int64},
    )


NUMERIC = {"Placering", "Værdi", "95 %-interval", "Volumen"}
WIDTHS = {"Placering": 7, "Enhed": 16, "Type": 8, "Værdi": 8, "95 %-interval": 13, "Volumen": 8, "Mod landet": 20}
FOREST = "Figur"  # the forest plot column, after the interval in numbers
FOREST_WIDTH_PCT = 20
SIGNIFICANCE_COLORS = {"signifikant bedre": DESIRED_COLOR, "signifikant dårligere": UNDESIRED_COLOR}


def table_html(frame: pl.DataFrame, forest: list[str] | None = None, forest_head: str = "") -> str:
    """The table; with `forest` (one SVG per row) a column of the forest plot after the interval,
    headed by `forest_head` (its scale)."""
    columns = list(frame.columns)
    widths = [WIDTHS.get(c, 10) for c in columns]
    head = [f"<th class='num'>{escape(c)}</th>" if c in NUMERIC else f"<th>{escape(c)}</th>" for c in columns]
    if forest is not None:
        at = columns.index("95 %-interval") + 1
        widths.insert(at, FOREST_WIDTH_PCT)
        head.insert(at, f"<th class='forest'>{forest_head}</th>")
    cols = "".join(f"<col style='width:{w}%'>" for w in widths)
    body = []
    for i, row in enumerate(frame.iter_rows(named=True)):
        cells = []
        for c, value in row.items():
            text = escape("" if value is None else str(value))
            if c == "Mod landet" and value in SIGNIFICANCE_COLORS:
                cells.append(f"<td><span style='color:{SIGNIFICANCE_COLORS[value]}; font-weight:600'>{text}</span></td>")
            elif c in NUMERIC:
                cells.append(f"<td class='num nowrap'>{text}</td>")
            else:
                cells.append(f"<td>{text}</td>")
            if forest is not None and c == "95 %-interval":
                cells.append(f"<td class='forest'>{forest[i]}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table class='nt-overview nt-units'><colgroup>{cols}</colgroup><thead><tr>{''.join(head)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


FOREST_CSS = """
<style>
table.nt-units td.forest, table.nt-units th.forest { padding-top: 0.2rem; padding-bottom: 0; vertical-align: middle; }
table.nt-units svg { display: block; max-width: 100%; }
</style>
"""


def render() -> None:
    selection = navigation.selection()
    region_id, indicator_id, period = selection.region_id, selection.indicator_id, selection.period
    region_name = filters.region_names().get(region_id, region_id)
    st.title(f"Enheder i Region {region_name}")
    if indicator_id is None or period is None:
        st.info(f"Der er {NO_UNIT_DATA} i lageret: ingen kommuner, sygehuse eller undergrupper.", icon=":material/info:")
        return
    indicator = next(r for r in data.indicator_list().to_dicts() if r["indicator_id"] == indicator_id)
    unit, decimals = indicator["unit"], indicator["decimals"]
    st.caption(f"{indicator['name_da']} · {period_long_label(period)}")

    all_units = data.unit_values(indicator_id, period)
    own = ranked_rows(all_units.filter(region_id=region_id), indicator["direction"])
    national = next((v for v in all_units["national_value"].to_list() if v is not None), None)
    reference = national_reference(all_units)  # unrounded where known: the charts' centre line
    with st.container(key="nt_units_lead"):  # the first numbers on the page (bench/dashboard.py waits for them)
        st.markdown(
            f"Hele landet: **{format_value(national, unit, decimals)}**"
            + (f" · regionen har {len(own)} enheder med tal." if own else "")
        )
    confidential_mark(all_units)

    if not own:
        st.info(
            f"Region {region_name} har {NO_UNIT_DATA} for denne indikator i {period_long_label(period)}.",
            icon=":material/info:",
        )
    else:
        st.subheader("Regionens enheder")
        domain = forest_domain(own, reference)
        color = region_color(region_id)
        forest = [forest_svg(r, domain, reference, color, indicator) for r in own] if domain else None
        head = forest_axis_svg(domain, reference, indicator) if domain else ""
        # an HTML table like the other pages' (st.dataframe's canvas grid is slower to draw)
        st.markdown(TABLE_CSS + FOREST_CSS + table_html(unit_table(own, indicator), forest, head), unsafe_allow_html=True)
        st.caption(
            "Figur: prikken er enhedens tal, stregen dens 95 %-sikkerhedsinterval, den stiplede linje hele landet "
            "(uafrundet, hvor tæller og nævner kendes). Bedste enhed øverst. " + paragraph("Signifikant bedre")
        )

    st.subheader("Tragtdiagram: alle enheder i landet")
    if scale_of(unit) is None:
        st.info(
            "Indikatoren er hverken en andel eller en rate, så der er ingen kontrolgrænser (se Metode).",
            icon=":material/info:",
        )
    st.plotly_chart(
        data.cached_figure(
            "unit_funnel", lambda: funnel_figure(all_units, indicator, reference, highlight_region=region_id),
            indicator_id=indicator_id, period=period, region_id=region_id,
        ),
        theme=None, config=PLOTLY_CONFIG, key="unit_funnel",
    )
    st.caption(paragraph("Tragtdiagram"))
