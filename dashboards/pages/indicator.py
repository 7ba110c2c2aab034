"""Indikator: one indicator in the board appendix's format.

Development over time for the five regions and hele landet, distance to the best region now and
a year earlier, the current level of every region in numbers, the target where one is agreed,
and where the numbers come from. Deep link: /?indicator=udredningsret_somatik&period=2023K1.
"""

from __future__ import annotations

import streamlit as st

from dashboards import data
from noegletal import catalog
from noegletal.figures import distance_figure, timeseries_figure
from noegletal.formatting import (
    NO_DATA,
    describe_variation,
    format_count,
    format_date,
    format_datetime,
    format_difference,
    format_exact,
    format_number,
    format_value,
    period_label,
    period_long_label,
)
from noegletal.periods import parse_period

# session-state keys of the sidebar widgets
AREA, INDICATOR, PERIOD, REGION = "nt_goal_area", "nt_indicator", "nt_period", "nt_region"
NO_REGION = ""
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def render() -> None:
    indicator_list = data.indicator_list()
    if indicator_list.is_empty():
        st.info("Indikatorkataloget er tomt. Byg lageret med `noegletal build`.")
        return
    indicators = {row["indicator_id"]: row for row in indicator_list.to_dicts()}
    latest = {row["indicator_id"]: row["latest_period"] for row in data.latest_periods().to_dicts()}

    indicator_id, period, highlight_region = _sidebar(indicators, latest)
    indicator = indicators[indicator_id]
    unit, decimals = indicator["unit"], indicator["decimals"]

    st.title(indicator["name_da"])
    st.caption(
        f"Målområde {indicator['goal_area']}: {indicator['goal_area_title_da']}"
        + (f" · {period_long_label(period)}" if period else "")
    )

    if period is None:
        st.info(f"Der er {NO_DATA} for denne indikator i lageret endnu.", icon=":material/info:")
        _notes(indicator)
        return

    values = data.indicator_values(indicator_id)
    level = data.indicator_level(indicator_id, period)
    distances = data.distance_rows(indicator_id, period)
    variation = data.regional_variation(indicator_id).filter(period=period)
    comparison = _first(level["comparison_period"].drop_nulls().to_list()) or _year_ago(period)
    national = _first(level.filter(region_id="hele_landet").to_dicts()) or {}

    st.markdown(_lead(indicator, period, comparison, national))

    st.subheader("Udvikling over tid")
    st.plotly_chart(
        timeseries_figure(
            values, indicator, data.suspensions(indicator_id),
            highlight_period=period, comparison_period=comparison, highlight_region=highlight_region,
        ),
        theme=None, config=PLOTLY_CONFIG, key="timeseries",
    )

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Afstand til bedste")
        st.plotly_chart(
            distance_figure(distances, indicator, period, comparison),
            theme=None, config=PLOTLY_CONFIG, key="distance",
        )
    with right:
        st.subheader(f"Aktuelt niveau, {period_long_label(period)}")
        _level(level.to_dicts(), indicator)
        if level["value_change"].drop_nulls().is_empty():
            st.caption(f"Ingen ændring vises: der er ingen sammenlignelige tal for {period_long_label(comparison)}.")
        else:
            st.caption(
                f"Ændring i forhold til {period_long_label(comparison)}: grøn er i den ønskede retning, rød i den "
                "modsatte. Ingen ændring vises, hvor tallene ikke kan sammenlignes (fx efter et databrud)."
            )
        names = {row["region_id"]: row["region_name_da"] for row in level.to_dicts()}
        st.markdown(_variation_text(_first(variation.to_dicts()), names, unit, decimals))

    _notes(indicator, level.to_dicts(), period, data.suspensions(indicator_id).to_dicts())
    _traceability(indicator_id, period, level.to_dicts())


# --- sidebar and deep link ------------------------------------------------------------------


