"""One definition of every number: for the demo warehouse, every indicator at two quarters, the
numbers the Indikator page shows (Streamlit AppTest) equal those in the PDF pack's level table and
in the Excel pack's level rows (raw mart numbers with the number format of the row's decimals),
and every sentence that carries a number is the same wherever it appears: the page's lead,
variation and notes on the page, in the PDF and in the PowerPoint (slides and speaker notes); every sentence of the drafted board item
("Hvad viser de nye tal?") in its Markdown, in the Word item and in the PDF; the board item's
national level and variation are the page's numbers; and a reader subtracting the shown worst
from the shown best gets the shown variation.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard_warehouse import run_app
from noegletal.exports import ExportOptions, load_pack_data
from noegletal.exports.pack import build_from_data
from noegletal.content.pack_texts import level_table
from noegletal.content.board_item import build_summary
from noegletal.formatting import excel_number_format, format_difference, format_value, shown_decimals

QUARTERS = ("2023K1", "2024K3")
MISSING = "–"
INSIGHT_STARTS = ("Hvis alle regioner", "Med den nuværende udvikling", "Måltallet på")


@pytest.fixture(scope="module")
def demo_db(demo_warehouse_2024K3) -> Path:
    return demo_warehouse_2024K3


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


FOOTER = re.compile(r"^(SYNTETISKE DATA|.* Side \d+)$")


def page_body(lines: list[str]) -> list[str]:
    """A PDF page's lines without its running footer and without the list bullets (which the text
    extraction puts at the page's end): a paragraph that runs on to the next page reads on."""
    body = [line for line in lines if line != "•"]
    while body and FOOTER.match(body[-1]):
        body.pop()
    return body


def joined_lines(lines: list[str]) -> str:
    """A PDF page's lines as running text: a line broken after a hard hyphen ("pct.-" / "point",
    "95 %-" / "sikkerhedsinterval") joins without a space."""
    return "".join(line if line.endswith("-") else line + " " for line in lines)


def flat(text: str) -> str:
    """Text with every run of white space (line breaks of a PDF or Word paragraph) as one space,
    and without the page's Markdown (bold, escapes)."""
    return " ".join(text.replace("**", "").replace("\\", "").split())


NUMBER = re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?")


def numbers(text: str) -> list[str]:
    """The Danish numbers of a sentence, as written: '27,2', '1.100' (not the units' "pr. 1.000")."""
    return NUMBER.findall(re.sub(r"pr\. 1(?:00)?\.000", "pr.", text))


def as_decimal(number: str) -> Decimal:
    return Decimal(number.replace(".", "").replace(",", "."))


def contains_run(lines: list[str], run: list[str]) -> bool:
    """The cells in order, one per line or on one line (a table row of the tagged PDF is one line)."""
    return " ".join(run) in lines or any(lines[i:i + len(run)] == run for i in range(len(lines) - len(run) + 1))


def excel_levels(workbook, name: str) -> dict[str, dict]:
    """The "Aktuelt niveau" rows of the indicator's sheet: region name -> header -> cell."""
    ws = next(ws for ws in workbook.worksheets if ws["A1"].value == name)
    rows = [list(r) for r in ws.iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0].value and str(r[0].value).startswith("Aktuelt niveau"))
    header = [c.value for c in rows[at + 1]]
    out = {}
    for r in rows[at + 2:]:
        if not r[0].value:
            break
        out[r[0].value] = dict(zip(header, r))
    return out


def slides_text(pptx_bytes: bytes) -> str:
    """Every text of the slides and of their speaker notes."""
    deck = Presentation(io.BytesIO(pptx_bytes))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    texts += [slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide]
    return flat(" ".join(texts))


def word_text(docx_bytes: bytes) -> str:
    return flat(" ".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs))


