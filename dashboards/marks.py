"""Small shared page elements: the FORTROLIGT mark on charts and tables showing embargoed values."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import data
from noegletal.figures.locale_da import danish_config
from noegletal.formatting import format_date

# Danish tool tips, month names and number separators (noegletal.figures.locale_da)
PLOTLY_CONFIG = danish_config({"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]})


def embargo_text(frame: pl.DataFrame | None, column: str = "embargo_published_at") -> str | None:
    """'FORTROLIGT – offentliggøres 15. januar 2099' when rows shown carry an embargo date: dbt's
    (mart_indicator_overview: embargo_published_at for a period's values, series_embargo_published_at
    for the series up to it; mart_unit_value: embargo_published_at per unit), the earliest of the
    rows'. None otherwise or outside preparation mode."""
    if data.audience() != data.FORTROLIG or frame is None or column not in frame.columns:
        return None
    first = frame[column].drop_nulls().min()
    return f"FORTROLIGT – offentliggøres {format_date(first)}" if first else None


def confidential_mark(frame: pl.DataFrame | None, column: str = "embargo_published_at") -> None:
    """Mark the chart or table below as confidential when it shows embargoed values."""
    _mark(embargo_text(frame, column))


def _mark(text: str | None) -> None:
    if text:
        st.markdown(f":red-background[:red[**{text}**]]")


def embargo_dates(indicator_id: str, period: str | None) -> pl.DataFrame:
    """The indicator's embargo dates in `period` (named query embargo_dates): the columns
    embargo_published_at (the period's values) and series_embargo_published_at (up to it)."""
    if data.audience() != data.FORTROLIG or not period:
        return pl.DataFrame()
    return data.query("embargo_dates", indicator_id=indicator_id, period=period)
