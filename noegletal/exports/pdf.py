"""The chart pack as a tagged PDF (PDF/UA-1): A4 landscape, drawn by WeasyPrint from the pack's
HTML document (noegletal/exports/appendix_html.py).

Tagged means a screen reader and a PDF checker find a structure tree with headings, tables (header
cells), figures with alternative text (the charts' descriptions), the reading order, the title
and the language (/Lang da). The charts are SVG rendered by kaleido, so they stay vector graphics
at any zoom and their text stays text. The marks (SYNTETISKE DATA, FORTROLIGT ...) are in every
page's top margin, the title and page number in its bottom margin.

Drawing the charts' SVG is most of WeasyPrint's time, so each SVG is first written the way WeasyPrint
reads fastest, drawing the same (`for_weasyprint`): no empty groups and paths (plotly leaves dozens
of empty layers in every chart), plain attributes instead of inline `style` (which WeasyPrint parses
with a full CSS tokenizer per element) and hex colours instead of `rgb()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.etree import ElementTree

from noegletal.exports.appendix_html import appendix_html
from noegletal.content.pack_data import ExportError, PackData
from noegletal.content.board_item import Summary

PDF_VARIANT = "pdf/ua-1"


def write_pdf(
    pack: PackData,
    summary: Summary,
    charts: dict[str, tuple[bytes, bytes]],
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The whole pack as PDF bytes; `charts` maps indicator_id -> (time-series SVG, distance SVG)."""
    charts = {iid: (for_weasyprint(timeseries), for_weasyprint(distance)) for iid, (timeseries, distance) in charts.items()}
    html = appendix_html(pack, summary, charts, with_tables=False)
    pdf = render_pdf(html)
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


_SVG_NS = "http://www.w3.org/2000/svg"
_RGB = re.compile(r"rgb\((\d{1,3}), ?(\d{1,3}), ?(\d{1,3})\)")
_NS_PREFIX = f"{{{_SVG_NS}}}"
_G, _PATH = f"{_NS_PREFIX}g", f"{_NS_PREFIX}path"


def for_weasyprint(svg: bytes) -> bytes:
    """A chart's SVG as WeasyPrint draws it fastest, drawing the same.

    WeasyPrint applies an element's `style` declarations exactly as attributes of the same name
    (weasyprint.svg.Node.cascade), so moving them there changes nothing it draws; nor does dropping
    a <g> without children or a <path> without `d`, or writing `rgb(0, 114, 178)` as `#0072b2`."""
    root = ElementTree.fromstring(svg)
    _tidy(root)
    for element in root.iter():  # SVG as the default namespace again, not as an ns0: prefix
        if element.tag.startswith(_NS_PREFIX):
            element.tag = element.tag[len(_NS_PREFIX):]
    root.set("xmlns", _SVG_NS)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=False)


def _tidy(element: ElementTree.Element) -> None:
    for child in list(element):
        _tidy(child)
        if len(child) == 0 and (child.tag == _G or (child.tag == _PATH and not child.get("d"))):
            element.remove(child)
    style = element.get("style")
    declarations = _declarations(style) if style is not None else None
    if declarations is not None:
        del element.attrib["style"]
        for name, value in declarations:
            if not name.startswith("-"):  # WeasyPrint skips those as well
                element.set(name, value)
    for name, value in element.attrib.items():
        if "rgb(" in value:
            element.set(name, _RGB.sub(_hex, value))


def _hex(match: re.Match) -> str:
    return "#%02x%02x%02x" % tuple(int(g) for g in match.groups())


def _declarations(style: str) -> list[tuple[str, str]] | None:
    """`name: value` pairs of an inline style, split on the `;` outside quotes and brackets; None
    (keep the style as it is) for anything beyond plain declarations: escapes, comments, !important."""
    if "\\" in style or "/*" in style or "!important" in style:
        return None
    parts, start, quote, depth = [], 0, "", 0
    for i, char in enumerate(style):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(style[start:i])
            start = i + 1
    parts.append(style[start:])
    declarations = []
    for part in parts:
        name, colon, value = part.partition(":")
        if not part.strip():
            continue
        if not colon or not name.strip():
            return None
        declarations.append((name.strip().lower(), value.strip()))
    return declarations
