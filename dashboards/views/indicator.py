"""Indikator: one indicator in the board appendix's format.

Development over time for the five regions and hele landet, distance to the best region now and
a year earlier, the current level of every region in numbers, the target where one is agreed,
and where the numbers come from. Deep link: /?indicator=udredningsret_somatik&period=2023K1.
"""

from __future__ import annotations

import streamlit as st

from dashboards import a11y, data, navigation, style
from dashboards.html_tables import source_table
from dashboards.table_css import TABLE_CSS
from dashboards.marks import PLOTLY_CONFIG, confidential_mark, embargo_dates
from dashboards.target_text import attainment_by_indicator, met_by_region, met_text, regions_meeting_text
from noegletal.content.insights import forecast_rows, insight_sentences
from noegletal.figures import distance_figure, timeseries_figure
from noegletal.content.chart_text import distance_text, timeseries_text
from noegletal.formatting import (
    NO_DATA,
    format_date,
    format_datetime,
    format_exact,
    format_number,
    one_full_stop,
    period_label,
    period_long_label,
)
from noegletal.content.indicator_page import LevelCell, catalog_notes, indicator_content
from noegletal.safe_text import markdown_code


def render() -> None:
    indicator_list = data.indicator_list()
    if indicator_list.is_empty():
        st.info("Indikatorkataloget er tomt. Byg lageret med `noegletal build`.")
        return
    indicators = {row["indicator_id"]: row for row in indicator_list.to_dicts()}
    selection = navigation.selection()
    indicator_id, period, highlight_region = selection.indicator_id, selection.period, selection.region_id
    indicator = indicators[indicator_id]

    st.title(indicator["name_da"])
    st.caption(
        f"Målområde {indicator['goal_area']}: {indicator['goal_area_title_da']}"
        + (f" · {period_long_label(period)}" if period else "")
    )

    if period is None:
        st.info(f"Der er {NO_DATA} for denne indikator i lageret endnu.", icon=":material/info:")
        st.markdown(_notes_markdown(indicator, ()))
        return

    # the series ends at the chosen period, as the chart pack for that quarter does
    values = data.indicator_values(indicator_id, until=period)
    level = data.indicator_level(indicator_id, period)
    variation = data.regional_variation(indicator_id).filter(period=period)
    page = indicator_content(indicator, period, level, variation.row(0, named=True) if variation.height else None)
    comparison = page.comparison_period

    with st.container(key="nt_lead"):  # the first numbers on the page (bench/dashboard.py waits for them)
        st.markdown(page.lead_markdown())

    insights = data.insights()
    _timeseries(values, level, indicator, period, comparison, highlight_region, insights)
    # side by side where both have room, the cards under the chart where not (dashboards/style.py)
    left, right = st.container(key=style.SPLIT).columns(2, gap="large")
    with left:
        _distance(level, indicator, period, comparison)
    with right:
        _current_level(page, indicator, period, insights)
    st.markdown(_notes_markdown(indicator, page.notes))
    _traceability(indicator_id, period, level.to_dicts())


def _timeseries(values, level, indicator: dict, period: str, comparison: str, highlight_region, insights) -> None:
    indicator_id = indicator["indicator_id"]
    st.subheader("Udvikling over tid")
    confidential_mark(embargo_dates(indicator_id, period), "series_embargo_published_at")
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
    a11y.chart_alternative(timeseries_text(values, level, indicator, period, comparison), key="timeseries")
    chart_numbers("values", indicator, period, "Udvikling over tid", key="nt_numbers_timeseries")


def _distance(level, indicator: dict, period: str, comparison: str) -> None:
    st.subheader("Afstand til bedste")
    confidential_mark(embargo_dates(indicator["indicator_id"], period))
    distance = data.cached_figure(
        "distance", lambda: distance_figure(level, indicator, period, comparison),
        indicator_id=indicator["indicator_id"], period=period, comparison=comparison,
    )
    st.plotly_chart(distance, theme=None, config=PLOTLY_CONFIG, key="distance")
    a11y.chart_alternative(distance_text(level, indicator, period, comparison), key="distance")
    chart_numbers("distance", indicator, period, "Afstand til bedste", key="nt_numbers_distance")


