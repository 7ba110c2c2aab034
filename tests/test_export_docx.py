"""`noegletal export --format docx`: the board item (sagsfremstilling) as Word, read back with
python-docx, and converted to PDF by LibreOffice (as the secretariat's colleagues would open it)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from noegletal.exports import ExportOptions, build_pack
from test_export_summary import shared_summary_warehouse

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shared_summary_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def board_item(warehouse) -> bytes:
    from datetime import date

    return build_pack(warehouse, "docx", ExportOptions(period="2023K1", update_date=date(2023, 6, 14)))


def test_the_board_items_form_with_real_headings(board_item):
    document = docx.Document(io.BytesIO(board_item))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[:6] == [
        ("Title", "Nye nøgletal for de nationale mål"),
        ("Heading 1", "Resumé"),
        ("Heading 1", "Indstilling"),
        ("Heading 1", "Sagsfremstilling"),
        ("Heading 2", "Hvad er opdateret denne gang?"),
        ("Heading 2", "Udvalgsdrøftelse"),
    ]
    assert ("Heading 2", "Hvad viser de nye tal?") in headings
    assert ("Heading 3", "Ventetid") in headings and ("Heading 3", "Kræftpakker") in headings
    assert [h for h in headings if h[0] == "Heading 2"][-4:] == [
        ("Heading 2", "Økonomi"), ("Heading 2", "Sekretariatets bemærkninger"),
        ("Heading 2", "Kommunikation"), ("Heading 2", "Bilag"),
    ]
    texts = [p.text.replace("\u00a0", " ") for p in document.paragraphs]
    assert "Bestyrelsesmøde 14. juni 2023" in texts  # from --date: the meeting the item is for
    assert "at bestyrelsen tager orienteringen om status på nøgletallene til efterretning." in texts
    # the presentation on record was 1 March 2023
    assert any("den seneste nøgletalsoversigt i marts 2023" in t for t in texts)
    assert "1. Nøgletal for de nationale mål for sundhedsvæsenet. Opdatering juni 2023" in texts


def test_every_figure_has_caption_alt_text_source_and_note(board_item):
    document = docx.Document(io.BytesIO(board_item))
    kept = [p.text for p in document.paragraphs]
    # a number and its unit are never split over two lines (no-break spaces); read as spaces below
    assert any("5.400\u00a0dage mindre" in t for t in kept) and not any(" dage mindre" in t for t in kept)
    texts = [t.replace("\u00a0", " ") for t in kept]
    captions = [t for t in texts if t.startswith("Figur ") and ". " in t[:10]]
    shapes = document.inline_shapes
    assert len(shapes) == len(captions) > 0
    assert [c.split(".")[0] for c in captions] == [f"Figur {n}" for n in range(1, len(captions) + 1)]
    for shape in shapes:
        description = shape._inline.find(f"{WP}docPr").get("descr")
        assert description and description.startswith("Figur ")
    for caption in captions:
        after = texts[texts.index(caption) + 1:texts.index(caption) + 4]
        assert after[1].startswith("Kilde: "), after  # after[0] is the picture's paragraph
    # the lead refers to the figure, in the board item's words
    assert any(t.startswith("Figur 1 herunder viser ") for t in texts)
    # the waiting-time paragraph carries the patient-days to the best (worked out in test_export_summary)
    assert any("ca. 5.400 dage mindre på behandling (patientdage)" in t for t in texts)
    # notes under the cancer pathways' figure: the provisional figure and the target
    kraeft = next(c for c in captions if "kræftpakker" in c)
    note = texts[texts.index(kraeft) + 3]
    assert note.startswith("Note: ") and "Måltal: 90 pct." in note


def test_synthetic_mark_in_every_page_header(board_item):
    document = docx.Document(io.BytesIO(board_item))
    assert "SYNTETISKE DATA" in document.sections[0].header.paragraphs[0].text


@pytest.mark.libreoffice
def test_libreoffice_converts_it_to_pdf(board_item, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is missing: scripts/install-system-deps.sh installs libreoffice-writer-nogui"
    source = tmp_path / "sagsfremstilling.docx"
    source.write_bytes(board_item)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    reader = PdfReader(tmp_path / "sagsfremstilling.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 3
    for words in ("Sagsfremstilling", "Hvad viser de nye tal?", "Figur 1.", "Kilde: Sundhedsdatastyrelsen"):
        assert words in text
