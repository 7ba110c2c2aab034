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

from html import escape
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from dashboards import data, navigation
from dashboards.pack_download import render_pack_download
from noegletal.exports.insights import gap_label
from dashboards.marks import confidential_mark
from dashboards.methods_text import paragraph
from noegletal.figures import distance_matrix_html
from noegletal.figures.palette import MUTED_TEXT_COLOR
from noegletal.formatting import (
    NO_DATA,
    format_date,
    format_difference,
    format_shown_value,
    format_value,
    join_da,
    period_label,
    period_long_label,
)

DESIRED_COLOR = "#0072B2"  # Okabe–Ito blue
UNDESIRED_COLOR = "#D55E00"  # Okabe–Ito vermillion
UPDATED = "opdateret"

TABLE_CSS = """
<style>
table.nt-overview { width: 100%; border-collapse: collapse; font-size: 1rem; margin-bottom: 0.5rem; table-layout: fixed; }
table.nt-overview th { text-align: left; font-weight: 600; color: #444; border-bottom: 2px solid #888;
  padding: 0.3rem 0.5rem; font-size: 0.9rem; }
table.nt-overview td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; vertical-align: top; }
table.nt-overview td.num { text-align: right; }
table.nt-overview th.num { text-align: right; }
table.nt-overview td.nowrap { white-space: nowrap; }
table.nt-overview td.wrap { white-space: normal; }
table.nt-overview td.ind a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
table.nt-overview tr.updated td.ind a { font-weight: 700; }
table.nt-overview .badge { font-size: 0.8rem; font-weight: 700; color: #fff; background: #0072B2;
  border-radius: 0.3rem; padding: 0 0.35rem; margin-left: 0.4rem; white-space: nowrap; }
table.nt-overview .muted { color: #666; font-size: 0.85rem; }
table.nt-overview .nodata { color: #666; font-style: italic; }
</style>
"""


MATRIX_CSS = """
<style>
table.nt-matrix { border-collapse: separate; border-spacing: 2px; font-size: 0.95rem; width: 100%; table-layout: fixed; }
table.nt-matrix th { font-weight: 600; text-align: center; padding: 0.3rem; font-size: 1rem; }
table.nt-matrix thead th { position: sticky; top: 3.75rem; background: #fff; z-index: 1; }
table.nt-matrix th.name { text-align: right; font-weight: 400; width: 34%; padding-right: 0.6rem; }
table.nt-matrix td { text-align: center; padding: 0.3rem 0.2rem; cursor: default; }
table.nt-matrix td span.v { white-space: nowrap; }
table.nt-matrix td a { text-decoration: none; }
table.nt-matrix thead a { color: #1A1A1A; text-decoration: none; border-bottom: 1px dotted #888; }
div.nt-matrix-legend { font-size: 0.9rem; color: #555; margin-bottom: 0.3rem; }
div.nt-matrix-legend span { display: inline-block; width: 2rem; height: 0.9rem; vertical-align: middle;
  border: 1px solid #ccc; }
</style>
"""


def nb(text: str) -> str:
    """HTML-escaped text in which 'pct.-point' does not break at its hyphen."""
    return escape(text).replace("pct.-point", "pct.&#8209;point")


