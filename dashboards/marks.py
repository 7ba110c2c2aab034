"""Small shared page elements: the FORTROLIGT mark on charts and tables showing embargoed values."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboards import data
from noegletal.figures.locale_da import danish_config
from noegletal.formatting import format_date

# Danish tool tips, month names and number separators (noegletal.figures.locale_da)
PLOTLY_CONFIG = danish_config({"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]})


def embargo_text(frame: pl.DataFrame | None, flag: str = "is_embargoed", published: str = "published_at") -> str | None:
    """'FORTROLIGT – offentliggøres 15. januar 2099' when the frame holds embargoed values (the
    earliest publication date of those shown); None otherwise or outside preparation mode."""
    if data.audience() != data.FORTROLIG or frame is None or frame.is_empty() or flag not in frame.columns:
        return None
    embargoed = frame.filter(pl.col(flag).fill_null(False))
    if embargoed.is_empty():
        return None
    first = embargoed[published].drop_nulls().min() if published in embargoed.columns else None
    return "FORTROLIGT – offentliggøres " + (format_date(first) if first else "senere")


def confidential_mark(frame: pl.DataFrame | None, flag: str = "is_embargoed", published: str = "published_at") -> None:
    """Mark the chart or table below as confidential when it shows embargoed values."""
    text = embargo_text(frame, flag, published)
    if text:
        st.markdown(f":red-background[:red[**{text}**]]")
