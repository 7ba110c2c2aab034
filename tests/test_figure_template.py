"""The figures' template (noegletal.figures.common.TEMPLATE) is plotly_white cut to what the figures
draw, so a figure looks the same as with plotly_white, built in less time (docs/benchmarks.md)."""

from __future__ import annotations

import plotly.io as pio

from noegletal.exports import ExportOptions, load_pack_data
from noegletal.exports.figures import indicator_figures
from noegletal.figures import distance_matrix_figure
from noegletal.figures.common import _UNUSED_LAYOUT, TEMPLATE, TRACE_TYPES
from test_export_summary import shared_summary_warehouse
from test_figures_matrix import INDICATOR, ROWS


def test_the_template_is_plotly_white_for_the_trace_types_and_2d_axes_it_keeps():
    white, ours = pio.templates["plotly_white"].to_plotly_json(), pio.templates[TEMPLATE].to_plotly_json()
    assert ours["data"] == {kind: white["data"][kind] for kind in TRACE_TYPES}
    assert ours["layout"] == {k: v for k, v in white["layout"].items() if k not in _UNUSED_LAYOUT}
    assert {"xaxis", "yaxis", "colorway", "colorscale", "font", "hoverlabel"} <= set(ours["layout"])


def test_every_figure_draws_only_what_the_template_keeps(tmp_path_factory):
    pack = load_pack_data(shared_summary_warehouse(tmp_path_factory), ExportOptions(period="2023K1"))
    figures = [fig for data in pack.indicators if data.period for fig in indicator_figures(data)]
    figures.append(distance_matrix_figure(ROWS, [INDICATOR]))
    assert len(figures) > 4
    for fig in figures:
        assert {trace.type for trace in fig.data} <= set(TRACE_TYPES)
        layout = fig.to_plotly_json()["layout"]
        assert not set(_UNUSED_LAYOUT) & set(layout)  # no polar, ternary, 3-D or map axes
        assert layout["template"]["layout"]["xaxis"] == pio.templates["plotly_white"].layout.xaxis.to_plotly_json()
