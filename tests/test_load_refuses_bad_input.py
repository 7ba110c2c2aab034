"""Bad input is refused whole, with an error naming file, row and column, and the warehouse untouched.

Every case runs twice: through the library (checking the structured CellError) and through
`noegletal load` (checking the exit status, the message and a full dump of the raw layer).
Row numbers are the ones a spreadsheet shows: header = row 1, first data row = row 2, and blank
lines are skipped but counted.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from loaders.errors import LoadRefused
from loaders.store import load_files
from noegletal.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures" / "canonical"
EARLIER_LOAD = FIXTURES / "tidligere_indlaesning.csv"

H = "indicator_id;region;period;value"
HN = "indicator_id;region;period;value;numerator;denominator"
HF = "indicator_id;region;period;value;provisional;published_at;synthetic"
GOOD = "udredningsret_somatik;nordjylland;2023K1;81"  # always row 2 below


# --- ways to make a bad file (each returns a function of tmp_path giving the file's path) ---------


def csv_text(name: str, text: str, encoding: str = "utf-8"):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return make


def csv_bytes(name: str, data: bytes):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


def fixture_file(name: str):
    return lambda tmp_path: FIXTURES / name


def _xlsx_bytes(rows, header=tuple(H.split(";"))) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if header is not None:
        ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx(name: str, rows, header=tuple(H.split(";"))):
    return csv_bytes(name, _xlsx_bytes(rows, header))


def xlsx_cut_in_half(name: str):
    def make(tmp_path: Path) -> Path:
        data = _xlsx_bytes([("udredningsret_somatik", "nordjylland", "2023K1", 81)] * 50)
        path = tmp_path / name
        path.write_bytes(data[: len(data) // 2])
        return path

    return make


def xlsx_with_damaged_sheet(name: str):
    """A complete zip whose worksheet stream is garbled (a bad download or disk), not just cut short."""

    def make(tmp_path: Path) -> Path:
        data = bytearray(_xlsx_bytes([("udredningsret_somatik", "nordjylland", "2023K1", 81)] * 50))
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
        start = info.header_offset + 30 + len(info.filename) + 10
        for i in range(start, start + 40):
            data[i] ^= 0xFF
        path = tmp_path / name
        path.write_bytes(bytes(data))
        return path

    return make


# (make, row, column, phrases): the error expected at that row and column, containing every phrase.
BAD_INPUTS = [
    # catalog lookups
    pytest.param(csv_text("ukendt_indikator.csv", f"{H}\n{GOOD}\nudredningsret_somatk;nordjylland;2023K1;81\n"),
                 3, "indicator_id", ["ukendt indikator 'udredningsret_somatk'"], id="unknown-indicator"),
    pytest.param(csv_text("uden_indikator.csv", f"{H}\n{GOOD}\n;nordjylland;2023K1;81\n"),
                 3, "indicator_id", ["indikator mangler"], id="missing-indicator"),
    pytest.param(csv_text("ukendt_region.csv", f"{H}\n{GOOD}\nudredningsret_somatik;Region Fyn;2023K1;81\n"),
                 3, "region", ["ukendt region 'Region Fyn'"], id="unknown-region-name"),
    pytest.param(csv_text("ukendt_kode.csv", f"{H}\n{GOOD}\nudredningsret_somatik;086;2023K1;81\n"),
                 3, "region", ["ukendt region '086'"], id="unknown-region-code"),
    pytest.param(csv_text("ukendt_region_cp1252.csv", f"{H}\n{GOOD}\nudredningsret_somatik;Region Østjylland;2023K1;81\n",
                          encoding="cp1252"),
                 3, "region", ["ukendt region 'Region Østjylland'"], id="unknown-region-cp1252"),
    pytest.param(csv_text("uden_region.csv", f"{H}\n{GOOD}\nudredningsret_somatik; ;2023K1;81\n"),
                 3, "region", ["region mangler"], id="missing-region"),
    # periods
    pytest.param(csv_text("kvartal_5.csv", f"{H}\n{GOOD}\nudredningsret_somatik;nordjylland;2023K5;81\n"),
                 3, "period", ["ugyldig periode", "2023K5"], id="period-quarter-5"),
    pytest.param(csv_text("kort_aar.csv", f"{H}\n{GOOD}\nudredningsret_somatik;nordjylland;23K1;81\n"),
                 3, "period", ["ugyldig periode", "23K1"], id="period-two-digit-year"),
    pytest.param(csv_text("uden_aar.csv", f"{H}\n{GOOD}\nudredningsret_somatik;nordjylland;K1;81\n"),
                 3, "period", ["ugyldig periode"], id="period-no-year"),
    pytest.param(csv_text("uden_periode.csv", f"{H}\n{GOOD}\nudredningsret_somatik;nordjylland;;81\n"),
                 3, "period", ["ugyldig periode"], id="period-empty"),
    pytest.param(csv_text("aar_for_kvartal.csv", f"{H}\n{GOOD}\nudredningsret_somatik;nordjylland;2023;81\n"),
                 3, "period", ["'2023' er et år", "opgøres pr. kvartal"], id="year-for-quarterly-indicator"),
    pytest.param(csv_text("kvartal_for_aar.csv", f"{H}\nmiddellevetid;nordjylland;2022K1;80,7\n"),
                 2, "period", ["'2022K1' er et kvartal", "opgøres pr. år"], id="quarter-for-yearly-indicator"),
    # numbers
    pytest.param(csv_text("tekst_i_vaerdi.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;ca. 80\n"),
                 3, "value", ["'ca. 80' er ikke et tal"], id="value-text"),
    pytest.param(csv_text("procenttegn.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;81%\n"),
                 3, "value", ["'81%' er ikke et tal"], id="value-percent-sign"),
    pytest.param(csv_text("uden_vaerdi.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;\n"),
                 3, "value", ["værdi mangler"], id="value-empty"),
    pytest.param(csv_text("tekst_i_taeller.csv", f"{HN}\n{GOOD};815;1000\nudredningsret_somatik;sjaelland;2023K1;80;mange;1000\n"),
                 3, "numerator", ["'mange' er ikke et tal"], id="numerator-text"),
    pytest.param(csv_text("tekst_i_naevner.csv", f"{HN}\n{GOOD};815;1000\nudredningsret_somatik;sjaelland;2023K1;80;800;n/a\n"),
                 3, "denominator", ["'n/a' er ikke et tal"], id="denominator-text"),
    pytest.param(csv_text("over_100.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;100,5\n"),
                 3, "value", ["100,5", "uden for 0-100"], id="percentage-above-100"),
    pytest.param(csv_text("under_0.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;-0,1\n"),
                 3, "value", ["-0,1", "uden for 0-100"], id="percentage-below-0"),
    pytest.param(csv_text("negativ_naevner.csv", f"{HN}\n{GOOD};815;1000\nudredningsret_somatik;sjaelland;2023K1;80;8;-10\n"),
                 3, "denominator", ["-10 er negativ"], id="denominator-negative"),
    pytest.param(csv_text("nul_naevner.csv", f"{HN}\n{GOOD};815;1000\nudredningsret_somatik;sjaelland;2023K1;0;0;0\n"),
                 3, "denominator", ["nævneren er 0"], id="denominator-zero"),
    pytest.param(csv_text("negativ_taeller.csv", f"{HN}\n{GOOD};815;1000\nudredningsret_somatik;sjaelland;2023K1;80;-8;10\n"),
                 3, "numerator", ["-8 er negativ"], id="numerator-negative"),
    # flags and dates
    pytest.param(csv_text("foreloebig_maaske.csv", f"{HF}\n{GOOD};nej;;\nudredningsret_somatik;sjaelland;2023K1;80;måske;;\n"),
                 3, "provisional", ["'måske' er hverken sand eller falsk"], id="provisional-flag"),
    pytest.param(csv_text("syntetisk_2.csv", f"{HF}\n{GOOD};nej;;\nudredningsret_somatik;sjaelland;2023K1;80;nej;;2\n"),
                 3, "synthetic", ["'2' er hverken sand eller falsk"], id="synthetic-flag"),
    pytest.param(csv_text("dansk_dato.csv", f"{HF}\n{GOOD};nej;;\nudredningsret_somatik;sjaelland;2023K1;80;nej;14-06-2023;\n"),
                 3, "published_at", ["'14-06-2023' er ikke en dato", "ÅÅÅÅ-MM-DD"], id="published-at-danish-order"),
    pytest.param(csv_text("umulig_dato.csv", f"{HF}\n{GOOD};nej;;\nudredningsret_somatik;sjaelland;2023K1;80;nej;2023-02-30;\n"),
                 3, "published_at", ["'2023-02-30' er ikke en dato"], id="published-at-impossible"),
    # duplicates: the same key written differently is still the same key
    pytest.param(csv_text("dublet.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;80\n"
                                        "udredningsret_somatik;081;1. kvt. 2023;82\n"),
                 4, "period", ["dublet", "udredningsret_somatik, nordjylland, 2023K1", "række 2"], id="duplicate-key"),
    # columns
    pytest.param(csv_text("uden_periode_kolonne.csv", "indicator_id;region;value\nudredningsret_somatik;nordjylland;81\n"),
                 1, "period", ["påkrævet kolonne mangler"], id="missing-column"),
    pytest.param(fixture_file("stavefejl_vaerdi.csv"), 1, "vaerdi", ["ukendt kolonne"], id="typo-column-is-unknown"),
    pytest.param(fixture_file("stavefejl_vaerdi.csv"), 1, "value", ["påkrævet kolonne mangler"], id="typo-column-leaves-value-missing"),
    pytest.param(csv_text("kolonne_to_gange.csv", f"{H};Value\n{GOOD};81\n"), 1, "Value", ["findes to gange"], id="column-twice"),
    # truncated and unreadable files
    pytest.param(fixture_file("afkortet_raekke.csv"), 3, "value", ["3 felter", "afkortet"], id="csv-truncated-row"),
    pytest.param(fixture_file("afkortet_citat.csv"), 3, None, ["afkortet"], id="csv-unterminated-quote"),
    pytest.param(csv_text("for_mange_felter.csv", f"{H}\n{GOOD}\nudredningsret_somatik;sjaelland;2023K1;80;5\n"),
                 3, None, ["5 felter", "overskriften har 4"], id="csv-too-many-fields"),
    pytest.param(fixture_file("tom.csv"), None, None, ["filen er tom"], id="csv-empty"),
    pytest.param(csv_bytes("kun_bom.csv", b"\xef\xbb\xbf"), None, None, ["filen er tom"], id="csv-only-bom"),
    pytest.param(csv_text("kun_linjeskift.csv", "\r\n\r\n"), None, None, ["filen er tom"], id="csv-only-newlines"),
    pytest.param(fixture_file("kun_overskrift.csv"), None, None, ["ingen datarækker"], id="csv-header-only"),
    pytest.param(csv_text("overskrift_og_tomme.csv", f"{H}\n\n;;;\n"), None, None, ["ingen datarækker"], id="csv-header-and-blank-lines"),
    pytest.param(csv_text("tal.json", "{}"), None, None, ["ukendt filtype '.json'"], id="unsupported-suffix"),
    # row numbers are spreadsheet rows
    pytest.param(csv_text("tom_linje.csv", f"{H}\n{GOOD}\n\nudredningsret_somatik;sjaelland;2023K1;80\nudredningsret_somatik;Fyn;2023K1;80\n"),
                 5, "region", ["ukendt region 'Fyn'"], id="row-number-counts-blank-line"),
    pytest.param(csv_text("tom_linje_crlf.csv", f"{H}\r\n\r\n\r\n{GOOD}\r\nudredningsret_somatik;Fyn;2023K1;80\r\n"),
                 5, "region", ["ukendt region 'Fyn'"], id="row-number-counts-blank-lines-crlf"),
    pytest.param(csv_text("celle_med_linjeskift.csv", f'{H}\nudredningsret_somatik;"Region\nNordjylland";2023K1;81\n'
                                                      "udredningsret_somatik;Fyn;2023K1;80\n"),
                 3, "region", ["ukendt region 'Fyn'"], id="row-number-counts-multiline-cell-once"),
    # XLSX
    pytest.param(xlsx("tekst_i_vaerdi.xlsx", [("udredningsret_somatik", 81, "2023K1", 81), ("udredningsret_somatik", 85, "2023K1", "ca. 80")]),
                 3, "value", ["'ca. 80' er ikke et tal"], id="xlsx-value-text"),
    pytest.param(xlsx("aar_for_kvartal.xlsx", [("udredningsret_somatik", 81, 2023, 81)]),
                 2, "period", ["'2023' er et år", "opgøres pr. kvartal"], id="xlsx-year-for-quarterly-indicator"),
    pytest.param(xlsx("tom_raekke.xlsx", [("udredningsret_somatik", 81, "2023K1", 81), (), ("udredningsret_somatik", 86, "2023K1", 80)]),
                 4, "region", ["ukendt region '86'"], id="xlsx-row-number-counts-blank-row"),
    pytest.param(xlsx("dublet.xlsx", [("middellevetid", "Hele landet", 2022, 81.3), ("middellevetid", 0, "2022", 81.4)]),
                 3, "period", ["dublet", "række 2"], id="xlsx-duplicate-key"),
    pytest.param(xlsx("stavefejl.xlsx", [("udredningsret_somatik", 81, "2023K1", 81)], header=("indicator_id", "region", "period", "vaerdi")),
                 1, "vaerdi", ["ukendt kolonne"], id="xlsx-typo-column"),
    pytest.param(xlsx_cut_in_half("afkortet.xlsx"), None, None, ["Excel-fil", "afkortet eller beskadiget"], id="xlsx-cut-in-half"),
    pytest.param(xlsx_with_damaged_sheet("beskadiget.xlsx"), None, None, ["Excel-fil", "afkortet eller beskadiget"], id="xlsx-damaged-sheet"),
    pytest.param(csv_text("egentlig_csv.xlsx", f"{H}\n{GOOD}\n"), None, None, ["Excel-fil"], id="xlsx-that-is-a-csv"),
    pytest.param(xlsx("tom.xlsx", [], header=None), None, None, ["regnearket er tomt"], id="xlsx-empty"),
    pytest.param(xlsx("kun_overskrift.xlsx", []), None, None, ["ingen datarækker"], id="xlsx-header-only"),
]


def find_error(errors, row, column):
    matching = [e for e in errors if e.row == row and e.column == column]
    assert matching, f"no error at row={row} column={column!r}; got: {[str(e) for e in errors]}"
    return matching[0]


def assert_names_the_place(text: str, path: Path, row, column, phrases) -> None:
    assert path.name in text
    if row is not None:
        assert f"række {row}" in text
    if column is not None:
        assert f"kolonne '{column}'" in text
    for phrase in phrases:
        assert phrase in text


@pytest.mark.parametrize(("make", "row", "column", "phrases"), BAD_INPUTS)
def test_library_refuses_with_file_row_and_column(memory_warehouse, tmp_path, dump_raw_layer, make, row, column, phrases):
    load_files([EARLIER_LOAD], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    path = make(tmp_path)

    with pytest.raises(LoadRefused) as refused:
        load_files([path], con=memory_warehouse)

    assert all(e.file == path for e in refused.value.errors)
    error = find_error(refused.value.errors, row, column)
    assert_names_the_place(str(error), path, row, column, phrases)
    assert dump_raw_layer(memory_warehouse) == before


@pytest.fixture(scope="module")
def earlier_load_template(tmp_path_factory, dump_raw_layer):
    """A warehouse file holding one good earlier load, and its dump (opening DuckDB is slow, so once)."""
    path = tmp_path_factory.mktemp("template") / "w.duckdb"
    con = connect(path)
    try:
        load_files([EARLIER_LOAD], con=con)
    finally:
        con.close()
    dump = dump_raw_layer(path)
    assert len(dump[0]) == 1 and len(dump[1]) == 3
    return path, dump


@pytest.fixture
def warehouse_with_earlier_load(warehouse, earlier_load_template):
    """(db path, dump before): a copy of the template as this test's warehouse."""
    template, before = earlier_load_template
    shutil.copyfile(template, warehouse)
    return warehouse, before


