"""Region: one region across all indicators, the areas needing attention first.

Per indicator (latest period by the chosen quarter): the region's value, the national value,
the best and worst region, the region's distance to the best now and a year earlier, and its
movement, grouped by mart_indicator_level's attention_group (the named query overview_distances
gives the order); the region's classification against the national value and against the best
region's value, and its recent trend (mart_region_comparison): the named query region_attention,
whose rows (mart_region_attention) include the indicators where the region has no value. Indicators where the region is
significantly worse than the national value and moving the wrong way are listed first. Selecting a row opens that
indicator's page with the region highlighted; "Se enheder" opens the region's units (Enheder)
for indicators with unit data.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import a11y, data, filters, navigation
from dashboards.html_tables import region_table
from dashboards.table_css import REGION_TABLE_CSS, TABLE_CSS
from dashboards.labels import IS_BEST, NO_TEST, WORSE_AND_WORSENING
from dashboards.marks import PLOTLY_CONFIG, confidential_mark
from dashboards.target_text import met_by_region, met_text
from dashboards.methods_text import paragraph
from noegletal.figures import spine_figure
from noegletal.content.chart_text import spine_text
from noegletal.figures.spine import spine_rows
from noegletal.formatting import (
    NO_DATA,
    format_difference,
    format_shown_value,
    shown_decimals,
    format_value,
    join_da,
    period_label,
    period_long_label,
)

# mart_indicator_level's attention_group, significant and large gaps first: 1 signifikant dårligere
# og forværret, 2 signifikant dårligere end landet, 3 langt fra bedste og lægger afstand, 4 langt
# fra bedste (or significantly worse than the best), 5 lægger afstand, 6 tæt på bedste, 7 ingen data
FLAGGED, CLOSE, NO_VALUE = 1, 6, 7
# the four counts over the groups, each mart_region_attention's flag (counting its rows is layout)
COUNTS = {
    "Signifikant dårligere end landet": "is_worse_than_national",
    "Langt fra bedste": "is_far_from_best",
    "Lægger afstand": "is_falling_behind",
    "Indikatorer med data": "has_value",
}
CATCHING_UP_NOTE = (
    "»Henter ind« betyder, at afstanden til den bedste region er blevet mindre. Regionens eget tal kan "
    "samtidig gå den forkerte vej: så er den bedste region faldet endnu mere."
)
GROUP_TITLES = {NO_VALUE: f"Regionen har {NO_DATA}"}  # else the mart's attention_group_da
SHOWN_IN_COLUMN = {CLOSE: "", NO_VALUE: NO_DATA}  # "Opmærksomhed" column: else the mart's label


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


def versus_best(test: dict) -> str:
    """The region's classification against the best region's value; "bedste region" when it is
    the best (mart_indicator_level's is_best)."""
    significance = test.get("significance_vs_best")
    if significance is None:
        return NO_TEST
    return IS_BEST if test.get("is_best") else significance


def region_rows(
    region_id: str, overview: pl.DataFrame, attention: pl.DataFrame, units: dict[str, list[str]] | None = None,
    targets: pl.DataFrame | None = None,
) -> list[dict]:
    """One row per indicator with data, in the order of the named query region_attention (attention
    group, then furthest from the best), "ingen data" rows included (mart_region_attention)."""
    names = filters.region_names()
    indicators = {r["indicator_id"]: r for r in overview.filter(pl.col("period").is_not_null()).to_dicts()}
    met = met_by_region(targets) if targets is not None else {}
    own_rows = attention.filter(pl.col("region_id") == region_id).to_dicts()
    return [
        _region_row(region_id, own, indicators[own["indicator_id"]], units or {}, met, names)
        for own in own_rows if own["indicator_id"] in indicators
    ]


def _ranks(ids: str | None, value, unit: str, decimals: int, names: dict[str, str]) -> tuple[str | None, str | None]:
    """(the region or regions, their value): html_tables.ranked lays it out."""
    listed = [names.get(r, r) for r in (ids or "").split(",") if r]
    return join_da(listed) if listed else None, None if value is None else format_value(value, unit, decimals)


def _region_row(region_id: str, own: dict, ind: dict, units: dict[str, list[str]], met: dict, names: dict[str, str]) -> dict:
    # the period's values share their decimals (mart_indicator_overview.value_decimals)
    unit, decimals = ind["unit"], shown_decimals(ind, ind)
    group = own["attention_group"]
    return {
        "indicator_id": ind["indicator_id"],
        "period": ind["period"],
        "_group": group,
        "_group_title": GROUP_TITLES.get(group, own.get("attention_group_da")),
        **{f"_{flag}": own[flag] for flag in COUNTS.values()},
        "Opmærksomhed": SHOWN_IN_COLUMN.get(group, own.get("attention_group_da")),
        "Område": ind["goal_area"],
        "Indikator": ind["name_da"],
        "Periode": period_label(ind["period"]),
        region_name_of(region_id): format_shown_value(own.get("value"), unit, decimals, own.get("suppression_reason")),
        "Hele landet": format_shown_value(ind["national_value"], unit, decimals, ind["national_suppression_reason"]),
        "Bedst": _ranks(ind["best_regions"], ind["best_value"], unit, decimals, names),
        "Dårligst": _ranks(ind["worst_regions"], ind["worst_value"], unit, decimals, names),
        "Afstand til bedste": format_difference(own.get("distance_to_best"), unit, decimals),
        "For et år siden": format_difference(own.get("distance_to_best_year_ago"), unit, decimals),
        "Bevægelse": (own.get("movement") or NO_DATA) + ("*" if own.get("is_catching_up_while_worsening") else ""),
        "Mod landet": own.get("significance_vs_national") or NO_TEST,
        "Mod bedste": versus_best(own),
        "Tendens": own.get("trend") or NO_TEST,
        "Måltal": (
            None if ind.get("target") is None
            else f"måltal {format_value(ind['target'], unit, ind['decimals'])}: "
            + (met_text(met.get((ind["indicator_id"], region_id))) or NO_DATA)
        ),
        "_units_period": (
            unit_period(units[ind["indicator_id"]], ind["period"]) if ind["indicator_id"] in units else None
        ),
    }


def _gap_sentences(region_id: str, rows: list[dict]) -> None:
    """What the distance to the best region means for the region's patients, per indicator shown."""
    from html import escape

    from noegletal.content.insights import region_gap_sentence

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
    region_name = filters.region_names().get(region_id, region_id)

    st.title(f"Region {region_name}" if region_id != "hele_landet" else region_name)
    shown = "seneste tal" if not quarter else f"tal til og med {period_long_label(quarter)}"
    st.markdown(
        f"Regionen på alle indikatorer, {shown}. Øverst de områder, hvor regionen er signifikant dårligere end "
        "hele landet, derefter dem, hvor den ligger langt fra den bedste region (i den dårligste halvdel af "
        "spændet mellem bedste og dårligste) og lægger afstand til den."
    )
    overview = data.indicator_overview(quarter)
    distances = data.overview_distances(quarter)
    targets = data.overview_targets(quarter)
    attention = data.query("region_attention", region_id=region_id, period=quarter or "")
    rows = region_rows(region_id, overview, attention, unit_links(region_id, data.unit_coverage()), targets)
    if not rows:
        st.info(f"Der er {NO_DATA} i lageret endnu.", icon=":material/info:")
        return
    _spine(overview, distances, targets, region_id, region_name, quarter)
    _counts(rows)
    confidential_mark(overview)
    _tables(rows, region_id, region_name)
    _gap_sentences(region_id, rows)
    with st.expander("Hvad betyder »Mod landet«, »Mod bedste« og »Tendens«?"):
        st.markdown(paragraph("Signifikant bedre"))
        st.markdown(paragraph("Stigende"))
        st.caption(
            f"»{NO_TEST}«: intet sikkerhedsinterval (tæller og nævner er ikke kendt) eller færre end fem "
            "sammenlignelige perioder. Se siden Metode."
        )
    _open_buttons(rows, region_id, region_name)


def _spine(overview, distances, targets, region_id: str, region_name: str, quarter) -> None:
    """The region on every indicator in one chart, with its text alternative and table view."""
    st.subheader(f"{region_name} på alle indikatorer")
    st.caption(
        "Hver linje er en indikator. Den sorte streg er hele landet, den grå bjælke spændet fra den dårligste "
        "til den bedste region, bedre altid til højre. Prikken er regionen: blå er signifikant bedre end hele "
        "landet, orange signifikant dårligere, hvid ikke signifikant forskellig, grå ruder ikke testet "
        "(tæller og nævner er ikke kendt). Hold musen over en prik for tallene."
    )
    confidential_mark(overview)
    spine = data.cached_figure(
        "spine", lambda: spine_figure(overview, distances, region_id, region_name, targets),
        region_id=region_id, quarter=quarter,
    )
    st.plotly_chart(spine, theme=None, config=PLOTLY_CONFIG, key="spine")
    a11y.chart_alternative(spine_text(spine_rows(overview, distances, region_id, targets), region_name), key="spine")


def _counts(rows: list[dict]) -> None:
    """The four counts over the attention groups, and the regions' worst case named."""
    for col, (label, count) in zip(st.columns(4), group_counts(rows).items()):
        col.metric(label, count)
    flagged = [r for r in rows if r["_group"] == FLAGGED]
    if flagged:
        st.error(
            f"**{WORSE_AND_WORSENING}** på {len(flagged)} "
            + ("indikator" if len(flagged) == 1 else "indikatorer")
            + ": " + join_da(r["Indikator"] for r in flagged) + ". Regionen er signifikant dårligere end landet "
            "og har en signifikant udvikling i den forkerte retning over de seneste fem sammenlignelige perioder.",
            icon=":material/trending_down:",
        )


def group_counts(rows: list[dict]) -> dict[str, int]:
    """The page's four counts: the rows mart_region_attention puts in each."""
    return {label: sum(1 for r in rows if r[f"_{flag}"]) for label, flag in COUNTS.items()}


def _tables(rows: list[dict], region_id: str, region_name: str) -> None:
    """One table per attention group, most urgent first."""
    st.markdown(TABLE_CSS + REGION_TABLE_CSS, unsafe_allow_html=True)
    for group in range(FLAGGED, NO_VALUE + 1):
        members = [r for r in rows if r["_group"] == group]
        if members:
            st.subheader(f"{members[0]['_group_title']} ({len(members)})")
            st.markdown(region_table(members, region_id, region_name), unsafe_allow_html=True)
    if any(r["Bevægelse"].endswith("*") for r in rows):
        st.info(f"\\* {CATCHING_UP_NOTE}", icon=":material/info:")
    st.caption(
        "Afstand til bedste er i indikatorens enhed (pct.-point for procenter). Bevægelse: »henter ind«, når "
        "afstanden til bedste er blevet mindre siden samme periode året før, »lægger afstand«, når den er vokset. "
        "Klik på en indikator for at åbne den med regionen fremhævet, og på »Se enheder« for regionens kommuner "
        "eller sygehuse."
    )


def _open_buttons(rows: list[dict], region_id: str, region_name: str) -> None:
    """Open an indicator with the region highlighted, or the region's units."""
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
