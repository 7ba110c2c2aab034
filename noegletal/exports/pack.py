"""build_pack: the chart pack in one call, for the command line and the dashboard's download button.

    from noegletal.exports import ExportOptions, build_pack
    pdf = build_pack(db_path, "pdf", ExportOptions(period="2023K1"))

Formats: "pdf" (A4 landscape, tagged PDF/UA-1, vector charts), "html" (the same document as one
self-contained HTML file, charts inline, a table view beside each chart), "pptx" (16:9, one slide per indicator), "png" (a ZIP
with a PNG and an SVG per chart), "xlsx" (the data behind every chart, one sheet per indicator),
"md" (the drafted summary "Hvad viser de nye tal?" as Markdown), "docx" (the board item
itself, sagsfremstilling, drafted around the updated indicators' charts: editable Word).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from noegletal.content import pack_texts as content
from noegletal.content.pack_data import ExportError, ExportOptions, PackData, load_pack_data
from noegletal.exports.figures import DISTANCE_SIZE, TIMESERIES_SIZE, indicator_figures, with_marks
from noegletal.exports.render import RenderJob, render_all
from noegletal.content.board_item import build_summary

FORMATS = ("pdf", "html", "pptx", "png", "xlsx", "md", "docx")
SUFFIXES = {"pdf": ".pdf", "html": ".html", "pptx": ".pptx", "png": ".zip", "xlsx": ".xlsx", "md": ".md", "docx": ".docx"}
MIME_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOCX_SCALE = 2.0  # 800 px wide chart -> 1600 px PNG: sharp when printed 16 cm wide
PPTX_SCALE = 2.5  # 800 px wide chart -> 2000 px PNG: sharp on a projector at full slide width

Progress = Callable[[int, int], None]  # (done, total)


def build_pack(
    db,
    fmt: str,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The chart pack as bytes in the given format; ExportError (Danish message) if it cannot be made.
    `db`: a DuckDB file, a postgresql:// URL or an opened warehouse (noegletal.access)."""
    if fmt not in FORMATS:
        raise ExportError(f"Ukendt format: {fmt}. Vælg et af: {', '.join(FORMATS)}.")
    pack = load_pack_data(db, options or ExportOptions())
    return build_from_data(pack, fmt, progress)


def build_from_data(pack: PackData, fmt: str, progress: Progress | None = None) -> bytes:
    summary = build_summary(pack)
    if fmt == "md":
        return summary.to_markdown().encode("utf-8")
    if fmt == "xlsx":
        from noegletal.exports.xlsx import write_xlsx

        return write_xlsx(pack)

    if fmt == "docx":
        return _docx(pack, summary, progress)

    with_data = [d for d in pack.indicators if d.period is not None]
    marks = content.marks(pack)
    sizes = (TIMESERIES_SIZE, DISTANCE_SIZE)
    formats = {"pdf": [("svg", 1.0)], "html": [("svg", 1.0)], "pptx": [("png", PPTX_SCALE)], "png": [("png", 2.0), ("svg", 1.0)]}[fmt]
    keys = [(d.indicator_id, index, image_format) for d in with_data for index in (0, 1) for image_format, _ in formats]

    def jobs():
        # built lazily, one indicator at a time, in this thread while Chromium starts and renders
        # the figures handed over before (render_all); each figure is built once for all its formats
        for d in with_data:
            pair = indicator_figures(d, pack.options.highlight_region, _forecast(pack, d))
            for index, fig in enumerate(pair):
                if fmt == "png":
                    fig = with_marks(fig, marks)
                for image_format, scale in formats:
                    yield RenderJob(fig, image_format, *sizes[index], scale=scale)

    tick = _counter(len(keys) + len(pack.indicators), progress)
    # the PDF's charts: SVGs that Chromium then prints to PDF pages (PrintedPage)
    rendered = render_all(jobs(), on_done=tick, print_pdf=fmt == "pdf")
    images: dict[tuple[str, int, str], bytes] = dict(zip(keys, rendered, strict=True))
    figures = [d.indicator_id for d in with_data]

    if fmt == "html":
        from noegletal.exports.appendix_html import ChartImage, appendix_html

        charts = {
            iid: tuple(ChartImage.svg(images[(iid, index, "svg")], sizes[index]) for index in (0, 1)) for iid in figures
        }
        for iid in charts:
            tick(iid)
        return appendix_html(pack, summary, charts).encode("utf-8")
    if fmt == "pdf":
        from noegletal.exports.pdf import write_pdf

        charts = {iid: (images[(iid, 0, "svg")], images[(iid, 1, "svg")]) for iid in figures}
        return write_pdf(pack, summary, charts, progress=tick)
    if fmt == "pptx":
        from noegletal.exports.pptx import write_pptx

        charts = {iid: (images[(iid, 0, "png")], images[(iid, 1, "png")]) for iid in figures}
        return write_pptx(pack, summary, charts, progress=tick)
    return _zip_images(pack, images)


