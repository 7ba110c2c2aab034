"""`noegletal export`: the chart pack as PDF, PowerPoint, PNG/SVG and Excel, opened and read back.

The warehouse is the hand-made one of tests/fixtures/summary/ (synthetic rows, so every page must say
"SYNTETISKE DATA"). Only two indicators are rendered, to keep Chromium's work small.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from noegletal.cli import main
from noegletal.exports import ExportError, ExportOptions, build_pack
from noegletal.access import open_warehouse
from test_export_summary import shared_summary_warehouse

SUBSET = ("udredningsret_somatik", "ventetid_somatik")
NAMES = ("Overholdelse af udredningsretten (somatik)", "Gennemsnitlig ventetid til behandling (somatik)")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return shared_summary_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def pdf(warehouse, tmp_path_factory) -> PdfReader:
    out = tmp_path_factory.mktemp("pdf") / "pack.pdf"
    result = CliRunner().invoke(
        main,
        ["export", "--db", str(warehouse), "--format", "pdf", "--period", "2023K1", "--out", str(out),
         *[a for i in SUBSET for a in ("--indicator", i)]],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return PdfReader(out)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_pdf_is_a4_landscape_with_cover_summary_list_format_and_one_page_per_indicator(pdf):
    texts = page_texts(pdf)
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert "Nøgletal for de nationale mål for sundhedsvæsenet" in texts[0]
    assert "Opdatering" in texts[0] and "Nøgletal til og med 1. kvt. 2023" in texts[0]
    assert "tal offentliggjort til og med 1. juni 2023" in texts[0]
    assert "Hvad viser de nye tal?" in texts[1]
    assert "Der er en regional variation på 27 pct.-point" in texts[1].replace("\n", " ")
    format_page = next(i for i, t in enumerate(texts) if "Forklaring af formatet" in t)
    assert any("Opdaterede nøgletal pr." in t for t in texts[2:format_page])
    # then one page per indicator, in the appendix's order, and nothing after
    assert len(texts) == format_page + 1 + len(SUBSET)
    for name, text in zip(NAMES, texts[format_page + 1:]):
        assert name in text and "Udvikling over tid" in text and "Afstand til bedste" in text
        assert "Kilde: Sundhedsdatastyrelsen" in text


def test_every_pdf_page_says_synthetic_data(pdf):
    assert all("SYNTETISKE DATA" in text for text in page_texts(pdf))


def test_pdf_indicator_list_marks_the_updated_indicators(pdf):
    listing = " ".join(" ".join(t.split()) for t in page_texts(pdf) if "Opdaterede nøgletal pr." in t)
    assert "Overholdelse af udredningsretten (somatik) (opdateret til og med 1. kvt. 2023)" in listing
    assert "Middellevetid (opdateret" not in listing  # published before the presentation
    assert "Daglige rygere i befolkningen (ingen nye tal)" in listing


def test_an_indicator_without_figures_gets_no_page_and_is_listed_once(warehouse):
    # Daglige rygere has no figures in the warehouse: no page saying "ingen data", one line in the list
    chosen = SUBSET + ("daglige_rygere",)
    for fmt in ("pdf", "pptx"):
        data = build_pack(warehouse, fmt, ExportOptions(period="2023K1", indicators=chosen))
        if fmt == "pdf":
            texts = [" ".join(t.split()) for t in page_texts(PdfReader(io.BytesIO(data)))]
        else:
            texts = [
                " ".join(" ".join(s.text_frame.text.split()) for s in slide.shapes if s.has_text_frame)
                for slide in Presentation(io.BytesIO(data)).slides
            ]
        format_page = next(i for i, t in enumerate(texts) if "Forklaring af formatet" in t)
        assert len(texts) == format_page + 1 + len(SUBSET), fmt
        assert not any("Der er ingen data for denne indikator" in t for t in texts), fmt
        assert sum(t.count("Daglige rygere i befolkningen (ingen nye tal)") for t in texts) == 1, fmt


def test_pdf_charts_are_vector_graphics(pdf):
    page = pdf.pages[-2]
    xobjects = page["/Resources"]["/XObject"]
    kinds = {xobjects[name].get_object()["/Subtype"] for name in xobjects}
    assert kinds == {"/Form"}  # drawn paths and text (SVG), not a bitmap
    text = page.extract_text()
    assert "Hovedstaden" in text and "2023 K1" in text  # the charts' legend and axis stay text


def test_pdf_indicator_page_shows_levels_volume_and_the_missing_region(pdf):
    text = page_texts(pdf)[-1]
    assert "Aktuelt niveau, 1. kvt. 2023" in text
    assert "Volumen (henviste patienter)" in text or "Volumen (" in text
    assert "1.350" in text  # hele landet's volume, Danish thousands separator
    assert "ingen data" in text  # Nordjylland
    assert "(opgjort for 4 af 5 regioner)" in text


def test_pptx_has_a_slide_per_indicator_with_title_pictures_and_table(warehouse):
    data = build_pack(warehouse, "pptx", ExportOptions(period="2023K1", indicators=SUBSET))
    prs = Presentation(io.BytesIO(data))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # native 16:9
    slides = list(prs.slides)
    titles = [next((s.text_frame.text for s in slide.shapes if s.name == "Title"), None) for slide in slides]
    assert titles[1] == "Hvad viser de nye tal?"
    assert titles[-2:] == list(NAMES)
    for slide in slides:
        marks = [s.text_frame.text for s in slide.shapes if s.name == "Mark"]
        assert marks == ["SYNTETISKE DATA"]
        for shape in slide.shapes:  # nothing runs off the slide
            assert shape.left >= 0 and shape.top >= 0, shape.name
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height, shape.name
    for slide in slides[-2:]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 2
        width_px = pictures[0].image.size[0]
        assert width_px >= 1920  # projects sharply at full HD
        assert any(s.has_table for s in slide.shapes)


def test_png_zip_has_png_and_svg_per_chart(warehouse):
    data = build_pack(warehouse, "png", ExportOptions(period="2023K1", indicators=("udredningsret_somatik",)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = sorted(zf.namelist())
        assert names == [
            "5_01_udredningsret_somatik_afstand_til_bedste.png", "5_01_udredningsret_somatik_afstand_til_bedste.svg",
            "5_01_udredningsret_somatik_udvikling.png", "5_01_udredningsret_somatik_udvikling.svg", "LÆSMIG.txt",
        ]
        assert zf.read(names[0])[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"SYNTETISKE DATA" in zf.read(names[1])


def test_xlsx_has_a_sheet_per_indicator_with_the_marts_values(warehouse):
    data = build_pack(warehouse, "xlsx", ExportOptions(period="2023K1"))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "Oversigt"
    assert len(wb.sheetnames) == 1 + 39
    ws = next(ws for ws in wb.worksheets if ws["A1"].value == NAMES[0])
    assert ws.title == "5.1 Overholdelse af udredningsr"  # Excel's limit: 31 characters
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[1][0] == "SYNTETISKE DATA"
    header_at = next(i for i, r in enumerate(rows) if r[0] == "Region" and r[1] == "Periode")
    header = rows[header_at]
    for wanted in ("Region", "Periode", "Værdi", "Tæller", "Nævner", "Kilde", "Fil", "SHA-256", "Indlæst"):
        assert wanted in header
    body = []
    for r in rows[header_at + 1:]:
        if not r[0]:
            break
        body.append(dict(zip(header, r)))
    with open_warehouse(warehouse).reader("offentlig") as r:
        expected = r.sql(
            """select r.name_da, f.period, f.value, f.denominator, f.source_sha256
               from fct_indicator_value f join dim_region r using (region_id)
               where indicator_id = 'udredningsret_somatik' order by f.period_start, r.sort_order"""
        ).rows()
    got = [(b["Region"], b["Periode"].replace(" ", ""), b["Værdi"], b["Nævner"], b["SHA-256"]) for b in body]
    assert got == expected
    assert {b["Kilde"] for b in body} == {"Sundhedsdatastyrelsen"}


def test_unknown_indicator_and_period_without_data_are_clear_errors(warehouse):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--db", str(warehouse), "--format", "xlsx", "--indicator", "findes_ikke"])
    assert result.exit_code == 1
    assert "Ukendt indikator: findes_ikke" in result.output
    result = runner.invoke(main, ["export", "--db", str(warehouse), "--format", "pdf", "--period", "2030K2"])
    assert result.exit_code == 1
    assert "Ingen data for 2. kvt. 2030 i lageret (seneste kvartal med data er 1. kvt. 2023)." in result.output


def test_missing_chromium_names_the_install_command(warehouse, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on PATH
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    with pytest.raises(ExportError, match=r"apt-get install -y chromium"):
        build_pack(warehouse, "pdf", ExportOptions(period="2023K1", indicators=SUBSET))
    result = CliRunner().invoke(main, ["export", "--db", str(warehouse), "--format", "pdf"])
    assert result.exit_code == 1 and "Chromium blev ikke fundet" in result.output


def test_fortrolig_pdf_marks_every_page(warehouse):
    data = build_pack(
        warehouse, "pdf", ExportOptions(period="2023K1", indicators=("ventetid_somatik",), fortrolig=True)
    )
    texts = page_texts(PdfReader(io.BytesIO(data)))
    assert all("FORTROLIGT – offentliggøres 15. januar 2099" in t for t in texts)
    # the embargoed national value (44 dage, published 2099) is shown in the level table
    assert "44 dage" in texts[-1]


def test_revised_value_says_what_it_was_first_published_as(warehouse):
    # 2022K4 of the cancer packages was first published as 79 pct. (provisional), now 75 pct.
    data = build_pack(warehouse, "xlsx", ExportOptions(period="2022K4", indicators=("kraeftpakker_standardforloebstid",)))
    assert data  # the workbook can be made for an earlier period
    from noegletal.exports import load_pack_data
    from noegletal.content.pack_texts import notes

    pack = load_pack_data(warehouse, ExportOptions(period="2022K4", indicators=("kraeftpakker_standardforloebstid",)))
    assert "Hele landet: tidligere opgjort til 79 pct." in notes(pack.indicators[0])