@pytest.mark.parametrize(("make", "row", "column", "phrases"), BAD_INPUTS)
def test_cli_exits_nonzero_names_the_place_and_leaves_the_warehouse_as_it_was(
    warehouse_with_earlier_load, run_load_cli, dump_raw_layer, tmp_path, make, row, column, phrases
):
    db, before = warehouse_with_earlier_load
    path = make(tmp_path)

    result = run_load_cli(path)

    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Afvist - intet er indlæst" in result.stderr
    assert_names_the_place(result.stderr, path, row, column, phrases)
    assert result.stdout == ""
    assert dump_raw_layer(db) == before


# --- whole-file and multi-file behaviour ---------------------------------------------------------


def test_every_bad_cell_is_reported_not_just_the_first(memory_warehouse, tmp_path):
    path = csv_text(
        "mange_fejl.csv",
        f"{H}\n"
        "udredningsret_somatik;Fyn;2023K1;81\n"          # row 2: region
        f"{GOOD}\n"                                       # row 3: fine
        "ukendt;nordjylland;2023K9;abc\n",                # row 4: indicator, period and value
    )(tmp_path)

    with pytest.raises(LoadRefused) as refused:
        load_files([path], con=memory_warehouse)

    assert [(e.row, e.column) for e in refused.value.errors] == [
        (2, "region"), (4, "indicator_id"), (4, "period"), (4, "value"),
    ]


