"""Enheder: the units below a region (municipalities, hospitals, sub-groups) on one indicator.

The region's units ranked in a table with each unit's value, 95 % interval (in numbers and as a
forest plot: dot, whisker and the national value as a dashed line, drawn in the table row as a
small SVG, so the numbers and the picture line up and the page needs one plotly chart, not two)
and classification against the national value; below, all units nationally on a funnel plot with
the region's units highlighted. Deep link:
/?page=enheder&region=nordjylland&indicator=forebyggelige_indlaeggelser_aeldre&period=2022.
"""

from __future__ import annotations


import polars as pl
import streamlit as st

from dashboards import a11y, data, filters, navigation
from dashboards.marks import PLOTLY_CONFIG, confidential_mark
from dashboards.methods_text import paragraph
from dashboards.html_tables import unit_table_html
from dashboards.table_css import FOREST_CSS, TABLE_CSS
from noegletal.content.chart_text import funnel_text
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
from noegletal.formatting import NO_DATA, format_count, format_interval, format_value, period_long_label, shown_decimals

NO_UNIT_DATA = "ingen enhedsdata"
UNIT_TYPES = {"kommune": "Kommune", "hospital": "Sygehus", "subgroup": "Undergruppe"}


def unit_table(rows: list[dict], indicator: dict) -> pl.DataFrame:
    """The region's units, best first: what the table on the page shows."""
    unit = indicator["unit"]
    return pl.DataFrame(
        {
            "Placering": [r.get("rank_in_region") for r in rows],
            "Enhed": [r["unit_name_da"] for r in rows],
            "Type": [UNIT_TYPES.get(r["unit_type"], r["unit_type"]) for r in rows],
            # each unit's value as shown in its interval (mart_unit_value.value_decimals)
            "Værdi": [format_value(r["value"], unit, shown_decimals(r, indicator)) for r in rows],
            "95 %-interval": [
                format_interval(r.get("ci95_low"), r.get("ci95_high"), unit, shown_decimals(r, indicator)) for r in rows
            ],
            "Volumen": [format_count(r.get("denominator")) for r in rows],
            "Mod landet": [r.get("significance_vs_national") or NO_DATA for r in rows],
        },
        schema_overrides={"Placering": pl.Int64},
    )


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
    own = ranked_rows(all_units.filter(region_id=region_id))
    national = next((v for v in all_units["national_value"].to_list() if v is not None), None)
    reference = national_reference(all_units)  # unrounded where known: the charts' centre line
    with st.container(key="nt_units_lead"):  # the first numbers on the page (bench/dashboard.py waits for them)
        st.markdown(
            f"Hele landet: **{format_value(national, unit, decimals)}**"
            + (f" · regionen har {len(own)} enheder med tal." if own else "")
        )
    confidential_mark(all_units)  # mart_unit_value.embargo_published_at: the earliest of the units'

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
        st.markdown(TABLE_CSS + FOREST_CSS + unit_table_html(unit_table(own, indicator), forest, head), unsafe_allow_html=True)
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
            "unit_funnel", lambda: funnel_figure(
                all_units, indicator, reference, highlight_region=region_id,
                curve=data.unit_funnel_curve(indicator_id, period),
            ),
            indicator_id=indicator_id, period=period, region_id=region_id,
        ),
        theme=None, config=PLOTLY_CONFIG, key="unit_funnel",
    )
    a11y.chart_alternative(funnel_text(all_units, indicator, reference, region_name), key="unit_funnel")
    st.caption(paragraph("Tragtdiagram"))