def _counter(total: int, progress: Progress | None) -> Callable[..., None]:
    """A tick for each chart rendered and each page written, reported as (done, total)."""
    done = [0]

    def tick(_=None) -> None:
        done[0] += 1
        if progress:
            progress(done[0], total)

    return tick


def _forecast(pack: PackData, data) -> list[dict]:
    """The national forecast towards the target as it stood at the indicator's period."""
    from noegletal.content.insights import forecast_rows

    return forecast_rows(pack.insights, data.indicator_id, data.period) if pack.insights else []


def _docx(pack: PackData, summary, progress: Progress | None) -> bytes:
    """The board item: only the updated indicators' time-series charts, as PNG."""
    from noegletal.exports.docx import write_docx

    updated = [d for d in pack.indicators if d.is_updated and d.period is not None]
    jobs = [
        RenderJob(
            indicator_figures(d, pack.options.highlight_region, _forecast(pack, d))[0], "png", *TIMESERIES_SIZE,
            scale=DOCX_SCALE,
        )
        for d in updated
    ]
    tick = _counter(len(jobs) + len(updated), progress)
    rendered = render_all(jobs, on_done=tick)
    charts = {d.indicator_id: png for d, png in zip(updated, rendered)}
    return write_docx(pack, summary, charts, progress=tick)


def _zip_images(pack: PackData, images: dict[tuple[str, int, str], bytes]) -> bytes:
    buffer = io.BytesIO()
    order = {d.indicator_id: (d.meta["goal_area"], d.meta["sort_order"]) for d in pack.indicators}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for (iid, index, image_format), data in sorted(images.items(), key=lambda kv: (order[kv[0][0]], kv[0][1:])):
            area, sort = order[iid]
            kind = ("udvikling", "afstand_til_bedste")[index]
            zf.writestr(f"{area}_{sort:02d}_{_slug(iid)}_{kind}.{image_format}", data)
        zf.writestr("LÆSMIG.txt", _readme(pack))
    return buffer.getvalue()


def _readme(pack: PackData) -> str:
    lines = [content.TITLE, content.cover_label(pack), "", *content.marks(pack), *content.cover_lines(pack), ""]
    lines.append("En PNG (til præsentationer) og en SVG (vektor, til tryk) pr. figur; filnavn: målområde_nr_indikator_figur.")
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_]+", "_", text.lower())


def default_filename(fmt: str, period: str, fortrolig: bool = False, meeting=None) -> str:
    """'noegletal_2023K1.pdf', or for a meeting 'noegletal_bestyrelsesmoede_2026-12-09.pdf'; a pack
    with embargoed figures says so in its name too."""
    name = f"bestyrelsesmoede_{meeting.isoformat()}" if meeting else period
    return f"{'FORTROLIGT_' if fortrolig else ''}noegletal_{name}{SUFFIXES[fmt]}"
