"""The chart pack as PowerPoint: native 16:9, one slide per indicator.

Charts are PNG at 2.5 × their layout size (the time-series chart is 2000 px wide), sharp on a
projector. Texts, the level table and the marks are native PowerPoint text the secretariat can edit.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from noegletal.content import pack_texts as content
from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.exports.figures import DISTANCE_SIZE, TIMESERIES_SIZE, chart_texts
from noegletal.content.board_item import ATTENTION_TITLE, Summary
from noegletal.content.board_item import TITLE as SUMMARY_TITLE
from noegletal.formatting import period_long_label

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in: PowerPoint's native 16:9
ACCENT = RGBColor(0x00, 0x3D, 0x6B)
TEXT = RGBColor(0x1A, 0x1A, 0x1A)
MUTED = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0xB0, 0x00, 0x20)
FONT = "Arial"
SUMMARY_SECTIONS_PER_SLIDE = 4


def _text(slide, x, y, w, h, text, size=14, bold=False, color=TEXT, align=None, space_after=4):
    box = slide.shapes.add_textbox(x, y, w, h)
    frame = box.text_frame
    frame.word_wrap = True
    paragraphs = text if isinstance(text, list) else [text]
    for i, item in enumerate(paragraphs):
        line, line_bold, line_size = (item, bold, size) if isinstance(item, str) else item
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = line
        run.font.size = Pt(line_size)
        run.font.bold = line_bold
        run.font.name = FONT
        run.font.color.rgb = color
        run.font.language_id = MSO_LANGUAGE_ID.DANISH  # spell-checked and read aloud as Danish
        if align:
            p.alignment = align
        p.space_after = Pt(space_after)
    return box


def _title(slide, title: str, size: int) -> None:
    """The slide's title in its title placeholder (screen readers and the outline find it there),
    placed and styled as the deck's titles."""
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(0.45), Inches(0.3), Inches(10.2), Inches(0.7)
    shape.name = "Title"
    frame = shape.text_frame
    frame.word_wrap = True
    frame.text = title
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.runs[0]
    run.font.size, run.font.bold, run.font.name = Pt(size), True, FONT
    run.font.color.rgb = ACCENT
    run.font.language_id = MSO_LANGUAGE_ID.DANISH


def _describe(picture, chart) -> None:
    """The picture's alternative text (p:cNvPr/@descr): the chart in words (figures.describe)."""
    picture._element.nvPicPr.cNvPr.set("descr", chart.description)
    picture._element.nvPicPr.cNvPr.set("title", chart.title)


