"""Data: the numbers behind any chart as a table, downloadable as CSV and Excel, with the source,
the raw file and the load time of every value."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import data, files, filters, navigation
from dashboards.access import record_download
from dashboards.marks import confidential_mark, embargo_dates
from noegletal.formatting import NO_DATA, format_datetime, format_exact, period_label, period_long_label

DATASETS = {
    "values": "Udvikling over tid (alle perioder og regioner)",
    "level": "Aktuelt niveau i den valgte periode",
    "distance": "Afstand til bedste i den valgte periode",
    "overview": "Overblik: alle indikatorer, seneste tal",
}
TRACE_COLUMNS = {
    "published_at": "Offentliggjort",
    "source_file": "Kildefil",
    "source_sha256": "SHA-256",
    "source_row": "Række i kildefil",
    "loaded_at": "Indlæst",
}


OVERVIEW_COLUMNS = {
    "goal_area": "Målområde", "name_da": "Indikator", "indicator_id": "Indikator-id", "period": "Periode",
    "unit": "Enhed", "national_value": "Hele landet", "comparison_period": "Sammenligningsperiode",
    "national_value_year_ago": "Hele landet et år før", "national_change": "Ændring",
    "change_assessment": "Ændringens retning", "variation": "Regional variation",
    "best_regions": "Bedste region(er)", "best_value": "Bedste værdi", "worst_regions": "Dårligste region(er)",
    "worst_value": "Dårligste værdi", "target": "Måltal", "target_status": "Måltal nået",
    "latest_published_at": "Seneste offentliggørelse",
}
DISTANCE_COLUMNS = {
    "region_name_da": "Region", "period": "Periode", "value": "Værdi", "best_value": "Bedste værdi",
    "distance_to_best": "Afstand til bedste", "comparison_period": "Sammenligningsperiode",
    "distance_to_best_year_ago": "Afstand til bedste et år før", "distance_change": "Ændring i afstand",
    "movement": "Bevægelse",
}


def _renamed(columns: dict[str, str]) -> list[pl.Expr]:
    return [pl.col(column).alias(name) for column, name in columns.items()]


def dataset_frame(dataset: str, indicator_id: str | None, period: str | None) -> pl.DataFrame:
    """The dataset with Danish column names and raw values (numbers stay numbers); every region:
    the region chosen in the sidebar is a highlight (render), never a filter."""
    if dataset == "overview":
        return data.indicator_overview("").select(_renamed(OVERVIEW_COLUMNS))
    if indicator_id is None:
        return pl.DataFrame()
    if dataset == "values":
        frame = data.indicator_values(indicator_id)
    else:
        # one query for both (mart_indicator_level); a region without a value has no period_start
        frame = data.indicator_level(indicator_id, period).filter(pl.col("period_start").is_not_null())
    if dataset == "distance":
        return frame.select(_renamed(DISTANCE_COLUMNS))
    columns = [
        pl.col("region_name_da").alias("Region"),
        pl.col("period").alias("Periode"),
        pl.col("value").alias("Værdi"),
        pl.col("numerator").alias("Tæller"),
        pl.col("denominator").alias("Nævner (volumen)"),
        *([
            pl.col("comparison_period").alias("Sammenligningsperiode"),
            pl.col("value_year_ago").alias("Værdi et år før"),
            pl.col("change_since_year_ago").alias("Ændring"),
            pl.col("change_assessment").alias("Ændringens retning"),
        ] if dataset == "level" else []),
        # computed in the warehouse (mart_region_comparison), not loaded: three decimals are plenty
        pl.col("ci95_low").round(3).alias("95 %-interval, nedre"),
        pl.col("ci95_high").round(3).alias("95 %-interval, øvre"),
        pl.col("suppression_reason").alias("Diskretioneret"),
        pl.col("is_provisional").alias("Foreløbigt"),
        pl.col("is_suspended").alias("Suspenderet"),
        pl.col("is_synthetic").alias("Syntetisk"),
    ]
    columns += [pl.col(c).alias(name) for c, name in TRACE_COLUMNS.items()]
    return frame.select(columns)


def shown_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """The table as shown on screen: Danish numbers, periods '2023 K1', dates in Danish."""
    out = {}
    for name in frame.columns:
        series = frame[name]
        if series.dtype.is_float():
            out[name] = [format_exact(v) if v is not None else "" for v in series.to_list()]
        elif series.dtype == pl.Boolean:
            out[name] = ["ja" if v else ("nej" if v is not None else "") for v in series.to_list()]
        elif name in ("Periode", "Sammenligningsperiode"):
            out[name] = [period_label(v) if v else "" for v in series.to_list()]
        elif series.dtype in (pl.Datetime, pl.Date) or isinstance(series.dtype, pl.Datetime):
            out[name] = [format_datetime(v) if v is not None else "" for v in series.to_list()]
        else:
            out[name] = ["" if v is None else v for v in series.to_list()]
    return pl.DataFrame(out, strict=False)


def render() -> None:
    selection = navigation.selection()
    indicator_id, period = selection.indicator_id, selection.period
    indicators = {row["indicator_id"]: row for row in data.indicator_list().to_dicts()}
    name = indicators.get(indicator_id, {}).get("name_da", NO_DATA)

    st.title("Data")
    st.markdown(
        "Tallene bag graferne som tabel. Hver værdi står med kildefil, kontrolsum (SHA-256), række og "
        "indlæsningstidspunkt. Vælg indikator og periode i sidepanelet; en valgt region fremhæves."
    )
    dataset = st.radio(
        "Tabel", list(DATASETS), format_func=DATASETS.get, key="nt_dataset", horizontal=True,
    )
    if dataset != "overview" and period is None:
        st.info(f"Der er {NO_DATA} for {name} i lageret endnu.", icon=":material/info:")
        return
    frame = dataset_frame(dataset, indicator_id, period)
    subject = "alle indikatorer, seneste tal" if dataset == "overview" else name
    if dataset in ("level", "distance"):
        subject += f", {period_long_label(period)}"
    heading = f"{DATASETS[dataset]} – {subject}"
    st.subheader(heading)
    if frame.is_empty():
        st.info(f"Der er {NO_DATA} for dette valg.", icon=":material/info:")
        return
    if dataset == "values":  # every period: the series up to the latest (mart_indicator_overview)
        latest = data.indicator_overview("").filter(pl.col("indicator_id") == indicator_id)
        confidential_mark(latest, "series_embargo_published_at")
    elif dataset in ("level", "distance"):
        # the distances are computed from the period's values: embargoed with them
        confidential_mark(embargo_dates(indicator_id, period))
    elif dataset == "overview":
        confidential_mark(data.indicator_overview(""))
    highlight = filters.region_names().get(selection.region_id) if selection.region_id and dataset != "overview" else None
    st.dataframe(
        highlighted(shown_frame(frame), highlight), hide_index=True, width="stretch",
        height=min(38 + 35 * frame.height, 560),
    )
    if highlight:
        st.caption(f"{highlight} er fremhævet; tabellen og filerne har alle regioner.")
    _downloads(frame, dataset, heading, name, period, indicators.get(indicator_id, {}).get("decimals"))


def _downloads(frame: pl.DataFrame, dataset: str, heading: str, name: str, period: str | None, decimals) -> None:
    """The table as CSV and Excel, named after what it holds."""
    table_name = {"values": "udvikling over tid", "level": "aktuelt niveau", "distance": "afstand til bedste",
                  "overview": "overblik"}[dataset]
    parts = ("alle indikatorer", "seneste tal") if dataset == "overview" else (
        name, table_name, *((period_label(period),) if dataset in ("level", "distance") else ()),
    )
    if dataset == "overview":
        parts = ("overblik", *parts)
        decimals = None
    left, right, _ = st.columns([1, 1, 2])
    csv_name, xlsx_name = files.file_name(*parts, suffix="csv"), files.file_name(*parts, suffix="xlsx")
    left.download_button(
        "Hent CSV", files.csv_bytes(frame), file_name=csv_name, mime="text/csv",
        key="nt_csv", icon=":material/download:", help=f"{heading}: {frame.height} rækker",
        on_click=record_download, args=(csv_name,),
    )
    right.download_button(
        "Hent Excel", files.excel_bytes(frame, decimals=decimals, title=heading),
        file_name=xlsx_name, key="nt_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
        help=f"{heading}: {frame.height} rækker", on_click=record_download, args=(xlsx_name,),
    )
    st.caption(
        f"Filerne indeholder tabellen ovenfor: {heading}, {frame.height} rækker"
        + (", alle regioner" if dataset != "overview" else "")
        + ". CSV-filen er semikolonsepareret med decimalkomma; i Excel-filen er tal gemt som tal."
    )


HIGHLIGHT_STYLE = "background-color: #FFF3C4; font-weight: 600"


def highlighted(frame: pl.DataFrame, region_name: str | None):
    """The table with the rows of the highlighted region marked (a pandas Styler), or as it is."""
    if not region_name or "Region" not in frame.columns:
        return frame
    table = frame.to_pandas()
    full = {region_name, f"Region {region_name}"}
    return table.style.apply(
        lambda row: [HIGHLIGHT_STYLE if row["Region"] in full else "" for _ in row], axis=1,
    )
