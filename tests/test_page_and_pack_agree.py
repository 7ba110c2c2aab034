"""One definition of every number: for the demo warehouse, every indicator at two quarters, the
numbers the Indikator page shows (Streamlit AppTest) equal those in the PDF pack's level table and
in the Excel pack's level rows (raw mart numbers, formatted here independently of the writers), and
the PDF's indicator page has the page's lead line.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard_warehouse import run_app
from noegletal.exports import ExportOptions, build_pack, load_pack_data
from noegletal.content.pack_texts import level_table
from noegletal.content.board_item import build_summary
from noegletal.formatting import format_difference, format_value

QUARTERS = ("2023K1", "2024K3")
MISSING = "–"
INSIGHT_STARTS = ("Hvis alle regioner", "Med den nuværende udvikling", "Måltallet på")


@pytest.fixture(scope="module")
def demo_db(demo_warehouse_2024K3) -> Path:
    return demo_warehouse_2024K3


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def contains_run(lines: list[str], run: list[str]) -> bool:
    return any(lines[i:i + len(run)] == run for i in range(len(lines) - len(run) + 1))


def excel_levels(workbook, name: str) -> dict[str, dict]:
    """The "Aktuelt niveau" rows of the indicator's sheet: region name -> row."""
    ws = next(ws for ws in workbook.worksheets if ws["A1"].value == name)
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith("Aktuelt niveau"))
    header = rows[at + 1]
    out = {}
    for r in rows[at + 2:]:
        if not r[0]:
            break
        out[r[0]] = dict(zip(header, r))
    return out


@pytest.mark.parametrize("quarter", QUARTERS)
def test_page_pdf_and_excel_show_the_same_numbers(monkeypatch, demo_db, quarter):
    options = ExportOptions(period=quarter)
    pack = load_pack_data(demo_db, options)
    pdf = PdfReader(io.BytesIO(build_pack(demo_db, "pdf", options)))
    pdf_pages = [lines_of(page.extract_text()) for page in pdf.pages]
    workbook = load_workbook(io.BytesIO(build_pack(demo_db, "xlsx", options)))

    summary_sentences = {s.indicator_id: s.sentences for s in build_summary(pack).sections}
    insights_checked = 0
    checked = 0
    for data in pack.indicators:
        if data.period is None:
            continue
        meta = data.meta
        unit, decimals = meta["unit"], int(meta["decimals"] or 0)
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

        # the board item's paragraph on an updated indicator has the page's sentences on the main driver
        # of the change, the patients' gap to the best and the forecast, word for word
        if data.indicator_id in summary_sentences:
            page_insights = [m.value.replace("\\", "") for m in at.markdown
                             if m.value.startswith(INSIGHT_STARTS) or "skyldes især" in m.value]
            assert all(s in summary_sentences[data.indicator_id] for s in page_insights), (data.indicator_id, page_insights)
            insights_checked += len(page_insights)

        # the Excel pack: the mart's numbers, formatted here as the page formats them
        levels = excel_levels(workbook, meta["name_da"])
        for row in data.level_rows():
            excel = levels[row["region_name_da"]]
            page_value, page_delta = shown[row["region_short_name_da"]]
            if excel["Værdi"] is not None:
                assert format_value(excel["Værdi"], unit, decimals) == page_value, (data.indicator_id, row["region_id"])
            expected_delta = (
                format_difference(excel["Ændring"], unit, decimals, signed=True) if excel["Ændring"] is not None else None
            )
            assert page_delta == expected_delta, (data.indicator_id, row["region_id"])
        checked += 1
    assert checked >= 35  # every indicator with data at the quarter
    assert insights_checked >= 5
