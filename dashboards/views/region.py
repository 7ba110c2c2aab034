"""Region: one region across all indicators, the areas needing attention first.

Per indicator (latest period by the chosen quarter): the region's value, the national value,
the best and worst region, the region's distance to the best now and a year earlier, and its
movement (mart_distance_to_best); the region's classification against the national value and
against the best region's value, and its recent trend (mart_region_comparison). Indicators where the region is significantly worse than
the national value and moving the wrong way are listed first. Selecting a row opens that
indicator's page with the region highlighted; "Se enheder" opens the region's units (Enheder)
for indicators with unit data.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import polars as pl
import streamlit as st

from dashboards import data, filters, navigation
from dashboards.marks import confidential_mark
from dashboards.methods_text import paragraph
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

FLAGGED = -1  # significantly worse than the national value and worsening: listed first
WORSE_AND_WORSENING = "Signifikant dårligere og forværret"
NO_TEST = "–"

GROUP_TITLES = {
    FLAGGED: WORSE_AND_WORSENING,
    0: "Langt fra bedste og lægger afstand",
    1: "Langt fra bedste",
    2: "Lægger afstand",
    3: "Tæt på bedste",
    4: f"Regionen har {NO_DATA}",
}
ATTENTION = {
    FLAGGED: WORSE_AND_WORSENING,
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


def unit_links(region_id: str, coverage: pl.DataFrame) -> dict[str, list[str]]:
    """indicator_id -> the periods with unit values in the region, newest first."""
    own = coverage.filter(region_id=region_id).sort("period_start", descending=True)
    out: dict[str, list[str]] = {}
    for row in own.to_dicts():
        out.setdefault(row["indicator_id"], []).append(row["period"])
    return out


def unit_period(periods: list[str], period: str) -> str:
    """The period to open the units in: the row's own if the units have it, else their latest."""
    return period if period in periods else periods[0]


IS_BEST = "bedste region"


def versus_best(test: dict) -> str:
    """The region's classification against the best region's value; "bedste region" when it is the best."""
    significance = test.get("significance_vs_best")
    if significance is None:
        return NO_TEST
    return IS_BEST if test.get("value") is not None and test.get("value") == test.get("best_value") else significance


def region_rows(
    region_id: str, overview: pl.DataFrame, distances: pl.DataFrame, comparison: pl.DataFrame | None = None,
    units: dict[str, list[str]] | None = None,
) -> list[dict]:
    """One row per indicator with data, sorted by attention then by distance (normalised); the
    indicators flagged significantly worse and worsening first."""
    names = filters.region_names()
    norm = normalised_distances(distances)
    by_key = {(r["indicator_id"], r["region_id"]): r for r in distances.to_dicts()}
    compared = {} if comparison is None else {(r["indicator_id"], r["period"]): r for r in comparison.to_dicts()}
    units = units or {}
    out = []
    for ind in overview.filter(pl.col("period").is_not_null()).to_dicts():
        unit, decimals = ind["unit"], ind["decimals"]
        own = by_key.get((ind["indicator_id"], region_id), {})
        n = norm.get((ind["indicator_id"], region_id))
        rank = attention_rank(n, own.get("movement"))
        test = compared.get((ind["indicator_id"], ind["period"]), {})
        if test.get("is_significantly_worse_and_worsening"):
            rank = FLAGGED

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
            "Mod landet": test.get("significance_vs_national") or NO_TEST,
            "Mod bedste": versus_best(test),
            "Tendens": test.get("trend") or NO_TEST,
            "_units_period": (
                unit_period(units[ind["indicator_id"]], ind["period"]) if ind["indicator_id"] in units else None
            ),
        })
    out.sort(key=lambda r: (r["_rank"], -r["_norm"]))
    return out


