"""The pack's charts put into the PDF as the vector drawings Chromium made of them.

WeasyPrint draws SVG in Python, element by element: the 78 charts were about half of the pack's
time (docs/benchmarks.md). Chromium, in the kaleido session that renders the charts anyway, prints
each chart to a one-page PDF in a fraction of that. So WeasyPrint lays out and tags the pages with a
small one-colour placeholder image in each chart's place (an <img> like any other: a Figure in the
structure tree with the chart's alternative text), and `put_charts` then gives each placeholder's
image XObject the chart's page instead, as a form XObject drawn in the same box. The structure tree,
reading order and metadata are WeasyPrint's, untouched; the charts stay vector graphics whose text
is text. The chart's own tags from Chromium are removed: inside a Figure its content is the figure.
"""

from __future__ import annotations

import io
from math import gcd

import pikepdf
from PIL import Image

from noegletal.content.pack_data import ExportError
from noegletal.exports.render import PrintedPage

# the second pixel of every placeholder; the first holds its number
_SIGNATURE = (0x4E, 0x54, 0x21)
# a placeholder's longest side in pixels: larger images are not looked into (none is a placeholder)
_MAX_SIDE = 64
_MARKED_CONTENT = {"BDC", "BMC", "EMC", "MP", "DP"}


def placeholder(number: int, width: int, height: int) -> bytes:
    """A PNG of the chart's aspect ratio (a few pixels: WeasyPrint decodes and compresses every
    image), its first pixel the chart's number and its second the signature."""
    step = gcd(width, height)
    size = (max(2, width // step), max(1, height // step))
    if max(size) > _MAX_SIDE:  # put_charts would not find it
        raise ValueError(f"no placeholder of {width} x {height} in at most {_MAX_SIDE} pixels a side")
    small = Image.new("RGB", size, "white")
    small.putpixel((0, 0), (number >> 16 & 255, number >> 8 & 255, number & 255))
    small.putpixel((1, 0), _SIGNATURE)
    out = io.BytesIO()
    small.save(out, format="PNG")
    return out.getvalue()


def put_charts(document: bytes, charts: list[PrintedPage]) -> bytes:
    """`document` with placeholder number i replaced by the printed chart charts[i]; ExportError if
    a chart has no placeholder or one is drawn twice (the pack would miss or repeat a chart)."""
    pdf = pikepdf.open(io.BytesIO(document))
    sources: dict[int, pikepdf.Pdf] = {}  # each printed document opened once
    forms: dict[int, pikepdf.Object] = {}
    placed: list[int] = []
    for images in _image_dictionaries(pdf):
        for name in list(images.keys()):
            number = _number(images[name])
            if number is None:
                continue
            if number not in forms:
                chart = charts[number]
                if id(chart.document) not in sources:
                    sources[id(chart.document)] = pikepdf.open(io.BytesIO(chart.document))
                forms[number] = _form(pdf, sources[id(chart.document)].pages[chart.page])
            images[name] = forms[number]
            placed.append(number)
    if sorted(placed) != list(range(len(charts))):
        raise ExportError(f"PDF'en fik {len(placed)} af {len(charts)} diagrammer sat ind; pakken er ikke lavet.")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _image_dictionaries(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The pages' XObject dictionaries, each once (WeasyPrint shares one between all pages)."""
    found: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for page in pdf.pages:
        images = page.obj.get("/Resources", {}).get("/XObject")
        if images is not None:
            found.setdefault(images.objgen if images.is_indirect else (-len(found), 0), images)
    return list(found.values())


def _number(xobject: pikepdf.Object) -> int | None:
    if xobject.get("/Subtype") != "/Image" or int(xobject.get("/Width", 0)) > _MAX_SIDE:
        return None
    pixels = pikepdf.PdfImage(xobject).as_pil_image().convert("RGB")
    if pixels.width < 2 or pixels.getpixel((1, 0)) != _SIGNATURE:
        return None
    r, g, b = pixels.getpixel((0, 0))
    return r << 16 | g << 8 | b


def _form(pdf: pikepdf.Pdf, page: pikepdf.Page) -> pikepdf.Object:
    """The chart's page as a form XObject that fills the unit square, as an image does."""
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    form = page.as_form_xobject()
    if any(op.encode() in form.read_bytes() for op in _MARKED_CONTENT):  # Chromium prints it untagged
        kept = [op for op in pikepdf.parse_content_stream(form) if str(op.operator) not in _MARKED_CONTENT]
        form.write(pikepdf.unparse_content_stream(kept))
    form.BBox = pikepdf.Array([x0, y0, x1, y1])
    form.Matrix = pikepdf.Array([1 / (x1 - x0), 0, 0, 1 / (y1 - y0), -x0 / (x1 - x0), -y0 / (y1 - y0)])
    for key in ("/StructParents", "/StructParent"):
        if key in form:
            del form[key]
    return pdf.copy_foreign(form)
