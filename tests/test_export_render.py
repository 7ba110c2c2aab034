"""The pack's chart rendering: one Chromium session fed lazily (noegletal.exports.render) and the
SVG as WeasyPrint reads it fastest (noegletal.exports.pdf.for_weasyprint).

Why each exists and what it saved: docs/benchmarks.md (issues 20 and 22)."""

from __future__ import annotations

from xml.etree import ElementTree

import kaleido
import plotly.graph_objects as go
import pytest

from noegletal.exports.pdf import for_weasyprint
from noegletal.exports.render import RenderJob, render_all

SVG_NS = "{http://www.w3.org/2000/svg}"

PLOTLY_LIKE = (
    b'<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'width="800" height="500" style="" viewBox="0 0 800 500">'
    b'<rect x="0" y="0" width="800" height="500" style="fill: rgb(255, 255, 255); fill-opacity: 1;"/>'
    b'<g class="bglayer"/><g class="layer-below"><g class="imagelayer"/><g class="shapelayer"/></g>'
    b'<path class="xlines-below"/>'
    b'<g class="trace" style="stroke-miterlimit: 2; opacity: 1;">'
    b'<path class="js-line" d="M0,0L10,10" style="fill: none; stroke: rgb(0, 114, 178); stroke-width: 2.5px;"/>'
    b'<text x="1" y="2" style="font-family: \'Open Sans;x\', verdana; font-size: 15px; fill: rgb(26, 26, 26);'
    b' white-space: pre;">S\xc3\xb8rgen &amp; rgb(1, 2, 3)</text>'
    b'<rect width="5" height="5" style="fill: red !important"/>'
    b'</g></svg>'
)


def test_for_weasyprint_keeps_what_is_drawn_and_drops_the_rest():
    root = ElementTree.fromstring(for_weasyprint(PLOTLY_LIKE))
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox") == "0 0 800 500"
    tags = [el.tag.removeprefix(SVG_NS) for el in root.iter()]
    # the empty layers and the path without d are gone; everything that draws is there
    assert tags == ["svg", "rect", "g", "path", "text", "rect"]
    background, trace = root[0], root[1]
    assert background.get("fill") == "#ffffff" and background.get("fill-opacity") == "1"
    assert "style" not in background.attrib
    assert trace.get("opacity") == "1" and trace.get("stroke-miterlimit") == "2"
    line, text, important = trace
    assert (line.get("fill"), line.get("stroke"), line.get("stroke-width")) == ("none", "#0072b2", "2.5px")
    # a quoted ; stays inside its value; the text itself is never rewritten
    assert text.get("font-family") == "'Open Sans;x', verdana"
    assert text.get("fill") == "#1a1a1a" and text.get("white-space") == "pre"
    assert text.text == "Sørgen & rgb(1, 2, 3)"
    # !important: left for WeasyPrint's own parser
    assert important.get("style") == "fill: red !important" and important.get("fill") is None


def test_kaleido_still_has_the_hook_the_session_reuses_tabs_through():
    # render.py overrides Kaleido._return_kaleido_tab so a tab is not reloaded after every figure;
    # if kaleido renames it, rendering stays correct but several times slower
    assert callable(getattr(kaleido.Kaleido, "_return_kaleido_tab", None))


def _figure(title: str) -> go.Figure:
    return go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]), layout=dict(title=dict(text=title)))


def test_render_all_reads_lazy_jobs_and_keeps_their_order():
    asked = []

    def jobs():
        for i, width in enumerate((300, 420, 360)):
            asked.append(i)
            yield RenderJob(_figure(f"Figur {i}"), "svg", width, 200)

    done = []
    svgs = render_all(jobs(), on_done=done.append)
    assert asked == [0, 1, 2] and sorted(done) == [0, 1, 2]
    widths = [ElementTree.fromstring(svg).get("width") for svg in svgs]
    assert widths == ["300", "420", "360"]
    assert [b"Figur %d" % i in svg for i, svg in enumerate(svgs)] == [True, True, True]


def test_render_all_without_jobs_starts_no_browser(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")  # would be an ExportError if asked
    assert render_all(iter(())) == []


def test_a_failing_figure_builder_ends_the_session():
    def jobs():
        yield RenderJob(_figure("ok"), "svg", 300, 200)
        raise ValueError("figuren kunne ikke bygges")

    with pytest.raises(ValueError, match="kunne ikke bygges"):
        render_all(jobs())
