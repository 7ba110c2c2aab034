"""Indikator: one indicator in the board appendix's format.

Development over time for the five regions and hele landet, distance to the best region now and
a year earlier, the current level of every region in numbers, the target where one is agreed,
and where the numbers come from. Deep link: /?indicator=udredningsret_somatik&period=2023K1.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from dashboards import data, navigation
from dashboards.marks import PLOTLY_CONFIG, confidential_mark
from dashboards.views.overview import TABLE_CSS
from noegletal.exports.insights import forecast_rows, insight_sentences
from noegletal.figures import distance_figure, timeseries_figure
from noegletal.formatting import (
    NO_DATA,
    describe_variation,
    format_count,
    format_date,
    format_datetime,
    format_difference,
    format_exact,
    format_interval,
    format_number,
    format_shown_value,
    format_value,
    period_label,
    period_long_label,
)
from noegletal.periods import parse_period

PROVISIONAL_NOTE = "foreløbigt, før efterregistreringer"


def render() -> None:
    indicator_list = data.indicator_list()
    if indicator_list.is_empty():
        st.info("Indikatorkataloget er tomt. Byg lageret med `noegletal build`.")
        return
    indicators = {row["indicator_id"]: row for row in indicator_list.to_dicts()}
    selection = navigation.selection()
    indicator_id, period, highlight_region = selection.indicator_id, selection.period, selection.region_id
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

    revisions = data.indicator_revisions(indicator_id, period)
    with st.container(key="nt_lead"):  # the first numbers on the page (bench/dashboard.py waits for them)
        st.markdown(_lead(indicator, period, comparison, national, revisions))

    insights = data.insights()
    st.subheader("Udvikling over tid")
    confidential_mark(values)
    # the forecast towards the target as it stood at the chosen period (the packs draw the same)
    forecast = forecast_rows(insights, indicator_id, period)
    timeseries = data.cached_figure(
        "timeseries",
        lambda: timeseries_figure(
            values, indicator, data.suspensions(indicator_id),
            highlight_period=period, comparison_period=comparison, highlight_region=highlight_region,
            forecast=forecast,
        ),
        indicator_id=indicator_id, period=period, comparison=comparison, highlight_region=highlight_region,
        forecast=bool(forecast),
    )
    st.plotly_chart(timeseries, theme=None, config=PLOTLY_CONFIG, key="timeseries")

    left, right = st.columns(2, gap="large")
    with left:
        st.subheader("Afstand til bedste")
        confidential_mark(level)
        distance = data.cached_figure(
            "distance", lambda: distance_figure(distances, indicator, period, comparison),
            indicator_id=indicator_id, period=period, comparison=comparison,
        )
        st.plotly_chart(distance, theme=None, config=PLOTLY_CONFIG, key="distance")
    with right:
        st.subheader(f"Aktuelt niveau, {period_long_label(period)}")
        confidential_mark(level)
        _level(level.to_dicts(), indicator, _revised_texts(revisions, indicator))
        if level["value_change"].drop_nulls().is_empty():
            st.caption(f"Ingen ændring vises: der er ingen sammenlignelige tal for {period_long_label(comparison)}.")
        else:
            st.caption(
                f"Ændring i forhold til {period_long_label(comparison)}: blå er i den ønskede retning, orange i den "
                "modsatte. Ingen ændring vises, hvor tallene ikke kan sammenlignes (fx efter et databrud)."
            )
        names = {row["region_id"]: row["region_name_da"] for row in level.to_dicts()}
        st.markdown(_variation_text(_first(variation.to_dicts()), names, unit, decimals))
        national_change = national.get("value_change") if national else None
        for sentence in insight_sentences(insights, indicator, period, national_change):
            st.markdown(_plain(sentence))

    _notes(indicator, level.to_dicts(), period, data.suspensions(indicator_id).to_dicts())
    _traceability(indicator_id, period, level.to_dicts())


# --- text blocks ----------------------------------------------------------------------------


def _lead(indicator: dict, period: str, comparison: str, national: dict, revisions=None) -> str:
    unit, decimals = indicator["unit"], indicator["decimals"]
    now = format_shown_value(national.get("value"), unit, decimals, national.get("suppression_reason"))
    text = f"Hele landet: **{now}** i {period_long_label(period)}"
    if national.get("value_year_ago") is not None:
        before = format_value(national["value_year_ago"], unit, decimals)
        text += f" ({period_long_label(comparison)}: {before})"
    if national.get("is_provisional"):
        text += " – foreløbigt tal, før efterregistreringer"
    revised = _revised_texts(revisions, indicator).get("hele_landet") if revisions is not None else None
    if revised:
        text += f" – {revised}"
    return text if text.endswith(".") else text + "."


def _revised_texts(revisions, indicator: dict) -> dict[str, str]:
    """region_id -> 'tidligere opgjort til 79 pct.' for values revised since first publication."""
    out = {}
    for row in revisions.to_dicts() if revisions is not None else []:
        before = format_value(row["previous_value"], indicator["unit"], indicator["decimals"])
        out[row["region_id"]] = f"tidligere opgjort til {before}"
    return out


def _level(rows: list[dict], indicator: dict, revised: dict[str, str] | None = None, per_row: int = 2) -> None:
    unit, decimals = indicator["unit"], indicator["decimals"]
    for start in range(0, len(rows), per_row):
        for column, row in zip(st.columns(per_row), rows[start:start + per_row]):
            with column, st.container(border=True):
                _metric(row, unit, decimals, indicator["direction"], indicator["volume_label_da"],
                        (revised or {}).get(row["region_id"]))


SIGNIFICANT = ("signifikant bedre", "signifikant dårligere")


def _metric(row: dict, unit: str, decimals: int, direction: str, volume_label: str, revised: str | None) -> None:
    change = row.get("value_change")
    delta = format_difference(change, unit, decimals, signed=True) if change is not None else None
    unchanged = delta is not None and not delta.startswith(("+", "-"))  # rounds to zero
    desired = change is not None and (change > 0) == (direction == "higher_is_better")
    # blue = the desired direction, orange = the opposite (Okabe–Ito: safe for colour-blind readers)
    st.metric(
        row["region_short_name_da"],
        format_shown_value(row.get("value"), unit, decimals, row.get("suppression_reason")),
        delta=delta,
        delta_color="off" if unchanged or delta is None else ("blue" if desired else "orange"),
        delta_arrow="off" if unchanged else "auto",
    )
    notes = []
    if revised:
        notes.append(revised)
    if row.get("ci95_low") is not None and row.get("ci95_high") is not None:
        interval = "95 %: " + format_interval(row["ci95_low"], row["ci95_high"], unit, decimals)
        significance = row.get("significance_vs_national")
        notes.append(interval + (f", {significance} end landet" if significance in SIGNIFICANT else ""))
    if row.get("denominator") is not None:
        notes.append(format_count(row["denominator"], volume_label or "i alt"))
    if row.get("is_provisional"):
        notes.append("foreløbigt")
    if row.get("is_suspended"):
        notes.append("suspenderet")
    st.caption(" · ".join(notes) if notes else "&nbsp;")


def _plain(text: str) -> str:
    """Text shown as written: Markdown's special characters escaped (names come from the catalog)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#$|~" else ch for ch in text)


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
        rows = [
            {
                "Region": row["region_name_da"],
                "Værdi": format_exact(row.get("value")),
                "Volumen": format_exact(row.get("denominator")) if row.get("denominator") is not None else "",
                "Fil": row.get("source_file") or "",
                "Række": "" if row.get("source_row") is None else str(row["source_row"]),
                "Offentliggjort": format_date(row["published_at"]) if row.get("published_at") else "",
            }
            for row in level
        ]
        # an HTML table, as on the other pages: st.dataframe's grid would load and start its canvas
        # component (~0.2 s in the browser) for six rows in a collapsed expander
        st.markdown(TABLE_CSS + _source_table(rows), unsafe_allow_html=True)


def _source_table(rows: list[dict]) -> str:
    numeric = ("Værdi", "Volumen", "Række")
    columns = list(rows[0]) if rows else []
    head = "".join(f"<th class='num'>{c}</th>" if c in numeric else f"<th>{c}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(
            f"<td class='num'>{escape(row[c])}</td>" if c in numeric else f"<td>{escape(row[c])}</td>" for c in columns
        ) + "</tr>"
        for row in rows
    )
    return (
        f"<table class='nt-overview nt-sources' style='table-layout: auto'><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _first(items: list):
    return items[0] if items else None


def _year_ago(period: str) -> str:
    return parse_period(period).year_ago().code