def _sidebar(indicators: dict[str, dict], latest: dict[str, str]) -> tuple[str, str | None, str | None]:
    """The selected indicator, period and highlighted region, synced with st.query_params."""
    state, params = st.session_state, st.query_params
    areas = {row["goal_area"]: row["goal_area_title_da"] for row in indicators.values()}

    def first_of(area: int) -> str:
        ids = [i for i, row in indicators.items() if row["goal_area"] == area]
        return next((i for i in ids if i in latest), ids[0])

    if INDICATOR not in state:  # first run of this session: follow the deep link
        wanted = params.get("indicator")
        if wanted and wanted not in indicators:
            st.toast(f"Ukendt indikator i linket: '{wanted}'.", icon=":material/link_off:")
        default = next((i for i in indicators if i in latest), next(iter(indicators)))
        state[INDICATOR] = wanted if wanted in indicators else default
        state[AREA] = indicators[state[INDICATOR]]["goal_area"]
        state[PERIOD] = params.get("period")
        state[REGION] = params.get("region", NO_REGION)

    def area_changed() -> None:
        state[INDICATOR] = first_of(state[AREA])
        state[PERIOD] = None

    def indicator_changed() -> None:
        state[PERIOD] = None

    with st.sidebar:
        st.selectbox(
            "Målområde", list(areas), key=AREA, format_func=lambda a: f"{a}. {areas[a]}", on_change=area_changed,
        )
        st.selectbox(
            "Indikator",
            [i for i, row in indicators.items() if row["goal_area"] == state[AREA]],
            key=INDICATOR,
            format_func=lambda i: indicators[i]["name_da"] + ("" if i in latest else f" ({NO_DATA})"),
            on_change=indicator_changed,
        )
        indicator_id = state[INDICATOR]
        periods = data.indicator_periods(indicator_id)["period"].to_list() if indicator_id in latest else []
        if periods:
            if state.get(PERIOD) not in periods:
                if state.get(PERIOD):
                    st.toast(
                        f"Ingen data for {period_long_label(state[PERIOD])} – viser seneste periode.",
                        icon=":material/info:",
                    )
                state[PERIOD] = periods[0]
            st.selectbox("Periode", periods, key=PERIOD, format_func=period_long_label)
        else:
            state[PERIOD] = None
            st.selectbox("Periode", [NO_DATA], disabled=True)
        regions = {"": "Ingen", **{r: n for r, n in _region_names().items()}}
        if state.get(REGION) not in regions:
            state[REGION] = NO_REGION
        st.selectbox("Fremhæv region", list(regions), key=REGION, format_func=regions.get)

    period, region = state[PERIOD], state[REGION] or None
    _sync_query_params(indicator_id, period, region)
    return indicator_id, period, region


def _sync_query_params(indicator_id: str, period: str | None, region: str | None) -> None:
    wanted = {"indicator": indicator_id, "period": period, "region": region}
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def _region_names() -> dict[str, str]:
    return {r.region_id: r.short_name_da for r in sorted(catalog.regions().values(), key=lambda r: r.sort_order)}


# --- text blocks ----------------------------------------------------------------------------


def _lead(indicator: dict, period: str, comparison: str, national: dict) -> str:
    unit, decimals = indicator["unit"], indicator["decimals"]
    now = format_value(national.get("value"), unit, decimals)
    text = f"Hele landet: **{now}** i {period_long_label(period)}"
    if national.get("value_year_ago") is not None:
        before = format_value(national["value_year_ago"], unit, decimals)
        text += f" ({period_long_label(comparison)}: {before})"
    if national.get("is_provisional"):
        text += " – foreløbigt tal, før efterregistreringer"
    return text + "."


def _level(rows: list[dict], indicator: dict, per_row: int = 3) -> None:
    unit, decimals = indicator["unit"], indicator["decimals"]
    delta_color = "normal" if indicator["direction"] == "higher_is_better" else "inverse"
    for start in range(0, len(rows), per_row):
        for column, row in zip(st.columns(per_row), rows[start:start + per_row]):
            with column, st.container(border=True):
                _metric(row, unit, decimals, delta_color, indicator["volume_label_da"])


