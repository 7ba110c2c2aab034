"""The documents are accessible (issue "Accessible to everyone"): the PDF pack is tagged (PDF/UA-1:
structure tree, /Lang da, title, every chart a /Figure with the chart's description as /Alt), the
HTML appendix is one self-contained file with a table beside every chart, the Word item is Danish
with real headings, and every slide has a title and alternative text on its charts.

The warehouse is the hand-made one of tests/fixtures/summary/ (as tests/test_export_pack.py); two
indicators are rendered, to keep Chromium's work small.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from noegletal.exports import ExportOptions, build_pack, load_pack_data
from noegletal.exports.figures import chart_texts
from noegletal.content.chart_text import ChartText, chart_table_html
from test_export_summary import shared_summary_warehouse

SUBSET = ("udredningsret_somatik", "ventetid_somatik")
OPTIONS = ExportOptions(period="2023K1", indicators=SUBSET)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shared_summary_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def descriptions(warehouse) -> list[str]:
    """Every chart's description, in the pack's order (the same function the writers use)."""
    pack = load_pack_data(warehouse, OPTIONS)
    return [text.description for d in pack.indicators if d.period for text in chart_texts(d)]


def structure(node, found: list) -> list:
    """The structure elements below `node` as (type, /Alt), depth first."""
    node = node.get_object()
    if isinstance(node, dict):
        if "/S" in node:
            found.append((str(node["/S"]), str(node.get("/Alt", ""))))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else ([kids] if kids is not None else []):
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                structure(kid, found)
    return found


def test_pdf_is_tagged_danish_with_a_title_and_every_chart_described(warehouse, descriptions):
    reader = PdfReader(io.BytesIO(build_pack(warehouse, "pdf", OPTIONS)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (pypdf's BooleanObject)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata.title.startswith("Nøgletal for de nationale mål for sundhedsvæsenet – Opdatering")
    elements = structure(root["/StructTreeRoot"], [])
    kinds = [kind for kind, _ in elements]
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure", "/L"} <= set(kinds)
    figures = [alt for kind, alt in elements if kind == "/Figure"]
    assert all(figures)  # every figure has alternative text
    # every chart a figure described in words with its numbers, in the pages' order; the others
    # are the format page's six line swatches, described by their line and marker
    charts = [alt for alt in figures if alt in descriptions]
    assert charts == descriptions and len(charts) == 2 * len(SUBSET)
    swatches = [alt for alt in figures if alt not in descriptions]
    assert len(swatches) == 6 and "stiplet linje, markør: firkant" in swatches
    assert "Hele landet: 74 pct. i 1. kvt. 2023" in charts[0]
    # best and worst from the mart's rank, ties named together
    assert "Bedst: Region Nordjylland (90 pct.); dårligst: Region Sjælland og Region Syddanmark (63 pct.)." in charts[0]
    # the words stay extractable and every page still carries the mark
    assert all("SYNTETISKE DATA" in page.extract_text() for page in reader.pages)


def test_html_appendix_is_one_file_with_a_table_beside_every_chart(warehouse, descriptions):
    html = build_pack(warehouse, "html", OPTIONS).decode("utf-8")
    assert html.startswith("<!doctype html>") and "<html lang='da'>" in html
    # nothing from outside: no script, no link, every image inline
    assert "<script" not in html and "<link" not in html and "@import" not in html
    sources = re.findall(r"<img src='([^']*)'", html)
    assert sources and all(s.startswith("data:image/svg+xml;base64,") for s in sources)
    assert not re.search(r"(src|href)=['\"]https?:", html)
    assert html.count("<summary>Vis som tabel</summary>") == 2 * len(SUBSET)
    for text in descriptions:
        assert f"alt='{text}'" in html.replace("&#x27;", "'")
    assert "SYNTETISKE DATA" in html and "<th scope='col'>Hovedstaden</th>" in html


def test_chart_text_is_escaped_as_it_comes_from_files():
    chart = ChartText("<b>Titel</b>", "x", ("Periode", "<img src=x onerror=alert(1)>"), (("2023 K1", "=1+1"),))
    table = chart_table_html(chart)
    assert "<img" not in table and "&lt;img src=x onerror=alert(1)&gt;" in table
    assert "<caption>&lt;b&gt;Titel&lt;/b&gt;</caption>" in table


def test_word_item_is_danish_with_header_rows(warehouse):
    data = build_pack(warehouse, "docx", ExportOptions(period="2023K1"))
    document = docx.Document(io.BytesIO(data))
    xml = document.element.xml + document.styles.element.xml
    languages = set(re.findall(r'w:lang w:val="([^"]+)"', xml))
    assert languages == {"da-DK"}
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r._r.rPr is not None and "da-DK" in r._r.rPr.xml for r in runs)
    assert document.styles["Heading 1"].element.rPr.xml.count('w:val="da-DK"') == 1
    for table in document.tables:  # any table: its first row is a repeated header row
        assert "w:tblHeader" in table.rows[0]._tr.xml


def test_every_slide_has_a_title_and_every_chart_alt_text(warehouse, descriptions):
    prs = Presentation(io.BytesIO(build_pack(warehouse, "pptx", OPTIONS)))
    pictures = []
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
        pictures += [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == descriptions
    languages = set(re.findall(r'lang="([^"]+)"', "".join(s._element.xml for slide in prs.slides for s in slide.shapes)))
    assert languages == {"da-DK"}