@pytest.mark.parametrize("quarter", QUARTERS)
def test_page_pdf_and_excel_show_the_same_numbers(monkeypatch, demo_db, quarter):
    options = ExportOptions(period=quarter)
    # read once: build_pack(db, fmt, options) is load_pack_data then build_from_data (3-4 s a read)
    pack = load_pack_data(demo_db, options)
    pdf = PdfReader(io.BytesIO(build_from_data(pack, "pdf")))
    pdf_pages = [lines_of(page.extract_text()) for page in pdf.pages]
    pdf_text = flat(joined_lines([line for page in pdf_pages for line in page_body(page)]))
    slides = slides_text(build_from_data(pack, "pptx"))
    workbook = load_workbook(io.BytesIO(build_from_data(pack, "xlsx")))

    summary = build_summary(pack)
    summary_sentences = {s.indicator_id: s.sentences for s in summary.sections}
    board_item_agrees(summary, flat(build_from_data(pack, "md").decode("utf-8")),
                      word_text(build_from_data(pack, "docx")), pdf_text)
    insights_checked = 0
    checked = 0
    for data in pack.indicators:
        if data.period is None:
            continue
        meta = data.meta
        table = level_table(data)
        shorts, level, change = table[0][1:], table[1][1:], table[3][1:]

        # the page, opened at the period the pack shows for the indicator
        at = run_app(monkeypatch, demo_db, indicator=data.indicator_id, period=data.period)
        shown = {m.label: (m.value, m.delta or None) for m in at.metric}
        assert list(shown) == shorts, data.indicator_id
        for short, value, diff in zip(shorts, level, change):
            assert shown[short][0] == value.rstrip("*"), (data.indicator_id, short)
            assert (shown[short][1] or MISSING) == diff, (data.indicator_id, short)

        # the PDF: the indicator's page carries the same rows
        # (the summary page names the indicator too; its own page has the level table)
        page = next(p for p in pdf_pages if meta["name_da"] in " ".join(p) and any(x.startswith("Niveau ") for x in p))
        assert contains_run(page, table[1]), (data.indicator_id, table[1])
        assert contains_run(page, table[3]), (data.indicator_id, table[3])
        # ... and the page's lead line, word for word
        lead = next(m.value.replace("**", "") for m in at.markdown if m.value.startswith("Hele landet: "))
        assert lead in " ".join(page), (data.indicator_id, lead)
        page_sentences_agree(data, at, pdf_text, slides, summary_sentences.get(data.indicator_id, ()))

        # the board item's paragraph on an updated indicator has the page's sentences on the main driver
        # of the change, the patients' gap to the best and the forecast, word for word
        if data.indicator_id in summary_sentences:
            page_insights = [m.value.replace("\\", "") for m in at.markdown
                             if m.value.startswith(INSIGHT_STARTS) or "skyldes især" in m.value]
            assert all(s in summary_sentences[data.indicator_id] for s in page_insights), (data.indicator_id, page_insights)
            insights_checked += len(page_insights)

        excel_agrees(data, excel_levels(workbook, meta["name_da"]), shown)
        checked += 1
    assert checked >= 35  # every indicator with data at the quarter
    assert insights_checked >= 5


def page_sentences_agree(data, at, pdf_text: str, slides: str, board_item: tuple[str, ...]) -> None:
    """Every sentence of the indicator page with a number (lead, variation, notes) is on the page,
    in the PDF and in the PowerPoint, word for word; the board item's national level and variation
    are the page's."""
    page_text = flat(" ".join([m.value for m in at.markdown] + [c.value for c in at.caption]))
    content = data.content()
    for sentence in (content.lead, content.variation, *content.notes):
        if numbers(sentence):
            assert flat(sentence) in page_text, (data.indicator_id, sentence)
            assert flat(sentence) in pdf_text, (data.indicator_id, sentence)
            assert flat(sentence) in slides, (data.indicator_id, sentence)
    variation_agrees(data.indicator_id, content.variation, board_item)
    if board_item:
        assert f" på {content.lead_value} på landsplan" in board_item[0], (data.indicator_id, board_item[0])


def excel_agrees(data, levels: dict[str, dict], shown: dict) -> None:
    """The Excel pack's level rows: the mart's numbers, formatted here as the page formats them,
    with the row's decimals as the cells' number format (Excel shows what the page shows)."""
    unit = data.meta["unit"]
    for row in data.level_rows():
        excel = levels[row["region_name_da"]]
        page_value, page_delta = shown[row["region_short_name_da"]]
        decimals = shown_decimals(row, data.meta)
        if excel["Værdi"].value is not None:
            assert format_value(excel["Værdi"].value, unit, decimals) == page_value, (data.indicator_id, row["region_id"])
            assert excel["Værdi"].number_format == excel_number_format(decimals), (data.indicator_id, row["region_id"])
        change = excel["Ændring"].value
        expected_delta = format_difference(change, unit, decimals, signed=True) if change is not None else None
        assert page_delta == expected_delta, (data.indicator_id, row["region_id"])


def board_item_agrees(summary, markdown: str, word: str, pdf_text: str) -> None:
    """Every sentence of the drafted board item that carries a number is in its Markdown, in the
    Word item and in the PDF pack, word for word."""
    sentences = [line for line in summary.attention] + [s for section in summary.sections for s in section.sentences]
    with_numbers = [flat(s) for s in sentences if numbers(s)]
    assert len(with_numbers) >= 10
    for sentence in with_numbers:
        assert sentence in markdown, sentence
        assert sentence in word, sentence
        assert sentence in pdf_text, sentence


def variation_agrees(indicator_id: str, page_variation: str, board_item: tuple[str, ...]) -> None:
    """The page's variation sentence: the shown best minus the shown worst is the shown variation;
    the board item's variation sentence has the same three numbers."""
    if "ingen data" in page_variation:
        return
    variation, best, worst = numbers(page_variation)[:3]
    assert abs(as_decimal(best) - as_decimal(worst)) == as_decimal(variation), (indicator_id, page_variation)
    said = [s for s in board_item if "regional variation på" in s]
    if said:
        assert numbers(said[0])[:3] == [variation, best, worst], (indicator_id, said[0], page_variation)