def _metric(row: dict, unit: str, decimals: int, delta_color: str, volume_label: str) -> None:
    change = row.get("value_change")
    delta = format_difference(change, unit, decimals, signed=True) if change is not None else None
    unchanged = delta is not None and not delta.startswith(("+", "-"))  # rounds to zero
    st.metric(
        row["region_short_name_da"],
        format_value(row.get("value"), unit, decimals),
        delta=delta,
        delta_color="off" if unchanged else delta_color,
        delta_arrow="off" if unchanged else "auto",
    )
    notes = []
    if row.get("denominator") is not None:
        notes.append(format_count(row["denominator"], volume_label or "i alt"))
    if row.get("is_provisional"):
        notes.append("foreløbigt")
    if row.get("is_suspended"):
        notes.append("suspenderet")
    st.caption(" · ".join(notes) if notes else "&nbsp;")


def _variation_text(row: dict | None, names: dict[str, str], unit: str, decimals: int) -> str:
    if not row or row.get("variation") is None:
        return f"Regional variation: {NO_DATA}."
    best = [names.get(r, r) for r in (row["best_regions"] or "").split(",") if r]
    worst = [names.get(r, r) for r in (row["worst_regions"] or "").split(",") if r]
    text = describe_variation(row["variation"], row["best_value"], row["worst_value"], best, worst, unit, decimals)
    if row["n_regions"] < 5:
        text += f" (opgjort for {row['n_regions']} af 5 regioner)"
    return text + "."


def _notes(
    indicator: dict, level: list[dict] | None = None, period: str | None = None, suspensions: list[dict] = ()
) -> None:
    lines = [f"**Kilde:** {indicator['source']}"]
    if indicator.get("target") is not None:
        target = format_value(indicator["target"], indicator["unit"], indicator["decimals"])
        note = indicator.get("target_note") or ""
        lines.append(f"**Måltal:** {target}" + (f" – {note}" if note else ""))
    if indicator.get("notes_da"):
        lines.append(f"**Note:** {indicator['notes_da']}")
    if level and any(r.get("is_provisional") for r in level):
        lines.append(f"Tallene for {period_long_label(period)} er foreløbige, før efterregistreringer.")
    if level and any(r.get("is_suspended") for r in level):
        # codes of one frequency sort as text, as in the marts
        notes = [s["note_da"] for s in suspensions if s["period_from"] <= period <= s["period_to"] and s["note_da"]]
        lines.append(" ".join(notes) or f"Rettigheden var suspenderet i {period_long_label(period)}.")
    st.markdown("  \n".join(lines))


def _traceability(indicator_id: str, period: str, level: list[dict]) -> None:
    with st.expander("Datagrundlag og sporbarhed"):
        for source in data.indicator_sources(indicator_id).to_dicts():
            span = f"{period_label(source['first_period'])}–{period_label(source['last_period'])}"
            st.markdown(
                f"Data fra `{source['source_file']}` (sha256 `{source['source_sha256'][:12]}`), "
                f"indlæst {format_datetime(source['loaded_at'])}: "
                f"{format_number(source['n_values'])} værdier, {span}"
                + (" – **syntetiske demodata**" if source["is_synthetic"] else "")
            )
        st.caption(f"Værdierne for {period_long_label(period)}, som de står i kildefilen:")
        st.dataframe(
            [
                {
                    "Region": row["region_name_da"],
                    "Værdi": format_exact(row.get("value")),
                    "Volumen": format_exact(row.get("denominator")) if row.get("denominator") is not None else "",
                    "Fil": row.get("source_file") or "",
                    "Række": row.get("source_row"),
                    "Offentliggjort": format_date(row["published_at"]) if row.get("published_at") else "",
                }
                for row in level
            ],
            hide_index=True,
        )


def _first(items: list):
    return items[0] if items else None


def _year_ago(period: str) -> str:
    return parse_period(period).year_ago().code
