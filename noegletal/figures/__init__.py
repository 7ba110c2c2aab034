"""Plotly figure builders shared by the dashboard and the exports.

Every builder is a pure function: polars frame(s) + indicator metadata + options -> go.Figure.
Nothing here imports Streamlit, so exports (PNG, PDF, PPTX) reuse exactly what the dashboard shows.
"""

from noegletal.figures.distance import distance_figure
from noegletal.figures.timeseries import timeseries_figure

__all__ = ["distance_figure", "timeseries_figure"]
