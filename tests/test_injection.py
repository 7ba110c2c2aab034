"""Hostile text from a URL, a file or a file name: never rendered as Markdown or HTML, quoted only
in short escaped pieces, and never written as a live formula in a CSV or Excel file."""

from __future__ import annotations

import csv
import re
import io
import shutil
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from dashboard_warehouse import run_app

from dashboards.files import csv_bytes, excel_bytes
from dashboards.views.data_table import dataset_frame
from loaders.store import load_files
from noegletal.dbt_runner import build
from noegletal.exports import ExportOptions, build_pack
from noegletal.safe_text import FORMULA_STARTS, markdown_code, quoted, spreadsheet_text
from noegletal.warehouse import connect

FIXTURE = Path(__file__).parent / "fixtures" / "embargo" / "published.csv"
HOSTILE_FILE = '=HYPERLINK("evil.example","Klik")&x.csv'
LINK = "[Klik her](http://evil.example/phish)"
IMAGE = "![x](http://evil.example/track.png)"
HTML = "<img src=x onerror=alert(1)><b>fed</b>"


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory) -> Path:
    """ventetid_bup 2022K4 loaded from a file whose name is a spreadsheet formula."""
    folder = tmp_path_factory.mktemp("injection")
    source = folder / HOSTILE_FILE
    shutil.copyfile(FIXTURE, source)
    db = folder / "warehouse.duckdb"
    with connect(db) as con:
        report = load_files([source], con)
    assert not report.refused
    build(db, quiet=True)
    return db


# --- the helpers -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+45 1234", "-2+3", "@SUM(A1)", "\tx", "\rx", HOSTILE_FILE])
def test_text_that_looks_like_a_formula_is_written_as_text(text):
    assert spreadsheet_text(text) == "'" + text


@pytest.mark.parametrize("value", ["Region Nordjylland", "2023K1", "", None, -1.5, -3, 0.0, 12])
def test_other_cells_are_unchanged_and_negative_numbers_stay_numbers(value):
    assert spreadsheet_text(value) == value


def test_quoted_gives_a_short_piece_in_a_code_span():
    text = quoted("x" * 100_000)
    assert len(text) < 50 and text.endswith("…`«")
    assert quoted(IMAGE) == "»`![x](http://evil.example/track.png)`«"
    assert quoted("a\nb\r\x00c`d") == "»``a b c`d``«"


def test_markdown_code_cannot_be_closed_by_the_text():
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x`") == "`` `x` ``"


# --- deep links on the dashboard (AppTest) -----------------------------------------------


def shown_text(at) -> list[str]:
    """Every piece of text the page renders as Markdown: body, captions, notices, toasts, labels."""
    elements = [*at.markdown, *at.caption, *at.info, *at.warning, *at.error, *at.success, *at.toast, *at.title,
                *at.subheader, *at.header]
    return [e.value for e in elements] + [w.label for w in at.get("selectbox")]


def outside_code(text: str) -> str:
    """The Markdown outside code spans (a code span is shown literally)."""
    return re.sub(r"(`+)(.+?)\1", "", text)


def assert_no_markup_from(at, *raw: str) -> None:
    """Text from the link appears only inside code spans."""
    for text in map(outside_code, shown_text(at)):
        for piece in raw:
            assert piece not in text, text
        assert "evil.example/" not in text and "](http" not in text, text


@pytest.mark.parametrize("value", [LINK, IMAGE, HTML])
def test_an_unknown_indicator_in_a_link_gets_a_short_escaped_notice(monkeypatch, hostile_warehouse, value):
    at = run_app(monkeypatch, hostile_warehouse, indicator=value)
    notices = [t.value for t in at.toast]
    assert notices == [f"Ukendt indikator i linket: {quoted(value)}."]
    assert_no_markup_from(at, value)
    # the page is shown with an indicator that exists
    assert at.selectbox(key="nt_indicator").value == "ventetid_bup"


