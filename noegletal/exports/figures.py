"""The two charts of an indicator page, made by the same builders, with the same inputs, as the
dashboard's indicator page (dashboards/views/indicator.py)."""

from __future__ import annotations

import copy

import plotly.graph_objects as go

from noegletal.content.pack_data import IndicatorData
from noegletal.figures import distance_figure, timeseries_figure
from noegletal.content.chart_text import ChartText, distance_text, timeseries_text

# CSS pixel sizes the charts are laid out at (the PDF/PPTX place them scaled, keeping the ratio).
TIMESERIES_SIZE = (800, 500)
DISTANCE_SIZE = (520, 540)


def indicator_figures(
    data: IndicatorData, highlight_region: str | None = None, forecast: list[dict] | None = None,
) -> tuple[go.Figure, go.Figure]:
    """forecast: the forecast towards the target from the pack's period (content.insights.forecast_rows)."""
    timeseries = timeseries_figure(
        data.values, data.meta, data.suspensions,
        highlight_period=data.period, comparison_period=data.comparison_period,
        highlight_region=highlight_region, height=TIMESERIES_SIZE[1], forecast=forecast,
    )
    distance = distance_figure(
        data.distances, data.meta, data.period, data.comparison_period, height=DISTANCE_SIZE[1],
    )
    return timeseries, distance


def chart_texts(data: IndicatorData) -> tuple[ChartText, ChartText]:
    """The two charts in words (text alternative and table): the same text in the PDF, the HTML
    file, the Word item, the slides and the dashboard (noegletal.content.chart_text)."""
    return (
        timeseries_text(data.values, data.level, data.meta, data.period, data.comparison_period),
        distance_text(data.level, data.meta, data.period, data.comparison_period),
    )


def with_marks(fig: go.Figure, marks: list[str]) -> go.Figure:
    """A copy of the figure carrying the pack's marks ("SYNTETISKE DATA", "FORTROLIGT ...") in its
    top-right corner: for charts that leave the pack as loose image files."""
    if not marks:
        return fig
    marked = copy.deepcopy(fig)
    marked.add_annotation(
        text=" · ".join(marks), xref="paper", yref="paper", x=1, y=1, yshift=28, xanchor="right", yanchor="bottom",
        showarrow=False, font=dict(size=13, color="#B00020"), bordercolor="#B00020", borderwidth=1.5,
        borderpad=3, bgcolor="white", name="export_mark",
    )
    top = (marked.layout.margin.t or 60) if marked.layout.margin else 60
    marked.update_layout(margin=dict(t=max(top, 60)))
    return marked
