"""Plotly figure builders shared by the dashboard and the exports.

Every builder is a pure function: polars frame(s) + indicator metadata + options -> go.Figure.
Nothing here imports Streamlit, so exports (PNG, PDF, PPTX) reuse exactly what the dashboard shows.
"""

from noegletal.figures.distance import distance_figure
from noegletal.figures.matrix import distance_matrix_figure, distance_matrix_html
from noegletal.figures.spine import spine_figure
from noegletal.figures.timeseries import timeseries_figure
from noegletal.figures.units import funnel_figure

__all__ = [
    "distance_figure", "distance_matrix_figure", "distance_matrix_html", "funnel_figure", "spine_figure",
    "timeseries_figure",
]
