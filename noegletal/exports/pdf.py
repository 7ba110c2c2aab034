"""The chart pack as a PDF: A4 landscape, text and tables by reportlab, charts as vector PDF.

Every page is laid out with reportlab (text stays text: searchable, copyable). The charts are
rendered by kaleido to PDF in one Chromium session and stamped into their boxes with pypdf, so they
stay vector graphics at any zoom.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
)
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from noegletal.content import pack_texts as content
from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.exports.figures import DISTANCE_SIZE, TIMESERIES_SIZE
from noegletal.content.board_item import ATTENTION_TITLE, Summary
from noegletal.content.board_item import TITLE as SUMMARY_TITLE
from noegletal.formatting import period_long_label

PAGE_W, PAGE_H = landscape(A4)
MARGIN = 30
MARK_RED = colors.HexColor("#B00020")
MUTED = colors.HexColor("#555555")
TEXT = colors.HexColor("#1A1A1A")
ACCENT = colors.HexColor("#003D6B")

# chart boxes on an indicator page (x, y, width, height), in points from the bottom left
TIMESERIES_BOX = (MARGIN, 190, 500, 500 * TIMESERIES_SIZE[1] / TIMESERIES_SIZE[0])
DISTANCE_BOX = (MARGIN + 515, 190, 281, 281 * DISTANCE_SIZE[1] / DISTANCE_SIZE[0])

_FONTS = {
    "Sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "Sans-Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "Sans-Italic": "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
}


def _fonts() -> tuple[str, str, str]:
    """Liberation Sans (metrically Arial, as the charts) if installed, else the built-in Helvetica."""
    try:
        for name, path in _FONTS.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, path))
        from reportlab.pdfbase.pdfmetrics import registerFontFamily

        registerFontFamily("Sans", normal="Sans", bold="Sans-Bold", italic="Sans-Italic", boldItalic="Sans-Bold")
        return "Sans", "Sans-Bold", "Sans-Italic"
    except Exception:  # noqa: BLE001 - no TTF fonts on this machine
        return "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"


class _Layout:
    def __init__(self, pack: PackData) -> None:
        self.pack = pack
        self.regular, self.bold, self.italic = _fonts()
        self.marks = content.marks(pack)
        self.header = f"{content.TITLE} · {content.update_label(pack)}"
        s = lambda **kw: ParagraphStyle("x", **{"fontName": self.regular, "textColor": TEXT, "alignment": TA_LEFT, **kw})  # noqa: E731
        self.body = s(fontSize=10.5, leading=14.5, spaceAfter=6)
        self.small = s(fontSize=8.5, leading=11)
        self.h1 = s(fontSize=20, leading=25, spaceAfter=10, textColor=ACCENT)
        self.h1.fontName = self.bold
        self.h2 = s(fontSize=12.5, leading=16, spaceBefore=6, spaceAfter=3, textColor=ACCENT)
        self.h2.fontName = self.bold
        self.h2.keepWithNext = 1
        self.h3 = s(fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=1)
        self.h3.fontName = self.bold
        self.h3.keepWithNext = 1
        self.item = s(fontSize=10, leading=13.5, leftIndent=12, bulletIndent=2, bulletFontName=self.regular)
        self.page_no = 0

    # --- every page -------------------------------------------------------------------------

    def decorate(self, c: Canvas) -> None:
        self.page_no += 1
        c.setFont(self.regular, 8)
        c.setFillColor(MUTED)
        c.drawString(MARGIN, 18, self.header)
        c.drawRightString(PAGE_W - MARGIN, 18, f"Side {self.page_no}")
        c.setStrokeColor(colors.HexColor("#CCCCCC"))
        c.setLineWidth(0.5)
        c.line(MARGIN, 30, PAGE_W - MARGIN, 30)
        x = PAGE_W - MARGIN
        for mark in reversed(self.marks):  # a red box per mark, top right
            width = pdfmetrics.stringWidth(mark, self.bold, 10) + 14
            x -= width
            c.setStrokeColor(MARK_RED)
            c.setFillColor(colors.white)
            c.setLineWidth(1.2)
            c.roundRect(x, PAGE_H - 27, width, 17, 3, stroke=1, fill=1)
            c.setFillColor(MARK_RED)
            c.setFont(self.bold, 10)
            c.drawCentredString(x + width / 2, PAGE_H - 22, mark)
            x -= 6
        if self.marks:  # and again in the footer, before the page number
            c.setFont(self.bold, 8)
            c.setFillColor(MARK_RED)
            c.drawRightString(PAGE_W - MARGIN - 50, 18, "  ·  ".join(self.marks))

    def flow(self, c: Canvas, story: list, columns: int = 2, first_title: str | None = None) -> None:
        """Pour paragraphs into pages of `columns` columns until the story is used up."""
        story = list(story)
        while story:
            self.decorate(c)
            top = PAGE_H - 40
            if first_title:
                c.setFont(self.bold, 20)
                c.setFillColor(ACCENT)
                c.drawString(MARGIN, top - 22, first_title)
                top -= 40
            gap = 24
            width = (PAGE_W - 2 * MARGIN - gap * (columns - 1)) / columns
            for i in range(columns):
                frame = Frame(MARGIN + i * (width + gap), 40, width, top - 40, 0, 0, 0, 0, showBoundary=0)
                frame.addFromList(story, c)
                if not story:
                    break
            c.showPage()

    # --- pages ------------------------------------------------------------------------------

    def cover(self, c: Canvas) -> None:
        self.decorate(c)
        c.setFillColor(ACCENT)
        c.rect(0, PAGE_H - 250, 14, 170, stroke=0, fill=1)
        c.setFont(self.bold, 30)
        c.drawString(MARGIN + 20, PAGE_H - 130, content.TITLE)
        c.setFont(self.regular, 20)
        c.setFillColor(TEXT)
        c.drawString(MARGIN + 20, PAGE_H - 170, content.update_label(self.pack))
        c.setFont(self.regular, 14)
        c.drawString(MARGIN + 20, PAGE_H - 200, f"Nøgletal til og med {period_long_label(self.pack.period)}")
        story = [Paragraph(escape(line), self.body) for line in content.cover_lines(self.pack)]
        Frame(MARGIN + 20, 60, PAGE_W - 2 * MARGIN - 40, PAGE_H - 330, 0, 0, 0, 0).addFromList(story, c)
        if self.pack.synthetic:
            c.saveState()
            c.setFillColor(MARK_RED)
            c.setFont(self.bold, 40)
            c.drawCentredString(PAGE_W / 2, 90, content.SYNTHETIC_MARK)
            c.restoreState()
        c.showPage()

    def summary(self, c: Canvas, summary: Summary) -> None:
        story: list = [Paragraph(escape(summary.intro), self.body)]
        if summary.attention:
            story.append(Paragraph(escape(ATTENTION_TITLE), self.h2))
            story += [Paragraph(escape(line), self.item, bulletText="•") for line in summary.attention]
        area = None
        for section in summary.sections:
            if section.goal_area != area:
                area = section.goal_area
                story.append(Paragraph(escape(self.pack.goal_areas[area]), self.h2))
            story.append(Paragraph(escape(section.title), self.h3))
            story.append(Paragraph(escape(section.text), self.body))
        story.append(Spacer(1, 6))
        story.append(Paragraph(
            "<i>Teksten er dannet automatisk ud fra lageret efter faste regler. Læs den igennem før brug.</i>",
            self.small,
        ))
        self.flow(c, story, columns=2, first_title=SUMMARY_TITLE)

    def indicator_list(self, c: Canvas) -> None:
        story: list = [Paragraph(escape(content.LIST_INTRO), self.body)]
        for _area, title, lines in content.indicator_list(self.pack):
            story.append(Paragraph(escape(title), self.h2))
            for line, bold in lines:
                text = f"<b>{escape(line)}</b>" if bold else escape(line)
                story.append(Paragraph(text, self.item, bulletText="•"))
        self.flow(c, story, columns=2, first_title=f"Opdaterede nøgletal pr. {content.update_label(self.pack)[11:]}")

    def format_page(self, c: Canvas) -> None:
        self.decorate(c)
        c.setFont(self.bold, 20)
        c.setFillColor(ACCENT)
        c.drawString(MARGIN, PAGE_H - 62, "Forklaring af formatet")
        story: list = [Paragraph(escape(content.FORMAT_INTRO), self.body)]
        for head, text in content.FORMAT_POINTS:
            story.append(Paragraph(f"<b>{escape(head)}.</b> {escape(text)}", self.body))
        Frame(MARGIN, 60, 480, PAGE_H - 140, 0, 0, 0, 0).addFromList(story, c)
        # the region colours, as in the charts
        x, y = MARGIN + 520, PAGE_H - 110
        c.setFont(self.bold, 12)
        c.setFillColor(TEXT)
        c.drawString(x, y, "Regionernes farver")
        for name, color in content.region_legend():
            y -= 26
            c.setStrokeColor(colors.HexColor(color))
            c.setLineWidth(4.5 if color == "#000000" else 3)
            c.line(x, y + 4, x + 40, y + 4)
            c.setFillColor(colors.HexColor(color))
            c.circle(x + 20, y + 4, 4.5, stroke=0, fill=1)
            c.setFillColor(TEXT)
            c.setFont(self.regular, 11)
            c.drawString(x + 52, y, name)
        # a drawn example of dot and line
        y -= 60
        c.setFont(self.bold, 12)
        c.drawString(x, y, "Afstand til bedste")
        for label, before, now, color in (("henter ind", 150, 70, "#0072B2"), ("lægger afstand", 40, 110, "#D55E00")):
            y -= 30
            c.setStrokeColor(colors.HexColor(color))
            c.setStrokeAlpha(0.55)
            c.setLineWidth(7)
            c.line(x + before, y + 4, x + now, y + 4)
            c.setStrokeAlpha(1)
            c.setFillColor(colors.HexColor(color))
            c.circle(x + now, y + 4, 7, stroke=0, fill=1)
            c.setFillColor(TEXT)
            c.setFont(self.regular, 10)
            c.drawString(x + 170, y, label)
        c.setStrokeColor(MUTED)
        c.setLineWidth(1.5)
        c.line(x, y - 8, x, y + 60)
        c.setFont(self.italic, 8.5)
        c.setFillColor(MUTED)
        c.drawString(x, y - 20, "0 = bedste region")
        c.showPage()

    def indicator_page(self, c: Canvas, data: IndicatorData) -> None:
        self.decorate(c)
        meta = data.meta
        c.setFont(self.bold, 17)
        c.setFillColor(ACCENT)
        c.drawString(MARGIN, PAGE_H - 50, meta["name_da"])
        sub = f"Målområde {meta['goal_area']}: {self.pack.goal_areas[meta['goal_area']]}"
        sub += f" · {period_long_label(data.period)}" if data.period else " · ingen data"
        c.setFont(self.regular, 10)
        c.setFillColor(MUTED)
        c.drawString(MARGIN, PAGE_H - 66, sub)
        if data.is_updated:
            w = pdfmetrics.stringWidth(sub, self.regular, 10)
            c.setFont(self.bold, 10)
            c.setFillColor(ACCENT)
            c.drawString(MARGIN + w + 6, PAGE_H - 66, "· opdateret")
        c.setFont(self.bold, 11)
        c.setFillColor(TEXT)
        c.drawString(TIMESERIES_BOX[0], TIMESERIES_BOX[1] + TIMESERIES_BOX[3] + 4, "Udvikling over tid")
        c.drawString(DISTANCE_BOX[0], TIMESERIES_BOX[1] + TIMESERIES_BOX[3] + 4, "Afstand til bedste")
        if data.period is None:
            c.setFont(self.regular, 14)
            c.setFillColor(MUTED)
            c.drawString(MARGIN, 330, "Der er ingen data for denne indikator i lageret.")
        else:
            table = content.level_table(data)
            col0 = 150
            widths = [col0] + [(PAGE_W - 2 * MARGIN - col0) / (len(table[0]) - 1)] * (len(table[0]) - 1)
            t = Table(table, colWidths=widths, rowHeights=13)
            t.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), self.regular, 8.5),
                ("FONT", (0, 0), (-1, 0), self.bold, 8.5),
                ("FONT", (0, 1), (-1, 1), self.bold, 8.5),
                ("FONT", (-1, 0), (-1, -1), self.bold, 8.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("TEXTCOLOR", (0, 0), (-1, -1), TEXT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
                ("LINEBELOW", (0, -1), (-1, -1), 0.4, colors.HexColor("#CCCCCC")),
                ("BACKGROUND", (-1, 0), (-1, -1), colors.HexColor("#F2F2F2")),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]))
            _, h = t.wrapOn(c, PAGE_W - 2 * MARGIN, 100)
            c.setFont(self.bold, 10)
            c.drawString(MARGIN, 176, f"Aktuelt niveau, {period_long_label(data.period)}")
            t.drawOn(c, MARGIN, 170 - h)
            story = [Paragraph(escape(line), self.small) for line in content.notes(data)]
            Frame(MARGIN, 36, PAGE_W - 2 * MARGIN, 170 - h - 42, 0, 0, 0, 0).addFromList(story, c)
        c.showPage()


def write_pdf(
    pack: PackData,
    summary: Summary,
    charts: dict[str, tuple[bytes, bytes]],
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The whole pack as PDF bytes; `charts` maps indicator_id -> (time-series PDF, distance PDF)."""
    layout = _Layout(pack)
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    c.setTitle(f"{content.TITLE} – {content.update_label(pack)}")
    c.setAuthor("Nøgletal")
    c.setSubject(", ".join(layout.marks) or content.TITLE)
    layout.cover(c)
    layout.summary(c, summary)
    layout.indicator_list(c)
    layout.format_page(c)
    first_indicator_page = layout.page_no
    # an indicator without figures by the pack's period gets no page: the list says "ingen nye tal"
    with_data = content.indicators_with_pages(pack)
    for data in with_data:
        layout.indicator_page(c, data)
    c.save()

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    for offset, data in enumerate(with_data):
        if data.indicator_id not in charts:
            continue
        page = writer.pages[first_indicator_page + offset]
        for number, (chart, box) in enumerate(zip(charts[data.indicator_id], (TIMESERIES_BOX, DISTANCE_BOX))):
            _stamp(page, chart, box, writer, f"/NtChart{number}")
        if progress:
            progress(data.indicator_id)
    writer.add_metadata({"/Title": f"{content.TITLE} – {content.update_label(pack)}"})
    out = io.BytesIO()
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    writer.write(out)
    return out.getvalue()