def _gap_sentences(region_id: str, rows: list[dict]) -> None:
    """What the distance to the best region means for the region's patients, per indicator shown."""
    from noegletal.exports.insights import region_gap_sentence

    if region_id == "hele_landet":
        return
    gaps = {(r["indicator_id"], r["period"]): r for r in data.query("region_patient_gaps", region_id=region_id).to_dicts()}
    sentences = [
        (r["Indikator"], region_gap_sentence(gaps[(r["indicator_id"], r["period"])], region_id))
        for r in rows if (r["indicator_id"], r["period"]) in gaps
    ]
    sentences = [(name, s) for name, s in sentences if s]
    if not sentences:
        return
    st.subheader("Gevinst ved bedste niveau")
    st.markdown("\n".join(f"- **{escape(name)}**: {escape(text)}" for name, text in sentences))


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
    comparison = data.region_comparison(region_id)
    units = unit_links(region_id, data.unit_coverage())
    rows = region_rows(region_id, overview, distances, comparison, units)
    if not rows:
        st.info(f"Der er {NO_DATA} i lageret endnu.", icon=":material/info:")
        return

    counts = {rank: sum(1 for r in rows if r["_rank"] == rank) for rank in ATTENTION}
    cols = st.columns(4)
    cols[0].metric("Langt fra bedste og lægger afstand", counts[0])
    cols[1].metric("Langt fra bedste", counts[1])
    cols[2].metric("Lægger afstand", counts[2])
    cols[3].metric("Indikatorer med data", len(rows) - counts[4])

    flagged = [r for r in rows if r["_rank"] == FLAGGED]
    if flagged:
        st.error(
            f"**{WORSE_AND_WORSENING}** på {len(flagged)} "
            + ("indikator" if len(flagged) == 1 else "indikatorer")
            + ": " + join_da(r["Indikator"] for r in flagged) + ". Regionen er signifikant dårligere end landet "
            "og har en signifikant udvikling i den forkerte retning over de seneste fem sammenlignelige perioder.",
            icon=":material/trending_down:",
        )

    confidential_mark(overview, published="embargo_published_at")
    st.markdown(TABLE_CSS + REGION_TABLE_CSS, unsafe_allow_html=True)
    for rank, title in GROUP_TITLES.items():
        group = [r for r in rows if r["_rank"] == rank]
        if group:
            st.subheader(f"{title} ({len(group)})")
            st.markdown(_table(group, region_id, region_name), unsafe_allow_html=True)
    st.caption(
        "Afstand til bedste er i indikatorens enhed (pct.-point for procenter). Bevægelse: «henter ind», når "
        "afstanden til bedste er blevet mindre siden samme periode året før, «lægger afstand», når den er vokset. "
        "Klik på en indikator for at åbne den med regionen fremhævet, og på «Se enheder» for regionens kommuner "
        "eller sygehuse."
    )
    _gap_sentences(region_id, rows)
    with st.expander("Hvad betyder «Mod landet», «Mod bedste» og «Tendens»?"):
        st.markdown(paragraph("Signifikant bedre"))
        st.markdown(paragraph("Stigende"))
        st.caption(
            f"«{NO_TEST}»: intet sikkerhedsinterval (tæller og nævner er ikke kendt) eller færre end fem "
            "sammenlignelige perioder. Se siden Metode."
        )

    left, right = st.columns([3, 1], vertical_alignment="bottom")
    labels = {r["indicator_id"]: r["Indikator"] for r in rows}
    wanted = left.selectbox("Åbn indikator", list(labels), format_func=labels.get, key="nt_region_open")
    if right.button(f"Vis for {region_name}", key="nt_region_open_button", type="primary"):
        period = next(r["period"] for r in rows if r["indicator_id"] == wanted)
        filters.open_indicator(navigation.page("indikator"), wanted, period, region_id)

    with_units = [r for r in rows if r["_units_period"]]
    if with_units:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        unit_labels = {r["indicator_id"]: r["Indikator"] for r in with_units}
        wanted = left.selectbox(
            "Enheder under regionen", list(unit_labels), format_func=unit_labels.get, key="nt_region_units",
        )
        if right.button("Se enheder", key="nt_region_units_button"):
            period = next(r["_units_period"] for r in with_units if r["indicator_id"] == wanted)
            filters.open_units(navigation.page("enheder"), wanted, period, region_id)


