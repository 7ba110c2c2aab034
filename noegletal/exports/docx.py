"""The board item (sagsfremstilling) as an editable Word document, drafted from the marts in the
form of the June 2023 board item (/work/shared/spec/): title, Resumé, Indstilling, Sagsfremstilling
with "Hvad er opdateret denne gang?" and "Hvad viser de nye tal?" by theme, each figure embedded
with its caption above and "Kilde:" and "Note:" below. Real Word headings and paragraphs
(python-docx), figures with alt text, so the secretariat edits the draft rather than writing it."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from noegletal import catalog
from noegletal.content import pack_texts as content
from noegletal.content.pack_data import IndicatorData, PackData
from noegletal.content.board_item import Summary, SummarySection
from noegletal.exports.figures import chart_texts
from noegletal.exports.office_language import keep_numbers_with_units, make_danish, repeat_header_rows
from noegletal.formatting import format_date, one_full_stop, period_label

TITLE = "Nye nøgletal for de nationale mål"
_MONTHS = content._MONTHS
RESUME_INTRO = (
    "Bestyrelsen præsenteres hvert kvartal for en nøgletalsoversigt over indikatorerne i de Nationale Mål "
    "på de områder, hvor der er nye tal i forhold til seneste status til bestyrelsen."
)
COMMITTEES = (
    "Det forventes, at nøgletallene vil blive drøftet i sundhedsudvalget og psykiatri- og socialudvalget "
    "med henblik på overvejelser om handling."
)
RECOMMENDATION = "at bestyrelsen tager orienteringen om status på nøgletallene til efterretning."
CLOSED_AGENDA = (
    "Punktet er på lukket dagsorden, da det indeholder tal, som på tidspunktet for udsendelsen af dagsordenen "
    "endnu ikke er offentliggjort. Punktet flyttes til den åbne dagsorden efter mødet."
)
NO_REMARKS = "Ingen bemærkninger"
FIGURE_WIDTH = Cm(16)


def _theme(data: IndicatorData) -> str:
    return catalog.themes().get(data.indicator_id, data.meta["name_da"])


def _month_year(day) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def _first_sentence(section: SummarySection) -> str:
    return section.sentences[0] if section.sentences else ""


def _caption(number: int, data: IndicatorData) -> str:
    periods = data.values["period"].unique().to_list()
    from noegletal.periods import parse_period

    first = min(periods, key=lambda p: parse_period(p).end) if periods else None
    span = f" ({period_label(first)} – {period_label(data.period)})" if first and first != data.period else ""
    return f"Figur {number}. {data.meta['name_da']}{span}"


def _notes(data: IndicatorData) -> str:
    """The page notes without what the figure's own lines say (the variation is in the text, the
    source under "Kilde:")."""
    kept = [
        n.removeprefix("Note: ") for n in content.notes(data)
        if not n.startswith(("Kilde:", "Regional variation"))
    ]
    return " ".join(one_full_stop(n) for n in kept)


def _add_marks(doc: Document, marks: list[str]) -> None:
    """The marks ("SYNTETISKE DATA", "FORTROLIGT – ...") in the page header of every page and above the title."""
    if not marks:
        return
    header = doc.sections[0].header.paragraphs[0]
    run = header.add_run(" · ".join(marks))
    run.bold = True
    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def write_docx(
    pack: PackData,
    summary: Summary,
    charts: dict[str, bytes],
    progress: Callable[[], None] | None = None,
) -> bytes:
    """`charts`: the time-series chart of every updated indicator as PNG, by indicator id. The
    sections follow the seed's board item: Resumé, Indstilling, Sagsfremstilling, Bilag."""
    doc = _new_document(pack, summary)
    updated = [d for d in pack.indicators if d.is_updated and d.period]
    sections = {s.indicator_id: s for s in summary.sections}
    themes = list(dict.fromkeys(_theme(d) for d in updated))
    _add_front(doc, pack, updated, sections)
    doc.add_heading("Sagsfremstilling", level=1)
    doc.add_heading("Hvad er opdateret denne gang?", level=2)
    doc.add_paragraph(_what_is_updated(pack, themes))
    doc.add_heading("Udvalgsdrøftelse", level=2)
    doc.add_paragraph(COMMITTEES)
    doc.add_heading(summary_title(), level=2)
    if summary.attention:
        doc.add_paragraph("Signifikant dårligere og forværret:")
        for line in summary.attention:
            doc.add_paragraph(line, style="List Bullet")
    _add_figures(doc, themes, updated, sections, charts, progress)
    _add_closing(doc, pack)
    return _finished(doc)


def _new_document(pack: PackData, summary: Summary) -> Document:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    _add_marks(doc, summary.marks and list(summary.marks))
    doc.core_properties.title = TITLE
    doc.core_properties.subject = content.update_label(pack)
    return doc


def _add_front(doc: Document, pack: PackData, updated: list[IndicatorData], sections: dict) -> None:
    """The title, the Resumé and the recommendation."""
    doc.add_heading(TITLE, level=0)
    doc.add_paragraph(content.cover_label(pack))
    if pack.synthetic:
        doc.add_paragraph("Tallene er syntetiske demodata: de er opdigtede og må ikke bruges som rigtige tal.")
    doc.add_heading("Resumé", level=1)
    doc.add_paragraph(RESUME_INTRO)
    _add_resume(doc, pack, updated, sections)
    doc.add_paragraph(COMMITTEES)
    doc.add_heading("Indstilling", level=1)
    doc.add_paragraph("Det indstilles,")
    doc.add_paragraph(RECOMMENDATION)