def _stamp(page, chart_pdf: bytes, box: tuple[float, float, float, float], writer: PdfWriter, name: str) -> None:
    """Place the chart's first page into `box` as a Form XObject (vector, fonts embedded).

    Faster than pypdf's merge_transformed_page, which parses and rewrites every drawing operator."""
    chart = PdfReader(io.BytesIO(chart_pdf)).pages[0]
    media = chart.mediabox
    cw, ch = float(media.width), float(media.height)
    x, y, w, h = box
    scale = min(w / cw, h / ch)
    dx = x + (w - cw * scale) / 2 - float(media.left) * scale
    dy = y + (h - ch * scale) - float(media.bottom) * scale
    form = StreamObject()
    raw = chart["/Contents"].get_object()  # decoded, not parsed into operators (fast)
    parts = raw if isinstance(raw, ArrayObject) else [raw]
    form.set_data(b"\n".join(part.get_object().get_data() for part in parts))
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(v) for v in (media.left, media.bottom, media.right, media.top)]),
        NameObject("/Resources"): chart["/Resources"].get_object().clone(writer),
    })
    ref = writer._add_object(form)
    resources = page["/Resources"].get_object()
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    resources["/XObject"].get_object()[NameObject(name)] = ref
    operators = f"q {scale:.6f} 0 0 {scale:.6f} {dx:.3f} {dy:.3f} cm {name} Do Q".encode()
    contents = page.get_contents()
    page.replace_contents(ContentStream(None, None) if contents is None else contents)
    stream = page.get_contents()
    stream.set_data(stream.get_data() + b"\n" + operators + b"\n")
    page.replace_contents(stream)