def test_long_error_lists_are_cut_with_a_count(memory_warehouse, tmp_path):
    rows = "".join(f"udredningsret_somatik;Fyn;{1990 + i}K1;81\n" for i in range(30))
    path = csv_text("tredive_fejl.csv", f"{H}\n{rows}")(tmp_path)

    with pytest.raises(LoadRefused) as refused:
        load_files([path], con=memory_warehouse)

    assert len(refused.value.errors) == 30
    message = str(refused.value)
    assert "række 26" in message and "række 27" not in message
    assert message.endswith("... og 5 fejl mere")


@pytest.mark.parametrize("bad_position", ["second", "first"])
def test_two_files_one_bad_loads_neither(memory_warehouse, tmp_path, write_canonical_csv, dump_raw_layer, bad_position):
    load_files([EARLIER_LOAD], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    good = write_canonical_csv("god.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    bad = write_canonical_csv("daarlig.csv", [("middellevetid", "nordjylland", "2022K1", "80,7")])
    files = [good, bad] if bad_position == "second" else [bad, good]

    with pytest.raises(LoadRefused) as refused:
        load_files(files, con=memory_warehouse)

    assert [(e.file.name, e.row, e.column) for e in refused.value.errors] == [("daarlig.csv", 2, "period")]
    assert dump_raw_layer(memory_warehouse) == before


def test_cli_two_files_second_bad_loads_neither(warehouse_with_earlier_load, run_load_cli, dump_raw_layer, write_canonical_csv):
    db, before = warehouse_with_earlier_load
    good = write_canonical_csv("god.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    bad = write_canonical_csv("daarlig.csv", [("middellevetid", "Region Fyn", "2022", "80,7")])

    result = run_load_cli(good, bad)

    assert result.exit_code == 1
    assert "daarlig.csv, række 2, kolonne 'region': ukendt region 'Region Fyn'" in result.stderr
    assert "god.csv" not in result.stderr
    assert dump_raw_layer(db) == before


def test_errors_of_all_bad_files_are_reported_together(memory_warehouse, write_canonical_csv):
    first = write_canonical_csv("a.csv", [("middellevetid", "Fyn", "2022", "80,7")])
    second = write_canonical_csv("b.csv", [("middellevetid", "nordjylland", "2022", "mange")])

    with pytest.raises(LoadRefused) as refused:
        load_files([first, second], con=memory_warehouse)

    assert [(e.file.name, e.row, e.column) for e in refused.value.errors] == [("a.csv", 2, "region"), ("b.csv", 2, "value")]


def test_an_already_loaded_file_does_not_let_a_bad_one_through(memory_warehouse, write_canonical_csv, dump_raw_layer):
    load_files([EARLIER_LOAD], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    bad = write_canonical_csv("daarlig.csv", [("middellevetid", "nordjylland", "2022", "")])

    with pytest.raises(LoadRefused):
        load_files([EARLIER_LOAD, bad], con=memory_warehouse)

    assert dump_raw_layer(memory_warehouse) == before


def test_a_failure_while_appending_rolls_back_every_file(memory_warehouse, write_canonical_csv, dump_raw_layer):
    load_files([EARLIER_LOAD], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    first = write_canonical_csv("a.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    second = write_canonical_csv("b.csv", [("middellevetid", "sjaelland", "2022", "80,9")])

    class FailsOnSecondFile:
        """The real connection, except that handing over the second file's rows fails (say, a full disk)."""

        registered = 0

        def __getattr__(self, name):
            return getattr(memory_warehouse, name)

        def register(self, name, frame):
            self.registered += 1
            if self.registered == 2:
                raise OSError("disken er fuld")
            return memory_warehouse.register(name, frame)

    con = FailsOnSecondFile()
    with pytest.raises(OSError, match="disken er fuld"):
        load_files([first, second], con=con)

    assert con.registered == 2  # the first file's rows were already inserted when it failed
    assert dump_raw_layer(memory_warehouse) == before


def test_cli_refuses_a_missing_file_before_touching_the_warehouse(run_load_cli, warehouse, tmp_path):
    result = run_load_cli(tmp_path / "findes_ikke.csv")

    assert result.exit_code == 2
    assert "findes_ikke.csv" in result.stderr
    assert not warehouse.exists()