COLUMNS = (
    "Periode", "REGION", "Hele landet", "Bedst", "Dårligst", "Afstand til bedste", "For et år siden", "Bevægelse",
    "Mod landet", "Mod bedste", "Tendens",
)
WIDTHS = (14, 6, 8, 7, 10, 10, 8, 7, 7, 7, 8, 8)
# twelve columns need a smaller type than the overview's eight to keep whole words in a column
REGION_TABLE_CSS = """
<style>
table.nt-region { font-size: 0.9rem; }
table.nt-region th { font-size: 0.82rem; padding: 0.3rem 0.35rem; }
table.nt-region td { padding: 0.35rem 0.35rem; }
</style>
"""
SIGNIFICANCE_COLORS = {"signifikant bedre": DESIRED_COLOR, "signifikant dårligere": UNDESIRED_COLOR}
# twelve columns: the cells say the short form under a "Signifikant ..." heading (a word as long
# as "signifikant" does not fit a column this narrow); the full classification is the tooltip
SHORT_SIGNIFICANCE = {
    "signifikant bedre": "bedre", "signifikant dårligere": "dårligere", "ikke signifikant forskellig": "ikke forskellig",
}
HEADINGS = {"Mod landet": "Signifikant mod landet", "Mod bedste": "Signifikant mod bedste"}


def _table(rows: list[dict], region_id: str, region_name: str) -> str:
    cols = "".join(f"<col style='width:{w}%'>" for w in WIDTHS)
    numeric = {"REGION", "Hele landet", "Afstand til bedste", "For et år siden"}
    head = "<th>Indikator</th>" + "".join(
        f"<th class='num'>{escape(region_name if c == 'REGION' else c)}</th>" if c in numeric
        else f"<th>{escape(HEADINGS.get(c, c))}</th>" for c in COLUMNS
    )
    body = []
    for row in rows:
        link = "indikator?" + urlencode(
            {"page": "indikator", "indicator": row["indicator_id"], "period": row["period"], "region": region_id}
        )
        units = ""
        if row["_units_period"]:
            units_link = "enheder?" + urlencode({
                "page": "enheder", "indicator": row["indicator_id"], "period": row["_units_period"], "region": region_id,
            })
            units = f"<br><a class='muted' href='{escape(units_link)}' target='_self'>Se enheder</a>"
        cells = [
            f"<td class='ind'><a href='{escape(link)}' target='_self'>{escape(row['Indikator'])}</a>{units}</td>"
        ]
        for c in COLUMNS:
            value = row[region_name if c == "REGION" else c]
            if c == "Bevægelse":
                color = {"henter ind": DESIRED_COLOR, "lægger afstand": UNDESIRED_COLOR}.get(value)
                style = f" style='color:{color}; font-weight:600'" if color else " class='muted'"
                cells.append(f"<td><span{style}>{escape(value)}</span></td>")
            elif c in ("Mod landet", "Mod bedste"):
                color = SIGNIFICANCE_COLORS.get(value)
                style = f" style='color:{color}; font-weight:600'" if color else (" class='muted'" if value == NO_TEST else "")
                cells.append(
                    f"<td><span{style} title='{escape(value)}'>{escape(SHORT_SIGNIFICANCE.get(value, value))}</span></td>"
                )
            elif c == "Tendens":
                style = " class='muted'" if value == NO_TEST else ""
                cells.append(f"<td><span{style}>{escape(value)}</span></td>")
            elif c in numeric:
                cells.append(f"<td class='num wrap'>{nb(str(value))}</td>")
            elif c == "Periode":
                cells.append(f"<td class='nowrap'>{escape(str(value))}</td>")
            else:
                cells.append(f"<td>{escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table class='nt-overview nt-region'><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