class _Deck:
    def __init__(self, pack: PackData) -> None:
        self.pack = pack
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H
        self.blank = self.prs.slide_layouts[6]
        self.title_only = self.prs.slide_layouts[5]  # a real title placeholder: read first, listed in the outline
        self.marks = content.marks(pack)
        self.footer = f"{content.TITLE} · {content.update_label(pack)}"

    def slide(self, title: str | None = None, subtitle: str | None = None):
        slide = self.prs.slides.add_slide(self.title_only if title else self.blank)
        if title:
            # long indicator names must stay on one line above the subtitle
            size = 26 if len(title) <= 45 else 20 if len(title) <= 58 else 18
            _title(slide, title, size)
        if subtitle:
            _text(slide, Inches(0.45), Inches(0.92), Inches(12), Inches(0.4), subtitle, size=13, color=MUTED)
        number = len(self.prs.slides)
        _text(slide, Inches(0.45), Inches(7.12), Inches(9), Inches(0.3), self.footer, size=9, color=MUTED)
        _text(slide, Inches(11.9), Inches(7.12), Inches(1.0), Inches(0.3), str(number), size=9, color=MUTED,
              align=PP_ALIGN.RIGHT)
        if self.marks:
            mark = _text(slide, Inches(9.0), Inches(0.2), Inches(4.0), Inches(0.4), "  ·  ".join(self.marks),
                         size=13, bold=True, color=RED, align=PP_ALIGN.RIGHT)
            mark.name = "Mark"
        return slide

    def cover(self) -> None:
        slide = self.slide(content.TITLE)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Inches(0.8), Inches(1.6), Inches(11.5), Inches(1.2)
        title.text_frame.paragraphs[0].runs[0].font.size = Pt(36)
        _text(slide, Inches(0.8), Inches(2.9), Inches(11.5), Inches(0.6), content.cover_label(self.pack), size=24)
        _text(slide, Inches(0.8), Inches(3.5), Inches(11.5), Inches(0.5),
              f"Nøgletal til og med {period_long_label(self.pack.period)}", size=18)
        _text(slide, Inches(0.8), Inches(4.3), Inches(11.5), Inches(2.4), content.cover_lines(self.pack), size=13)

    def summary(self, summary: Summary) -> None:
        sections = list(summary.sections)
        chunks = [sections[i:i + SUMMARY_SECTIONS_PER_SLIDE] for i in range(0, len(sections), SUMMARY_SECTIONS_PER_SLIDE)]
        for number, chunk in enumerate(chunks or [[]]):
            title = SUMMARY_TITLE if number == 0 else f"{SUMMARY_TITLE} (fortsat)"
            slide = self.slide(title)
            paragraphs: list = [(summary.intro, False, 13)] if number == 0 else []
            if number == 0 and summary.attention:
                paragraphs += [(ATTENTION_TITLE, True, 14), *[(f"• {line}", False, 12) for line in summary.attention]]
            for section in chunk:
                paragraphs += [(section.title, True, 14), (section.text, False, 12)]
            _text(slide, Inches(0.45), Inches(1.2), Inches(12.4), Inches(5.7), paragraphs)

    def indicator_list(self) -> None:
        groups = content.indicator_list(self.pack)
        for half in (groups[:4], groups[4:]):
            slide = self.slide(f"Opdaterede nøgletal pr. {content.update_label(self.pack)[11:]}",
                               "Fed: opdateret siden sidste præsentation for bestyrelsen")
            for column, group in enumerate((half[:2], half[2:])):
                paragraphs = []
                for _area, title, lines in group:
                    paragraphs.append((title, True, 14))
                    paragraphs += [(f"• {line}", bold, 11) for line, bold in lines]
                _text(slide, Inches(0.45 + 6.3 * column), Inches(1.35), Inches(6.1), Inches(5.6), paragraphs)

    def format_slide(self) -> None:
        slide = self.slide("Forklaring af formatet")
        paragraphs = [(content.FORMAT_INTRO, False, 13)]
        paragraphs += [(f"{head}: {text}", False, 13) for head, text in content.FORMAT_POINTS]
        _text(slide, Inches(0.45), Inches(1.2), Inches(8.2), Inches(5.7), paragraphs)
        y = Inches(1.4)
        for name, color in content.region_legend():
            line = slide.shapes.add_connector(1, Inches(9.2), y + Inches(0.15), Inches(9.9), y + Inches(0.15))
            line.line.color.rgb = RGBColor.from_string(color[1:])
            line.line.width = Pt(5 if color == "#000000" else 3.5)
            _text(slide, Inches(10.05), y, Inches(3), Inches(0.35), name, size=14)
            y += Inches(0.5)

    def indicator(self, data: IndicatorData, charts: tuple[bytes, bytes] | None) -> None:
        meta = data.meta
        sub = f"Målområde {meta['goal_area']}: {self.pack.goal_areas[meta['goal_area']]}"
        sub += f" · {period_long_label(data.period)}" if data.period else " · ingen data"
        if data.is_updated:
            sub += " · opdateret"
        slide = self.slide(meta["name_da"], sub)
        if charts is None:
            _text(slide, Inches(0.45), Inches(3), Inches(12), Inches(1), "Der er ingen data for denne indikator.",
                  size=18, color=MUTED)
            return
        top = Inches(1.3)
        ts_w = Inches(7.0)
        ts_h = Emu(int(ts_w * TIMESERIES_SIZE[1] / TIMESERIES_SIZE[0]))
        texts = chart_texts(data)
        picture = slide.shapes.add_picture(io.BytesIO(charts[0]), Inches(0.3), top, width=ts_w, height=ts_h)
        picture.name = "Udvikling"
        _describe(picture, texts[0])
        d_h = ts_h
        d_w = Emu(int(d_h * DISTANCE_SIZE[0] / DISTANCE_SIZE[1]))
        picture = slide.shapes.add_picture(io.BytesIO(charts[1]), Inches(7.6), top, width=d_w, height=d_h)
        picture.name = "Afstand"
        _describe(picture, texts[1])
        table_rows = content.level_table(data)
        row_h = Inches(0.2)
        y = top + ts_h + Inches(0.05)
        shape = slide.shapes.add_table(len(table_rows), len(table_rows[0]), Inches(0.45), y, Inches(12.4),
                                       Emu(row_h * len(table_rows)))
        shape.name = "Niveau"
        table = shape.table
        table.columns[0].width = Inches(2.2)
        for j in range(1, len(table_rows[0])):
            table.columns[j].width = Emu(int(Inches(10.2) / (len(table_rows[0]) - 1)))
        for i, row in enumerate(table_rows):
            table.rows[i].height = row_h
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text = value
                cell.margin_top = cell.margin_bottom = Emu(0)
                p = cell.text_frame.paragraphs[0]
                p.alignment = PP_ALIGN.LEFT if j == 0 else PP_ALIGN.RIGHT
                for run in p.runs:
                    run.font.size = Pt(10)
                    run.font.name = FONT
                    run.font.bold = i <= 1
                    run.font.language_id = MSO_LANGUAGE_ID.DANISH
        notes = content.notes(data)
        # on the slide: the lead line, then the variation and the source; every note in the speaker notes
        shown = [line for line in notes if line.startswith(("Regional variation", "Kilde"))]
        _text(slide, Inches(0.45), y + Emu(row_h * len(table_rows)) + Inches(0.02), Inches(12.4), Inches(0.3),
              [(notes[0], False, 8.5), ("   ".join(shown), False, 8.5)], color=MUTED, space_after=0)
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)


def write_pptx(
    pack: PackData,
    summary: Summary,
    charts: dict[str, tuple[bytes, bytes]],
    progress: Callable[[str], None] | None = None,
) -> bytes:
    deck = _Deck(pack)
    deck.cover()
    deck.summary(summary)
    deck.indicator_list()
    deck.format_slide()
    # an indicator without figures by the pack's period gets no slide: the list says "ingen nye tal"
    for data in content.indicators_with_pages(pack):
        deck.indicator(data, charts.get(data.indicator_id))
        if progress:
            progress(data.indicator_id)
    deck.prs.core_properties.title = f"{content.TITLE} – {content.update_label(pack)}"
    out = io.BytesIO()
    deck.prs.save(out)
    return out.getvalue()
