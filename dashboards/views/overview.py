"""Overblik: the board's overview of every indicator under its goal area, and where each region stands.

Per indicator (mart_indicator_overview): the latest period by the chosen quarter, the national
value, the change since a year earlier with an arrow coloured by whether it is the desired
direction, the regional variation, the best and worst region, and the target status. Indicators
with figures published since the chosen board presentation are in bold with "opdateret", as in
the appendix. Regions significantly worse than the national value and worsening on an indicator
(mart_region_comparison) are listed first. Below, the matrix of regions × indicators coloured by
distance to the best.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import data, navigation
from dashboards.filters import ONLY_UPDATED
from dashboards.html_tables import overview_table, worse_and_worsening_table
from dashboards.table_css import MATRIX_CSS, TABLE_CSS
from dashboards.labels import UPDATED, WORSE_AND_WORSENING
from dashboards.links import indicator_link, region_link
from dashboards.target_text import attainment_by_indicator
from dashboards.pack_download import render_pack_download
from noegletal.content.insights import gap_label
from noegletal.content.meeting_text import whats_new
from dashboards.marks import confidential_mark
from dashboards.methods_text import paragraph
from noegletal.figures import distance_matrix_html
from noegletal.formatting import NO_DATA, format_date, join_da, period_long_label


def render() -> None:
    selection = navigation.selection()
    quarter, since = selection.quarter, selection.since
    overview = data.indicator_overview(quarter)
    updated = data.indicators_updated_since(since.isoformat(), quarter) if since else set()

    st.title("Nøgletal for de nationale mål")
    changes = data.changes_since_presentation(since.isoformat()) if since and selection.presented else None
    national_changes = (
        {r["indicator_id"]: r for r in changes.filter(pl.col("region_id") == "hele_landet").to_dicts()}
        if changes is not None else {}
    )
    with st.container(key="nt_whats_new"):
        # the mart counts against today's latest figures; for a chosen quarter the bold rows count
        headline, rest = whats_new(since, updated, selection.presented, changes if not quarter else None)
        st.markdown(f"**{headline}**{rest}")
    only_updated = _intro(quarter, since)
    if overview.is_empty():
        st.info(f"Der er {NO_DATA} i lageret endnu.", icon=":material/info:")
        return

    st.markdown(TABLE_CSS, unsafe_allow_html=True)
    _worse_and_worsening(quarter)
    targets = data.overview_targets(quarter)
    _goal_area_tables(overview, updated, only_updated, attainment_by_indicator(targets), national_changes)
    _regions_matrix(overview, quarter, targets)
    missing = overview.filter(pl.col("period").is_null())["name_da"].to_list()
    if missing:
        st.caption(f"Uden data ({NO_DATA}): " + join_da(missing) + ".")
    render_pack_download(quarter, since)


def _intro(quarter: str | None, since) -> bool:
    """What the page shows, and the "Kun opdaterede" switch (its value)."""
    shown = "seneste tal" if not quarter else f"tal til og med {period_long_label(quarter)}"
    intro = f"Alle indikatorer under de otte målområder, {shown}."
    if since:
        intro += (
            f" Indikatorer med **fed** og »{UPDATED}« har nye tal siden bestyrelsens præsentation "
            f"{format_date(since)}."
        )
    st.markdown(intro)
    only_updated = st.toggle(
        "Kun opdaterede", key=ONLY_UPDATED, disabled=not since,
        help="Vis kun de indikatorer, der har nye tal siden den valgte bestyrelsespræsentation.",
    ) and bool(since)
    st.caption(
        "Pilen viser ændringen på landsplan siden samme periode året før: blå ▲▼ er i den ønskede retning, "
        "orange ▲▼ i den modsatte. Bedst og dårligst er blandt de fem regioner. Klik på en indikator for "
        "at se den i bilagets format."
    )
    return only_updated


def _goal_area_tables(
    overview: pl.DataFrame, updated: set[str], only_updated: bool, attainment: dict, national_changes: dict,
) -> None:
    """One table per goal area (only the updated indicators when asked)."""
    for (area, title), rows in overview.group_by(["goal_area", "goal_area_title_da"], maintain_order=True):
        if only_updated:
            rows = rows.filter(pl.col("indicator_id").is_in(list(updated)))
            if rows.is_empty():
                continue
        st.subheader(f"{area}. {title}")
        confidential_mark(rows)
        gaps = data.insights()
        shown = [{**r, "gap_label": gap_label(gaps, r["indicator_id"], r["period"])} for r in rows.to_dicts()]
        st.markdown(
            overview_table(shown, updated, _region_short_names(), attainment, national_changes),
            unsafe_allow_html=True,
        )


def _regions_matrix(overview: pl.DataFrame, quarter: str | None, targets: pl.DataFrame) -> None:
    """"Hvor står regionerne?": the regions × indicators matrix, coloured as the reader chooses."""
    st.header("Hvor står regionerne?")
    color_by = st.radio(
        "Farve efter", list(COLOR_MODES), format_func=COLOR_MODES.get, key="nt_matrix_colour", horizontal=True,
    )
    st.caption(MATRIX_CAPTIONS[color_by])
    with_data = overview.filter(pl.col("period").is_not_null())
    distances = data.overview_distances(quarter)
    confidential_mark(overview)
    # an HTML table, not a plotly chart: the board's first page needs no plotly.js (the exports
    # draw the same matrix with distance_matrix_figure, in the same colours)
    matrix = distance_matrix_html(
        distances, with_data, link=_matrix_link, region_link=lambda r: region_link(r, quarter or None),
        color_by=color_by, targets=targets,
    )
    # a box that scrolls where the page is narrower than the matrix (dashboards/table_css.py)
    st.markdown(
        MATRIX_CSS + f"<div class='nt-matrix-fit'><div class='nt-matrix-scroll'>{matrix}</div></div>",
        unsafe_allow_html=True,
    )
    with st.expander("Hvad betyder (+) og (−)?"):
        st.markdown(paragraph("Sikkerhedsintervaller"))
        st.markdown(paragraph("Signifikant bedre"))


MATRIX_CAPTIONS = {
    "significance": (
        "Hver celle viser regionens tal i indikatorens seneste periode. Farven viser, om regionen er "
        "signifikant bedre (blå) eller dårligere (orange) end hele landet (95 %-sikkerhedsinterval); hvor "
        "det ikke kan testes, men der er et måltal, om måltallet er nået (lyseblå) eller ikke (lys orange). "
        "Klik på en region for at se den på alle indikatorer og gå videre til dens kommuner og sygehuse."
    ),
    "distance": (
        "Hver celle viser regionens tal i indikatorens seneste periode. Farven viser afstanden til den bedste "
        "region for indikatoren: lys er bedst, mørk er længst fra den bedste (afstanden er regnet om til "
        "en skala fra 0 til 1 for hver indikator, så en lille spredning farves lige så mørkt som en stor). "
        "(+) og (−) efter tallet: regionen er signifikant bedre eller dårligere end hele landet. Klik på en "
        "region for at se den på alle indikatorer og gå videre til dens kommuner og sygehuse."
    ),
}


COLOR_MODES = {
    "significance": "Signifikans mod hele landet",
    "distance": "Afstand til bedste (strakt pr. indikator)",
}


def _worse_and_worsening(quarter: str | None) -> None:
    # the period shown per indicator, the order and the names: the named query's join
    rows = data.worse_and_worsening(quarter).to_dicts()
    if not rows:
        return
    st.subheader(f"{WORSE_AND_WORSENING} ({len(rows)})")
    st.markdown(
        "Regioner, der er signifikant dårligere end landet og har en signifikant udvikling i den forkerte retning "
        "over de seneste fem sammenlignelige perioder."
    )
    st.markdown(worse_and_worsening_table(rows), unsafe_allow_html=True)
    with st.expander("Hvad betyder det?"):
        st.markdown(paragraph("Signifikant bedre"))
        st.markdown(paragraph("Stigende"))


def _matrix_link(indicator_id: str, region_id: str, period: str) -> str:
    return indicator_link(indicator_id, period, region_id)


def _region_short_names() -> dict[str, str]:
    from dashboards.filters import region_names

    return region_names()
