"""Region: one region across all indicators, the areas needing attention first.

Per indicator (latest period by the chosen quarter): the region's value, the national value,
the best and worst region, the region's distance to the best now and a year earlier, and its
movement (mart_distance_to_best). Selecting a row opens that indicator's page with the region
highlighted.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from dashboards import data, filters, navigation
from dashboards.marks import confidential_mark
from dashboards.views.overview import DESIRED_COLOR, TABLE_CSS, UNDESIRED_COLOR, nb
from noegletal.figures.matrix import normalised_distances
from noegletal.formatting import (
    NO_DATA,
    format_difference,
    format_shown_value,
    format_value,
    join_da,
    period_label,
    period_long_label,
)

FAR = 0.5  # normalised distance from which a region counts as far from the best

GROUP_TITLES = {
    0: "Langt fra bedste og lægger afstand",
    1: "Langt fra bedste",
    2: "Lægger afstand",
    3: "Tæt på bedste",
    4: f"Regionen har {NO_DATA}",
}
ATTENTION = {
    0: "Langt fra bedste og lægger afstand",
    1: "Langt fra bedste",
    2: "Lægger afstand",
    3: "",
    4: NO_DATA,
}


def attention_rank(norm: float | None, movement: str | None) -> int:
    """0 (most in need of attention) to 4 (no data): far from the best and falling behind first."""
    if norm is None:
        return 4
    far, behind = norm >= FAR, movement == "lægger afstand"
    return 0 if far and behind else 1 if far else 2 if behind else 3


def region_name_of(region_id: str) -> str:
    return filters.region_names().get(region_id, region_id)


def region_rows(region_id: str, overview: pl.DataFrame, distances: pl.DataFrame) -> list[dict]:
    """One row per indicator with data, sorted by attention then by distance (normalised)."""
    names = filters.region_names()
    norm = normalised_distances(distances)
    by_key = {(r["indicator_id"], r["region_id"]): r for r in distances.to_dicts()}
    out = []
    for ind in overview.filter(pl.col("period").is_not_null()).to_dicts():
        unit, decimals = ind["unit"], ind["decimals"]
        own = by_key.get((ind["indicator_id"], region_id), {})
        n = norm.get((ind["indicator_id"], region_id))
        rank = attention_rank(n, own.get("movement"))

        def regions(ids, value):
            listed = [names.get(r, r) for r in (ids or "").split(",") if r]
            return f"{join_da(listed)} ({format_value(value, unit, decimals)})" if listed else NO_DATA

        out.append({
            "indicator_id": ind["indicator_id"],
            "period": ind["period"],
            "_rank": rank,
            "_norm": -1.0 if n is None else n,
            "Opmærksomhed": ATTENTION[rank],
            "Område": ind["goal_area"],
            "Indikator": ind["name_da"],
            "Periode": period_label(ind["period"]),
            region_name_of(region_id): format_shown_value(own.get("value"), unit, decimals, own.get("suppression_reason")),
            "Hele landet": format_shown_value(
                ind["national_value"], unit, decimals, ind["national_suppression_reason"]
            ),
            "Bedst": regions(ind["best_regions"], ind["best_value"]),
            "Dårligst": regions(ind["worst_regions"], ind["worst_value"]),
            "Afstand til bedste": format_difference(own.get("distance_to_best"), unit, decimals),
            "For et år siden": format_difference(own.get("distance_to_best_year_ago"), unit, decimals),
            "Bevægelse": own.get("movement") or NO_DATA,
        })
    out.sort(key=lambda r: (r["_rank"], -r["_norm"]))
    return out


def render() -> None:
    selection = navigation.selection()
    region_id, quarter = selection.region_id, selection.quarter
    names = filters.region_names()
    region_name = names.get(region_id, region_id)

    st.title(f"Region {region_name}" if region_id != "hele_landet" else region_name)
    shown = "seneste tal" if not quarter else f"tal til og med {period_long_label(quarter)}"
    st.markdown(
        f"Regionen på alle indikatorer, {shown}. Øverst de områder, hvor regionen ligger langt fra den bedste "
        "region (i den dårligste halvdel af spændet mellem bedste og dårligste) og lægger afstand til den."
    )
    overview = data.indicator_overview(quarter)
    distances = data.overview_distances(quarter)
    rows = region_rows(region_id, overview, distances)
    if not rows:
        st.info(f"Der er {NO_DATA} i lageret endnu.", icon=":material/info:")
        return

    counts = {rank: sum(1 for r in rows if r["_rank"] == rank) for rank in ATTENTION}
    cols = st.columns(4)
    cols[0].metric("Langt fra bedste og lægger afstand", counts[0])
    cols[1].metric("Langt fra bedste", counts[1])
    cols[2].metric("Lægger afstand", counts[2])
    cols[3].metric("Indikatorer med data", len(rows) - counts[4])

    confidential_mark(overview, published="embargo_published_at")
    st.markdown(TABLE_CSS, unsafe_allow_html=True)
    for rank, title in GROUP_TITLES.items():
        group = [r for r in rows if r["_rank"] == rank]
        if group:
            st.subheader(f"{title} ({len(group)})")
            st.markdown(_table(group, region_id, region_name), unsafe_allow_html=True)
    st.caption(
        "Afstand til bedste er i indikatorens enhed (pct.-point for procenter). Bevægelse: «henter ind», når "
        "afstanden til bedste er blevet mindre siden samme periode året før, «lægger afstand», når den er vokset. "
        "Klik på en indikator for at åbne den med regionen fremhævet."
    )

    left, right = st.columns([3, 1], vertical_alignment="bottom")
    labels = {r["indicator_id"]: r["Indikator"] for r in rows}
    wanted = left.selectbox("Åbn indikator", list(labels), format_func=labels.get, key="nt_region_open")
    if right.button(f"Vis for {region_name}", key="nt_region_open_button", type="primary"):
        period = next(r["period"] for r in rows if r["indicator_id"] == wanted)
        filters.open_indicator(navigation.page("indikator"), wanted, period, region_id)


COLUMNS = ("Periode", "REGION", "Hele landet", "Bedst", "Dårligst", "Afstand til bedste", "For et år siden", "Bevægelse")
WIDTHS = (20, 7, 9, 9, 12, 12, 10, 10, 11)


def _table(rows: list[dict], region_id: str, region_name: str) -> str:
    cols = "".join(f"<col style='width:{w}%'>" for w in WIDTHS)
    numeric = {"REGION", "Hele landet", "Afstand til bedste", "For et år siden"}
    head = "<th>Indikator</th>" + "".join(
        f"<th class='num'>{escape(region_name if c == 'REGION' else c)}</th>" if c in numeric
        else f"<th>{escape(c)}</th>" for c in COLUMNS
    )
    body = []
    for row in rows:
        link = "indikator?" + urlencode(
            {"page": "indikator", "indicator": row["indicator_id"], "period": row["period"], "region": region_id}
        )
        cells = [f"<td class='ind'><a href='{escape(link)}' target='_self'>{escape(row['Indikator'])}</a></td>"]
        for c in COLUMNS:
            value = row[region_name if c == "REGION" else c]
            if c == "Bevægelse":
                color = {"henter ind": DESIRED_COLOR, "lægger afstand": UNDESIRED_COLOR}.get(value)
                style = f" style='color:{color}; font-weight:600'" if color else " class='muted'"
                cells.append(f"<td><span{style}>{escape(value)}</span></td>")
            elif c in numeric:
                cells.append(f"<td class='num wrap'>{nb(str(value))}</td>")
            elif c == "Periode":
                cells.append(f"<td class='nowrap'>{escape(str(value))}</td>")
            else:
                cells.append(f"<td>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table class='nt-overview'><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