def _what_is_updated(pack: PackData, themes: list[str]) -> str:
    if pack.since is not None:
        text = (
            "Nøgletalsoversigten (vedlagt som bilag) er opdateret med de tal, der er nye siden bestyrelsen fik "
            f"den seneste nøgletalsoversigt i {_month_year(pack.since)}."
        )
    else:
        text = "Nøgletalsoversigten (vedlagt som bilag) viser alle indikatorer med tal; der er ingen tidligere præsentation registreret."
    if themes:
        return text + f" Det drejer sig bl.a. om tal for {_join_lower(themes)}."
    return text + f" Der er ingen nye tal siden {format_date(pack.since)}."


def _add_figures(
    doc: Document, themes: list[str], updated: list[IndicatorData], sections: dict, charts: dict[str, bytes],
    progress: Callable[[], None] | None,
) -> None:
    """"Hvad viser de nye tal?": per theme, each updated indicator's text and, where it has one, its
    numbered figure with caption, alternative text, source and notes."""
    number = 0
    for theme in themes:
        doc.add_heading(theme, level=3)
        for data in (d for d in updated if _theme(d) == theme):
            section = sections.get(data.indicator_id)
            png = charts.get(data.indicator_id)
            if png is not None:
                number += 1
                _add_figure(doc, number, data, section, png)
            elif section:
                doc.add_paragraph(section.text)
            if progress:
                progress()


def _add_figure(doc: Document, number: int, data: IndicatorData, section: SummarySection | None, png: bytes) -> None:
    lead = f"Figur {number} herunder viser {_lower_first(data.meta['name_da'])}."
    doc.add_paragraph(" ".join([lead, section.text if section else ""]).strip())
    caption = doc.add_paragraph(_caption(number, data))
    caption.runs[0].bold = True
    # the caption, the figure and its source stay on one page
    caption.paragraph_format.keep_with_next = True
    doc.add_picture(io.BytesIO(png), width=FIGURE_WIDTH)
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    # the caption, then the chart in words as the PDF and the dashboard say it
    _set_alt_text(doc, f"{_caption(number, data)}. {chart_texts(data)[0].description}")
    doc.add_paragraph(f"Kilde: {data.meta.get('source') or 'ukendt'}")
    notes = _notes(data)
    if notes:
        doc.add_paragraph(f"Note: {notes}")


def _add_closing(doc: Document, pack: PackData) -> None:
    doc.add_heading("Økonomi", level=2)
    doc.add_paragraph(NO_REMARKS)
    doc.add_heading("Sekretariatets bemærkninger", level=2)
    doc.add_paragraph(CLOSED_AGENDA if pack.options.fortrolig else NO_REMARKS)
    doc.add_heading("Kommunikation", level=2)
    doc.add_paragraph(NO_REMARKS)
    doc.add_heading("Bilag", level=2)
    doc.add_paragraph(f"1. {content.TITLE}. {content.update_label(pack)}")


def _finished(doc: Document) -> bytes:
    """Danish, header rows repeated, numbers kept with their units: the file's bytes."""
    make_danish(doc)
    repeat_header_rows(doc)
    keep_numbers_with_units(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def resume_indicators(pack: PackData, updated: list[IndicatorData]) -> list[IndicatorData]:
    """The updated indicators in the Resumé's order: mart_board_item_order's rule (gone the wrong
    way since the meeting, a region significantly worse and worsening, the target missed, the rest)
    when the pack counts from a registered presentation, else the appendix's order."""
    rank = {iid: i for i, iid in enumerate(pack.resume_order)}
    return sorted(updated, key=lambda d: rank.get(d.indicator_id, len(rank)))


def _add_resume(doc: Document, pack: PackData, updated: list[IndicatorData], sections: dict) -> None:
    """'Tallene viser bl.a., at ...': the first four by the Resumé's order, then any revision of a
    figure the board saw, said plainly."""
    from noegletal.content.meeting_text import change_words, revision_sentence, since_meeting_sentence

    ordered = resume_indicators(pack, updated)
    since = pack.since_meeting or {}
    headline = []
    for d in (d for d in ordered[:4] if d.indicator_id in sections):
        headline.append(_first_sentence(sections[d.indicator_id]))
        # against what the board saw, where that is why it leads (mart_board_item_order)
        row = since.get(d.indicator_id)
        if row and row.get("change_assessment") == "uønsket" and row.get("period") == d.period:
            text = since_meeting_sentence(row, d.meta["unit"], int(d.meta["decimals"] or 0), *change_words(d.meta))
            headline += [text] if text else []
    if headline:
        doc.add_paragraph("Tallene viser bl.a., at " + " ".join([_lower_first(headline[0])] + headline[1:]))
    revisions = [
        revision_sentence(since.get(d.indicator_id), d.meta["unit"], int(d.meta["decimals"] or 0),
                          what=_lower_first(d.meta["name_da"]))
        for d in ordered
    ]
    if any(revisions):
        doc.add_paragraph(" ".join(r for r in revisions if r))


def summary_title() -> str:
    from noegletal.content.board_item import TITLE as SUMMARY_TITLE

    return SUMMARY_TITLE


def _join_lower(items: list[str]) -> str:
    words = [_lower_first(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " og " + words[-1]


def _set_alt_text(doc: Document, text: str) -> None:
    """Word's alt text of the picture just added (python-docx has no API for it: docPr/@descr)."""
    inline = doc.inline_shapes[-1]._inline
    inline.docPr.set("descr", text)
    inline.docPr.set("title", text.split(".")[0])
