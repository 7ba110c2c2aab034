"""Issue 21: files that are no files, too large, or built to crash or stall the reader. Each is
refused by `noegletal load` within seconds (and without gigabytes of memory), exit status 1, a
Danish message naming the file, no traceback, and the warehouse byte-for-byte as it was. The
files are written here (big ones sparse or from repeated bytes, so the test itself stays quick)."""

from __future__ import annotations

import codecs
import io
import os
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_load_refuses_hostile_input import GOOD, H, db, load, loaded_rows, sha256, template  # noqa: F401

from loaders.limits import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS

PUBLISHERS = Path(__file__).parent / "fixtures" / "publishers"
SECONDS = 10  # "within seconds": loose, so a loaded machine does not fail it
MEGABYTE = 1024 * 1024


def xlsx_bytes(rows=(H.split(";"), ["udredningsret_somatik", "nordjylland", "2023K1", 81])) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rewritten(content: bytes, part: str, edit) -> bytes:
    """The xlsx with one part's XML edited (bytes -> bytes), every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, edit(data) if info.filename == part else data)
    return out.getvalue()


def xlsx_file(name: str, part: str, edit):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(rewritten(xlsx_bytes(), part, edit))
        return path

    return make


def sub(pattern: bytes, replacement: bytes):
    def edit(xml: bytes) -> bytes:
        new = re.sub(pattern, replacement, xml, count=1)
        assert new != xml, f"{pattern!r} not in the part"
        return new

    return edit


def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "roer.csv"
    os.mkfifo(path)
    return path


def link_to(target: str, name: str = "nul.csv"):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.symlink_to(target)
        return path

    return make


def sparse_csv(tmp_path: Path) -> Path:
    path = tmp_path / "kaempe.csv"
    with open(path, "wb") as f:
        f.write(f"{H}\n{GOOD}\n".encode())
        f.truncate(2 * MAX_FILE_BYTES)  # 200 MB, no block of it written
    return path


def cell_of(megabytes: int):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / "stor_celle.csv"
        with open(path, "wb") as f:
            f.write(f"{H}\n{GOOD}\nudredningsret_somatik;".encode())
            f.write(b"x" * (megabytes * MEGABYTE))
            f.write(b";2023K1;80\n")
        return path

    return make


def too_many_rows(tmp_path: Path) -> Path:
    path = tmp_path / "mange_raekker.csv"
    path.write_bytes(f"{H}\n{GOOD}\n".encode() + b";;;\n" * MAX_ROWS)
    return path


def utf32_without_bom(tmp_path: Path) -> Path:
    path = tmp_path / "utf32.csv"
    path.write_bytes(f"{H}\n{GOOD}\n".encode("utf-32-le"))
    return path


def long_text(xml: bytes) -> bytes:
    return xml.replace(b"<t>nordjylland</t>", b"<t>" + b"x" * (MAX_CELL_CHARS + 1) + b"</t>", 1)


# (make, row, phrases in the message)
HOSTILE_FILES = [
    pytest.param(fifo, None, ["ikke en almindelig fil", "FIFO"], id="fifo"),
    pytest.param(link_to("/dev/zero"), None, ["symbolsk link til /dev/zero", "uden for mappen"], id="symlink-to-dev-zero"),
    pytest.param(sparse_csv, None, ["fylder 200 MB", "højst 100 MB"], id="200-MB-csv"),
    pytest.param(cell_of(50), 3, [f"en celle på over {MAX_CELL_CHARS:,} tegn".replace(",", ".")], id="50-MB-cell"),
    pytest.param(too_many_rows, None, ["rækker; højst 1.048.576"], id="more-rows-than-excel"),
    pytest.param(utf32_without_bom, None, ["UTF-32 uden byte order mark"], id="utf32-without-bom"),
    pytest.param(xlsx_file("ingen_ark.xlsx", "xl/workbook.xml", sub(rb"<sheets>.*</sheets>", b"<sheets/>")),
                 None, ["Excel-filen har ingen ark"], id="xlsx-without-sheets"),
    pytest.param(xlsx_file("tekst_nr.xlsx", "xl/worksheets/sheet1.xml", sub(rb'<c r="B2" t="inlineStr"><is><t>nordjylland</t></is></c>', b'<c r="B2" t="s"><v>4711</v></c>')),
                 None, ["henviser til tekst nr. 4.712", "filen er beskadiget"], id="xlsx-shared-string-out-of-range"),
    pytest.param(xlsx_file("raekke_nr.xlsx", "xl/worksheets/sheet1.xml", sub(rb'<row r="2"', b'<row r="99999999999"')),
                 None, ["række nr. 99.999.999.999", "højst 1.048.576"], id="xlsx-row-99999999999"),
    pytest.param(xlsx_file("dimension.xlsx", "xl/worksheets/sheet1.xml", sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"')),
                 None, ["A1:XFD1048576", "17.179.869.184 celler"], id="xlsx-dimension-A1-XFD1048576"),
    pytest.param(xlsx_file("kolonne.xlsx", "xl/worksheets/sheet1.xml", sub(rb'<c r="D2"', b'<c r="XFE2"')),
                 None, ["ud over kolonne XFD"], id="xlsx-cell-beyond-XFD"),
    pytest.param(xlsx_file("lang_tekst.xlsx", "xl/worksheets/sheet1.xml", long_text),
                 None, ["en celle på over 32.767 tegn"], id="xlsx-cell-longer-than-excel-allows"),
]


@pytest.mark.parametrize(("make", "row", "phrases"), HOSTILE_FILES)
def test_hostile_file_is_refused_in_seconds_and_the_warehouse_is_unchanged(db, tmp_path, make, row, phrases):
    before = sha256(db)
    path = make(tmp_path)
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = load(db, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert time.monotonic() - started < SECONDS
    assert peak < 400 * MEGABYTE, f"peak {peak / MEGABYTE:.0f} MB"
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    place = path.name + (f", række {row}" if row is not None else ":")
    lines = [line for line in result.stderr.splitlines() if place in line]
    assert lines, f"no error at {place!r}:\n{result.stderr}"
    for phrase in phrases:
        assert any(phrase in line for line in lines), f"{phrase!r} not in {lines}"
    assert sha256(db) == before


def test_a_symlink_out_of_the_folder_given_is_refused_one_inside_is_read(db, tmp_path):
    outside, folder = tmp_path / "udenfor", tmp_path / "mappe"
    outside.mkdir(), folder.mkdir()
    (outside / "hemmelig.csv").write_text(f"{H}\n{GOOD}\n", encoding="utf-8")
    (folder / "ind.csv").write_text(f"{H}\nudredningsret_somatik;sjaelland;2023K1;79\n", encoding="utf-8")
    (folder / "ud.csv").symlink_to(outside / "hemmelig.csv")
    before = sha256(db)

    result = load(db, folder)

    assert result.exit_code == 1
    assert "ud.csv: filen er et symbolsk link til" in result.stderr and "uden for mappen" in result.stderr
    assert sha256(db) == before
    (folder / "ud.csv").unlink()
    (folder / "ud.csv").symlink_to(folder / "ind.csv")  # inside: the same file twice, loaded once
    assert load(db, folder).exit_code == 0
    assert [r[4] for r in loaded_rows(db)] == [79.0]


def test_a_utf32_file_with_its_bom_is_read(db, tmp_path):
    path = tmp_path / "utf32.csv"
    path.write_bytes(codecs.BOM_UTF32_LE + f"{H}\nudredningsret_somatik;Region Sjælland;2023K1;80,5\n".encode("utf-32-le"))

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert loaded_rows(db) == [("udredningsret_somatik", "sjaelland", None, "2023K1", 80.5, None, None)]


def test_a_hidden_first_sheet_is_not_read(db, tmp_path):
    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "Gammel"
    hidden.append(H.split(";"))
    hidden.append(["udredningsret_somatik", "nordjylland", "2023K1", 11])
    hidden.sheet_state = "hidden"
    shown = wb.create_sheet("Tal")
    shown.append(H.split(";"))
    shown.append(["udredningsret_somatik", "nordjylland", "2023K1", 81])
    wb.active = 1
    path = tmp_path / "skjult.xlsx"
    wb.save(path)

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert [r[4] for r in loaded_rows(db)] == [81.0]


def test_a_hidden_sheet_before_a_mappings_sheet_number_is_skipped(db, tmp_path):
    source = PUBLISHERS / "sds_ventetid_2023K1.xlsx"
    wb = openpyxl.load_workbook(source)
    decoy = wb.copy_worksheet(wb.worksheets[0])
    decoy.title = "Kladde"
    decoy.sheet_state = "hidden"
    wb.move_sheet(decoy, offset=-(len(wb.worksheets) - 1))  # first: the mapping says sheet: 1
    for row in decoy.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)):
                cell.value = 9999
    path = tmp_path / source.name
    wb.save(path)

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert 9999.0 not in [r[4] for r in loaded_rows(db)]


# --- publication dates in a publisher's file ------------------------------------------------------


def udredningsret_updated(tmp_path: Path, text: str) -> Path:
    """The publisher's fixture with another "Opdateret ..." line in A2 (the mapping's published_at cell)."""
    wb = openpyxl.load_workbook(PUBLISHERS / "sds_udredningsret_2023K1.xlsx")
    wb["Udredningsret"]["A2"] = text
    path = tmp_path / "sds_udredningsret_2023K1.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("text", ["Opdateret 14. juni 20233", "Opdateret 2023-06-145", "Opdateret 114. juni 2023",
                                  "Opdateret 99999-06-14"])
def test_a_publication_date_that_is_no_whole_date_is_refused(db, tmp_path, text):
    before = sha256(db)

    result = load(db, udredningsret_updated(tmp_path, text))

    assert result.exit_code == 1, result.output
    assert "sds_udredningsret_2023K1.xlsx, række 2, kolonne 'A'" in result.stderr
    assert f"forventede udgivelsesdatoen i celle A2" in result.stderr and text in result.stderr
    assert sha256(db) == before


def test_a_publication_date_after_next_year_loads_only_when_allowed(db, tmp_path):
    from datetime import date

    from click.testing import CliRunner

    from noegletal.cli import main

    year = date.today().year + 2
    path = udredningsret_updated(tmp_path, f"Opdateret 14. juni {year}")
    before = sha256(db)

    refused = load(db, path)

    assert refused.exit_code == 1
    assert f"udgivelsesdatoen 14-06-{year} ligger efter næste år" in refused.stderr
    assert sha256(db) == before
    allowed = CliRunner().invoke(main, ["load", str(path), "--db", str(db), "--allow-future-date"])
    assert allowed.exit_code == 0, allowed.output
    assert len(loaded_rows(db)) == 90


# --- read right -------------------------------------------------------------------------------------


def test_minus_zero_is_stored_as_zero(db, tmp_path):
    import math

    path = tmp_path / "minus_nul.csv"
    path.write_text(f"{H}\nventetid_somatik;sjaelland;2023K1;-0\nventetid_somatik;nordjylland;2023K1;-0,0\n",
                    encoding="utf-8")

    assert load(db, path).exit_code == 0
    values = [r[4] for r in loaded_rows(db)]
    assert values == [0.0, 0.0] and all(math.copysign(1, v) == 1 for v in values)


def test_history_before_a_series_break_is_not_held_to_the_new_range(db, tmp_path):
    path = tmp_path / "foer_brud.csv"  # patienttilfredshed_somatik: series break 2022, range 0-100
    path.write_text(f"{H}\npatienttilfredshed_somatik;sjaelland;2021;4,2\npatienttilfredshed_somatik;sjaelland;2019;140\n",
                    encoding="utf-8")

    result = load(db, path)

    assert result.exit_code == 0, result.output
    assert [r[4] for r in loaded_rows(db)] == [4.2, 140.0]