def render() -> None:
    selection = navigation.selection()
    quarter, since = selection.quarter, selection.since
    overview = data.indicator_overview(quarter)
    updated = data.indicators_updated_since(since.isoformat()) if since else set()

    st.title("Nøgletal for de nationale mål")
    shown = "seneste tal" if not quarter else f"tal til og med {period_long_label(quarter)}"
    intro = f"Alle indikatorer under de otte målområder, {shown}."
    if since:
        intro += (
            f" Indikatorer med **fed** og «{UPDATED}» har nye tal siden bestyrelsens præsentation "
            f"{format_date(since)}."
        )
    st.markdown(intro)
    st.caption(
        "Pilen viser ændringen på landsplan siden samme periode året før: blå ▲▼ er i den ønskede retning, "
        "orange ▲▼ i den modsatte. Bedst og dårligst er blandt de fem regioner. Klik på en indikator for "
        "at se den i bilagets format."
    )
    if overview.is_empty():
        st.info(f"Der er {NO_DATA} i lageret endnu.", icon=":material/info:")
        return

    st.markdown(TABLE_CSS, unsafe_allow_html=True)
    _worse_and_worsening(overview)
    for (area, title), rows in overview.group_by(["goal_area", "goal_area_title_da"], maintain_order=True):
        st.subheader(f"{area}. {title}")
        confidential_mark(rows, published="embargo_published_at")
        gaps = data.insights()
        shown = [{**r, "gap_label": gap_label(gaps, r["indicator_id"], r["period"])} for r in rows.to_dicts()]
        st.markdown(_table(shown, updated), unsafe_allow_html=True)

    st.header("Hvor står regionerne?")
    st.caption(
        "Hver celle viser regionens tal i indikatorens seneste periode. Farven viser afstanden til den bedste "
        "region for indikatoren: lys er bedst, mørk er længst fra den bedste (afstanden er regnet om til "
        "en skala fra 0 til 1 for hver indikator, så indikatorer med forskellige enheder kan sammenlignes). "
        "(+) og (−) efter tallet: regionen er signifikant bedre eller dårligere end hele landet. Klik på en "
        "region for at se den på alle indikatorer og gå videre til dens kommuner og sygehuse."
    )
    with_data = overview.filter(pl.col("period").is_not_null())
    distances = data.overview_distances(quarter)
    confidential_mark(overview, published="embargo_published_at")
    # an HTML table, not a plotly chart: the board's first page needs no plotly.js (the exports
    # draw the same matrix with distance_matrix_figure, in the same colours)
    st.markdown(
        MATRIX_CSS + distance_matrix_html(distances, with_data, link=_indicator_link, region_link=_region_link),
        unsafe_allow_html=True,
    )
    with st.expander("Hvad betyder (+) og (−)?"):
        st.markdown(paragraph("Sikkerhedsintervaller"))
        st.markdown(paragraph("Signifikant bedre"))
    missing = overview.filter(pl.col("period").is_null())["name_da"].to_list()
    if missing:
        st.caption(f"Uden data ({NO_DATA}): " + join_da(missing) + ".")
    render_pack_download(quarter, since)


WORSE_AND_WORSENING = "Signifikant dårligere og forværret"


def worse_and_worsening_rows(overview: pl.DataFrame, flagged: pl.DataFrame) -> list[dict]:
    """The flagged regions on each indicator in the period the overview shows for it, in the
    overview's (appendix) order, regions in their fixed order."""
    from dashboards.filters import region_names

    names = region_names()
    shown = {(r["indicator_id"], r["period"]): r for r in overview.filter(pl.col("period").is_not_null()).to_dicts()}
    order = {r["indicator_id"]: i for i, r in enumerate(overview.to_dicts())}
    regions = list(names)
    out = []
    for row in flagged.to_dicts():
        ind = shown.get((row["indicator_id"], row["period"]))
        if ind is None:
            continue
        out.append({**row, "name_da": ind["name_da"], "unit": ind["unit"], "decimals": ind["decimals"],
                    "region_name": names.get(row["region_id"], row["region_id"])})
    out.sort(key=lambda r: (order[r["indicator_id"]], regions.index(r["region_id"]) if r["region_id"] in regions else 99))
    return out


def _worse_and_worsening(overview: pl.DataFrame) -> None:
    rows = worse_and_worsening_rows(overview, data.worse_and_worsening())
    if not rows:
        return
    st.subheader(f"{WORSE_AND_WORSENING} ({len(rows)})")
    st.markdown(
        "Regioner, der er signifikant dårligere end landet og har en signifikant udvikling i den forkerte retning "
        "over de seneste fem sammenlignelige perioder."
    )
    cols = "".join(f"<col style='width:{w}%'>" for w in (34, 14, 10, 14, 14, 14))
    head = (
        "<tr><th>Indikator</th><th>Region</th><th>Periode</th><th class='num'>Regionen</th>"
        "<th class='num'>Hele landet</th><th>Tendens</th></tr>"
    )
    body = []
    for r in rows:
        link = _region_link(r["region_id"])
        body.append(
            f"<tr><td class='ind'>{escape(r['name_da'])}</td>"
            f"<td><a href='{escape(link)}' target='_self'>{escape(r['region_name'])}</a></td>"
            f"<td class='nowrap'>{escape(period_label(r['period']))}</td>"
            f"<td class='num'>{escape(format_value(r['value'], r['unit'], r['decimals']))}</td>"
            f"<td class='num'>{escape(format_value(r['national_value'], r['unit'], r['decimals']))}</td>"
            f"<td><span style='color:{UNDESIRED_COLOR}; font-weight:600'>{escape(r['trend'] or '')}</span></td></tr>"
        )
    st.markdown(
        f"<table class='nt-overview'><colgroup>{cols}</colgroup><thead>{head}</thead>"
        f"<tbody>{''.join(body)}</tbody></table>",
        unsafe_allow_html=True,
    )
    with st.expander("Hvad betyder det?"):
        st.markdown(paragraph("Signifikant bedre"))
        st.markdown(paragraph("Stigende"))


def _region_link(region_id: str) -> str:
    return "regioner?" + urlencode({"page": "region", "region": region_id})