def _current_level(page, indicator: dict, period: str, insights) -> None:
    """The level cards, the target, the variation and the insight sentences."""
    indicator_id = indicator["indicator_id"]
    st.subheader(f"Aktuelt niveau, {period_long_label(period)}")
    confidential_mark(embargo_dates(indicator_id, period))
    targets = data.indicator_targets(indicator_id, period)
    _level(page.levels, met_by_region(targets), indicator_id)
    if not targets.is_empty():
        counts = attainment_by_indicator(targets)[indicator_id]
        st.markdown(one_full_stop(f"**Måltal:** {regions_meeting_text(counts, indicator['unit'], indicator['decimals'])}."))
    st.caption(page.change_caption)
    st.markdown(page.variation)
    for sentence in insight_sentences(insights, indicator, period):
        st.markdown(_plain(sentence))


# blue = the desired direction, orange = the opposite (Okabe–Ito: safe for colour-blind readers);
# the assessment is mart_indicator_level's change_assessment
DELTA_COLORS = {"ønsket": "blue", "uønsket": "orange"}
CHANGE_WORDS = {"ønsket": "ændring i ønsket retning", "uønsket": "ændring i modsat retning"}


def _level(cells: tuple[LevelCell, ...], met: dict | None = None, indicator_id: str = "", per_row: int = 2) -> None:
    cards = st.container(key=style.LEVELS)  # one card to a row where two do not fit (dashboards/style.py)
    for start in range(0, len(cells), per_row):
        for column, cell in zip(cards.columns(per_row), cells[start:start + per_row]):
            with column, st.container(border=True):
                target = met_text((met or {}).get((indicator_id, cell.region_id)))
                _metric(cell, f"måltal {target}" if target else None)


def chart_numbers(dataset: str, indicator: dict, period: str, chart: str, key: str) -> None:
    """"Hent tal" under a chart: the numbers it draws as an Excel file (the Data page's table)."""
    from dashboards import files
    from dashboards.access import record_download
    from dashboards.views.data_table import dataset_frame

    frame = dataset_frame(dataset, indicator["indicator_id"], period)
    if frame.is_empty():
        return
    when = f", {period_long_label(period)}" if dataset != "values" else ""
    heading = f"{chart} – {indicator['name_da']}{when}"
    parts = (indicator["name_da"], chart.lower(), *((period_label(period),) if dataset != "values" else ()))
    name = files.file_name(*parts, suffix="xlsx")
    st.download_button(
        # made when clicked, not on every draw of the page (two charts: ~40 ms of the page's time)
        "Hent tal", lambda: files.excel_bytes(frame, decimals=indicator["decimals"], title=heading),
        file_name=name, key=key, icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=f"Tallene bag grafen som Excel-fil: {heading}, {frame.height} rækker, alle regioner.",
        on_click=record_download, args=(name,),
    )


def _metric(cell: LevelCell, target: str | None = None) -> None:
    delta = None if cell.change == "–" else cell.change
    unchanged = cell.change_assessment == "uændret"
    st.metric(
        cell.short_name,
        cell.value,
        delta=delta,
        delta_color=DELTA_COLORS.get(cell.change_assessment, "off"),
        delta_arrow="off" if unchanged else "auto",
    )
    notes = ([target] if target else []) + list(cell.notes)
    if delta and cell.change_assessment in CHANGE_WORDS:  # the colour's meaning in words too
        notes.insert(0, CHANGE_WORDS[cell.change_assessment])
    st.caption(" · ".join(notes) if notes else "&nbsp;")


def _plain(text: str) -> str:
    """Text shown as written: Markdown's special characters escaped (names come from the catalog)."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#$|~" else ch for ch in text)


def _notes_markdown(indicator: dict, notes: tuple[str, ...]) -> str:
    """The page's notes (the content model's, as the packs print them), source, target and note in bold."""
    if not notes:  # no data yet: the catalog's notes only
        notes = tuple(catalog_notes(indicator))
    lines = []
    for note in notes:
        for label in ("Kilde", "Måltal", "Note"):
            if note.startswith(f"{label}: "):
                note = f"**{label}:** " + note[len(label) + 2:]
                break
        lines.append(note)
    return "  \n".join(lines)


def _traceability(indicator_id: str, period: str, level: list[dict]) -> None:
    with st.expander("Datagrundlag og sporbarhed"):
        for source in data.indicator_sources(indicator_id).to_dicts():
            span = f"{period_label(source['first_period'])}–{period_label(source['last_period'])}"
            st.markdown(
                # a file name is text from outside: shown literally, never as Markdown
                f"Data fra {markdown_code(source['source_file'])} (sha256 `{source['source_sha256'][:12]}`), "
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
        st.markdown(TABLE_CSS + source_table(rows), unsafe_allow_html=True)