def test_a_long_link_value_is_quoted_in_a_short_piece(monkeypatch, hostile_warehouse):
    at = run_app(monkeypatch, hostile_warehouse, page="data", region="x" * 10_000 + LINK)
    (notice,) = [t.value for t in at.toast]
    assert notice.startswith("Ukendt region i linket: »`xxx") and len(notice) < 80
    assert at.selectbox(key="nt_region").value == ""  # all regions


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"page": LINK}, f"Ukendt side i linket: {quoted(LINK)}."),
        ({"page": "region", "region": HTML}, f"Ukendt region i linket: {quoted(HTML)}."),
        ({"page": "overblik", "period": "2023K9"}, "Ugyldig periode i linket: »`2023K9`« (skrives fx 2023K1 eller 2022)."),
        ({"page": "indikator", "indicator": "ventetid_bup", "period": IMAGE},
         f"Ugyldig periode i linket: {quoted(IMAGE)} (skrives fx 2023K1 eller 2022)."),
        ({"page": "overblik", "since": "2023-13-45"}, "Ugyldig dato i linket: »`2023-13-45`« (skrives fx 2023-03-15)."),
        ({"page": "overblik", "since": LINK}, f"Ugyldig dato i linket: {quoted(LINK)} (skrives fx 2023-03-15)."),
    ],
)
def test_an_invalid_value_in_a_link_gets_a_danish_notice(monkeypatch, hostile_warehouse, params, notice):
    at = run_app(monkeypatch, hostile_warehouse, **params)
    assert notice in [t.value for t in at.toast]
    assert_no_markup_from(at, *[v for v in params.values() if set(v) & set("[]()<>!")])


def test_a_valid_link_gives_no_notice(monkeypatch, hostile_warehouse):
    at = run_app(monkeypatch, hostile_warehouse, indicator="ventetid_bup", period="2022 K4", region="nordjylland")
    assert not at.toast
    assert at.selectbox(key="nt_period").value == "2022K4"
    assert at.selectbox(key="nt_region").value == "nordjylland"


def test_a_hostile_file_name_is_shown_literally(monkeypatch, hostile_warehouse):
    at = run_app(monkeypatch, hostile_warehouse, indicator="ventetid_bup", period="2022K4")
    (provenance,) = [e for e in at.expander if e.label == "Datagrundlag og sporbarhed"]
    trace = "\n".join(m.value for m in provenance.markdown)
    assert f"Data fra {markdown_code(HOSTILE_FILE)} (sha256" in trace
    # in the source table (HTML) the name is escaped
    assert "=HYPERLINK(&quot;evil.example&quot;,&quot;Klik&quot;)&amp;x.csv" in trace


# --- CSV and Excel -----------------------------------------------------------------------


def is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def test_data_page_csv_writes_the_file_name_as_text(monkeypatch, hostile_warehouse):
    monkeypatch.setenv("NOEGLETAL_DB", str(hostile_warehouse))
    text = csv_bytes(dataset_frame("values", "ventetid_bup", "2022K4")).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    column = rows[0].index("Kildefil")
    assert {row[column] for row in rows[1:]} == {"'" + HOSTILE_FILE}
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or is_number(cell), cell


def test_csv_and_excel_keep_negative_numbers_as_numbers():
    frame = pl.DataFrame({"Tekst": ["=1+1", "-x", "ok"], "Ændring": [-1.5, -2.0, 3.25], "Antal": [-3, 4, 5]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [["'=1+1", "-1,5", "-3"], ["'-x", "-2,0", "4"], ["ok", "3,25", "5"]]
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(frame))).active
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["'=1+1", -1.5, -3], ["'-x", -2, 4], ["ok", 3.25, 5]
    ]
    assert {c.data_type for row in sheet.iter_rows() for c in row} <= {"s", "n"}


def test_data_page_excel_writes_the_file_name_as_text(monkeypatch, hostile_warehouse):
    monkeypatch.setenv("NOEGLETAL_DB", str(hostile_warehouse))
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes(dataset_frame("values", "ventetid_bup", "2022K4")))).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    names = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert names and all(c.value == "'" + HOSTILE_FILE and c.data_type == "s" for c in names)
    assert not [c for c in cells if c.data_type == "f"]


def test_excel_pack_writes_the_file_name_as_text(hostile_warehouse):
    book = openpyxl.load_workbook(
        io.BytesIO(build_pack(hostile_warehouse, "xlsx", ExportOptions(period="2022K4", indicators=("ventetid_bup",))))
    )
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value is not None]
    names = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert len(names) == 6  # one row per region and hele landet
    assert all(c.value == "'" + HOSTILE_FILE and c.data_type == "s" for c in names)
    assert not [c for c in cells if c.data_type == "f"]
    assert 40 in [c.value for c in cells]  # numbers stay numbers


def test_a_region_the_page_cannot_show_gets_a_notice(monkeypatch, hostile_warehouse):
    at = run_app(monkeypatch, hostile_warehouse, page="region", region="hele_landet")
    assert [t.value for t in at.toast] == ["Hele landet kan ikke vælges her – viser Hovedstaden."]
    assert at.selectbox(key="nt_region").value == "hovedstaden"