def _indicator_link(indicator_id: str, region_id: str, period: str) -> str:
    return "indikator?" + urlencode({"page": "indikator", "indicator": indicator_id, "period": period, "region": region_id})


def _table(rows: list[dict], updated: set[str]) -> str:
    names = _region_short_names()
    cols = "".join(f"<col style='width:{w}%'>" for w in (22, 7, 10, 11, 10, 12, 12, 8, 8))
    head = (
        "<tr><th>Indikator</th><th>Seneste periode</th><th class='num'>Hele landet</th>"
        "<th class='num'>Ændring på et år</th><th class='num'>Regional variation</th>"
        "<th>Bedst</th><th>Dårligst</th>"
        "<th class='num' title='Hvor mange flere patienter (forløb, patientdage), hvis alle regioner havde haft "
        "den bedste regions niveau'>Gevinst ved bedste</th><th>Måltal</th></tr>"
    )
    body = []
    for row in rows:
        body.append(_row(row, row["indicator_id"] in updated, names))
    return f"<table class='nt-overview'><colgroup>{cols}</colgroup><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"


def _row(row: dict, is_updated: bool, names: dict[str, str]) -> str:
    unit, decimals = row["unit"], row["decimals"]
    link = "indikator?" + urlencode(
        {"page": "indikator", "indicator": row["indicator_id"], **({"period": row["period"]} if row["period"] else {})}
    )
    name = f"<a href='{escape(link)}' target='_self'>{escape(row['name_da'])}</a>"
    if is_updated:
        name += f"<span class='badge'>{UPDATED}</span>"
    cls = " class='updated'" if is_updated else ""
    if row["period"] is None:
        return (
            f"<tr{cls}><td class='ind'>{name}</td><td class='nodata' colspan='8'>{NO_DATA}</td></tr>"
        )
    national = format_shown_value(row["national_value"], unit, decimals, row["national_suppression_reason"])
    if row["national_is_provisional"]:
        national += "<br><span class='muted'>foreløbigt, før efterregistreringer</span>"
    return (
        f"<tr{cls}><td class='ind'>{name}</td>"
        f"<td class='nowrap'>{escape(period_label(row['period']))}</td>"
        f"<td class='num'>{escape(national) if '<br>' not in national else national}</td>"
        f"<td class='num'>{_change(row)}</td>"
        f"<td class='num'>{nb(format_difference(row['variation'], unit, decimals))}</td>"
        f"<td>{_regions(row['best_regions'], row['best_value'], unit, decimals, names)}</td>"
        f"<td>{_regions(row['worst_regions'], row['worst_value'], unit, decimals, names)}</td>"
        f"<td class='num'>{escape(row.get('gap_label') or '–')}</td>"
        f"<td>{_target(row)}</td></tr>"
    )


def _change(row: dict) -> str:
    change = row["national_change"]
    if change is None:
        return f"<span class='nodata' title='Ingen sammenlignelige tal et år før'>{NO_DATA}</span>"
    text = format_difference(change, row["unit"], row["decimals"], signed=True)
    assessment = row["change_assessment"]
    if assessment == "uændret" or not text.startswith(("+", "-")):
        return f"<span style='color:{MUTED_TEXT_COLOR}' title='uændret'>► {nb(text)}</span>"
    arrow = "▲" if change > 0 else "▼"
    desired = assessment == "ønsket"
    color = DESIRED_COLOR if desired else UNDESIRED_COLOR
    tip = ("ønsket retning" if desired else "modsat ønsket retning") + f", siden {period_long_label(row['comparison_period'])}"
    return (
        f"<span style='color:{color}; font-weight:600' title='{escape(tip)}'>"
        f"<span aria-label='{escape(tip)}'>{arrow}</span> {nb(text)}</span>"
    )


def _regions(ids: str | None, value: float | None, unit: str, decimals: int, names: dict[str, str]) -> str:
    regions = [names.get(r, r) for r in (ids or "").split(",") if r]
    if not regions or value is None:
        return f"<span class='nodata'>{NO_DATA}</span>"
    return f"{escape(join_da(regions))} <span class='muted'>({escape(format_value(value, unit, decimals))})</span>"


def _target(row: dict) -> str:
    if row["target"] is None:
        return "<span class='muted'>–</span>"
    target = format_value(row["target"], row["unit"], row["decimals"])
    status = row["target_status"]
    if status == "nået":
        return f"{escape(target)}: <b>nået</b> ✓"
    if status == "ikke nået":
        return f"{escape(target)}: ikke nået"
    return f"{escape(target)}: <span class='nodata'>{NO_DATA}</span>"


def _region_short_names() -> dict[str, str]:
    from dashboards.filters import region_names

    return region_names()
