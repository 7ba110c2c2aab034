"""The pack's chart rendering: one Chromium session fed lazily (noegletal.exports.render), the
charts printed to PDF in that session, and put into WeasyPrint's tagged PDF where its placeholders
were laid out (noegletal.exports.pdf_charts).

Why each exists and what it saved: docs/benchmarks.md (issues 20 and 22)."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import kaleido
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from noegletal.content.pack_data import ExportError
from noegletal.exports.appendix_html import ChartImage
from noegletal.exports.pdf import render_pdf
from noegletal.exports.pdf_charts import placeholder, put_charts
from noegletal.exports.render import RenderJob, render_all


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


def _document_with_placeholders(sizes: list[tuple[int, int]]) -> bytes:
    """A tagged PDF (WeasyPrint) with a figure per size, each holding placeholder number i."""
    figures = "".join(
        f"<figure><img src='{ChartImage.png(placeholder(i, *size), size).src}' width='{size[0]}' "
        f"height='{size[1]}' alt='Diagram {i}'></figure>"
        for i, size in enumerate(sizes)
    )
    return render_pdf(f"<!doctype html><html lang='da'><head><title>Prøve</title></head><body>{figures}</body></html>")


def test_printed_charts_take_their_placeholders_places_as_vector_forms():
    sizes = [(400, 250), (260, 270), (400, 250)]
    printed = render_all((RenderJob(_figure(f"Figur {i}"), "svg", *size) for i, size in enumerate(sizes)), print_pdf=True)
    # one printed document per size, its pages in the jobs' order
    assert printed[0].document is printed[2].document and (printed[0].page, printed[2].page) == (0, 1)
    assert printed[1].document is not printed[0].document and printed[1].page == 0
    pdf = PdfReader(io.BytesIO(put_charts(_document_with_placeholders(sizes), printed)))
    forms = []
    for page in pdf.pages:
        xobjects = page["/Resources"]["/XObject"]
        forms += [xobjects[name].get_object() for name in xobjects]
    assert [form["/Subtype"] for form in forms] == ["/Form"] * 3  # no placeholder image is left
    # each chart in its own figure's box: number i shows "Figur i", drawn to the unit square
    text = "".join(page.extract_text() for page in pdf.pages)
    assert [text.index(f"Figur {i}") for i in range(3)] == sorted(text.index(f"Figur {i}") for i in range(3))
    for form in forms:
        assert b"BDC" not in form.get_data() and b"EMC" not in form.get_data()  # Chromium's own tags gone
        matrix, box = [float(v) for v in form["/Matrix"]], [float(v) for v in form["/BBox"]]
        assert matrix[0] * (box[2] - box[0]) == pytest.approx(1, rel=1e-3) and matrix[3] * (box[3] - box[1]) == pytest.approx(1, rel=1e-3)
    # the figures keep WeasyPrint's tags and alternative texts
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712


def test_a_chart_without_its_placeholder_stops_the_pack():
    printed = render_all([RenderJob(_figure(f"Figur {i}"), "svg", 300, 200) for i in range(2)], print_pdf=True)
    with pytest.raises(ExportError, match="1 af 2 diagrammer"):
        put_charts(_document_with_placeholders([(300, 200)]), printed)


def test_a_chart_size_without_a_small_placeholder_is_refused():
    # put_charts looks into small images only: a placeholder it could not find is an error here
    with pytest.raises(ValueError, match="801 x 500"):
        placeholder(0, 801, 500)
