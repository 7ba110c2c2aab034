"""The chart pack as a tagged PDF (PDF/UA-1): A4 landscape, drawn by WeasyPrint from the pack's
HTML document (noegletal/exports/appendix_html.py).

Tagged means a screen reader and a PDF checker find a structure tree with headings, tables (header
cells), figures with alternative text (the charts' descriptions), the reading order, the title
and the language (/Lang da). The charts are PDF pages that Chromium printed (kaleido), put in
where WeasyPrint laid out a placeholder (noegletal/exports/pdf_charts.py): vector graphics at any
zoom whose text stays text, at a fraction of the time WeasyPrint takes to draw the SVG itself. The
marks (SYNTETISKE DATA, FORTROLIGT ...) are in every page's top margin, the title and page number in
its bottom margin.
"""

from __future__ import annotations

from collections.abc import Callable

from noegletal.exports.appendix_html import ChartImage, appendix_html
from noegletal.exports.figures import DISTANCE_SIZE, TIMESERIES_SIZE
from noegletal.exports.pdf_charts import placeholder, put_charts
from noegletal.exports.render import PrintedPage
from noegletal.content.pack_data import ExportError, PackData
from noegletal.content.board_item import Summary

PDF_VARIANT = "pdf/ua-1"


def write_pdf(
    pack: PackData,
    summary: Summary,
    charts: dict[str, tuple[PrintedPage, PrintedPage]],
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The whole pack as PDF bytes; `charts` maps indicator_id -> (time-series chart, distance
    chart), each printed by Chromium (render_all with print_pdf)."""
    order = [chart for pair in charts.values() for chart in pair]
    # placeholder number n holds order[n]: the pair of indicator i is 2i and 2i + 1
    sizes = (TIMESERIES_SIZE, DISTANCE_SIZE)
    images = {
        iid: tuple(ChartImage.png(placeholder(2 * i + k, *size), size) for k, size in enumerate(sizes))
        for i, iid in enumerate(charts)
    }
    html = appendix_html(pack, summary, images, with_tables=False)
    pdf = put_charts(render_pdf(html), order)
    if progress:
        for indicator_id in charts:
            progress(indicator_id)
    return pdf


def render_pdf(html: str) -> bytes:
    """HTML -> tagged PDF bytes (WeasyPrint); ExportError naming the missing system library."""
    try:
        from weasyprint import HTML
    except OSError as error:  # Pango or HarfBuzz missing (Debian: libpango-1.0-0, libpangoft2-1.0-0)
        raise ExportError(
            f"PDF'en kan ikke laves: WeasyPrint mangler et systembibliotek ({error}). "
            "Installér det med `make setup` (scripts/install-system-deps.sh)."
        ) from error
    from weasyprint.urls import URLFetcher

    # the document needs nothing outside itself (charts are data URIs): fetch nothing else
    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)
