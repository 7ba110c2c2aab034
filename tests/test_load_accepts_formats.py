"""The canonical loader accepts the ways analysts actually write files, and stores what they meant.

Every test reads back raw.indicator_values and checks the stored values, not just that nothing failed.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from loaders.store import load_files
from noegletal.warehouse import connect

CANONICAL_FIXTURES = Path(__file__).parent / "fixtures" / "canonical"

FULL_HEADER = (
    "indicator_id", "region", "period", "value",
    "numerator", "denominator", "provisional", "published_at", "synthetic",
)

# What the two hand-made fixture files (and the XLSX built below) mean, as stored:
# (indicator_id, region_id, period, period_start, value, numerator, denominator,
#  is_provisional, published_at, is_synthetic)
EXPECTED_FULL = [
    ("antibiotika_almen_praksis", "syddanmark", "2022", date(2022, 1, 1), 1234.5, None, None, False, None, False),
    ("udredningsret_somatik", "hele_landet", "2023K1", date(2023, 1, 1), 80.0, 8000.0, 10000.0, True, None, False),
    ("udredningsret_somatik", "hovedstaden", "2023K2", date(2023, 4, 1), 77.0, None, None, True, None, True),
    ("udredningsret_somatik", "nordjylland", "2023K1", date(2023, 1, 1), 81.5, 815.0, 1000.0, False, date(2023, 6, 14), False),
    ("udredningsret_somatik", "sjaelland", "2023K1", date(2023, 1, 1), 79.25, 317.0, 400.0, False, date(2023, 6, 14), False),
    ("ventetid_somatik", "midtjylland", "2023K4", date(2023, 10, 1), 42.0, None, None, False, None, False),
]


STORED = (
    "indicator_id, region_id, period, period_start, value, numerator, denominator, "
    "is_provisional, published_at, is_synthetic"
)


def stored(con, columns=STORED, where="true"):
    return con.execute(f"select {columns} from raw.indicator_values where {where} order by all").fetchall()


def load_one_row(write_canonical_csv, con, row, header=("indicator_id", "region", "period", "value")):
    path = write_canonical_csv("en_raekke.csv", [row], header=header)
    report = load_files([path], con=con)
    assert [f.status for f in report.files] == ["new"]
    (only,) = stored(con)
    return only


# --- whole files: CSV in both dialects, XLSX, encodings ------------------------------------------


@pytest.mark.parametrize(
    "fixture_name",
    [
        "danske_excel_semikolon_bom.csv",  # ';', UTF-8 BOM, CRLF, decimal comma, Danish names, ja/nej
        "komma_decimalpunktum.csv",  # ',', no BOM, LF, decimal point, region ids, true/false
    ],
)
def test_csv_dialects_store_the_same_rows(memory_warehouse, fixture_name):
    report = load_files([CANONICAL_FIXTURES / fixture_name], con=memory_warehouse)

    assert [(f.status, f.row_count) for f in report.files] == [("new", 6)]
    assert stored(memory_warehouse) == EXPECTED_FULL


def test_xlsx_with_typed_cells_stores_the_same_rows_as_csv(memory_warehouse, write_canonical_xlsx):
    path = write_canonical_xlsx(
        "kanonisk.xlsx",
        [
            # numeric DST code, text period, float value, int numerator, bool flags, an Excel date cell
            ("udredningsret_somatik", 81, "2023K1", 81.5, 815, 1000, False, date(2023, 6, 14), False),
            ("udredningsret_somatik", "Region Sjælland", "2023 K1", 79.25, 317, 400, None, datetime(2023, 6, 14), None),
            # text cells written the Danish way are read like in a CSV
            ("udredningsret_somatik", "000", "1. kvt. 2023", "80", "8.000,0", "10000", "ja", None, None),
            ("udredningsret_somatik", 84, "2023Q2", 77, None, None, True, None, 1),
            # an integer year cell
            ("antibiotika_almen_praksis", 83, 2022, "1.234,5", None, None, "nej", None, "nej"),
            ("ventetid_somatik", "midtjylland", "2023K4", 42, None, None, 0, None, 0),
        ],
        header=FULL_HEADER,
    )

    report = load_files([path], con=memory_warehouse)

    assert [(f.status, f.row_count) for f in report.files] == [("new", 6)]
    assert stored(memory_warehouse) == EXPECTED_FULL


def test_xlsx_and_csv_with_the_same_columns_load_alike(memory_warehouse, write_canonical_csv, write_canonical_xlsx):
    rows = [
        ("middellevetid", "nordjylland", "2022", "80,7"),
        ("fmk_ajourfoering", "Region Hovedstaden", "2023K3", "91,2"),
    ]
    load_files([write_canonical_csv("samme.csv", rows), write_canonical_xlsx("samme.xlsx", rows)], con=memory_warehouse)

    columns = "indicator_id, region_id, period, period_start, value, source_row"
    from_csv, from_xlsx = (stored(memory_warehouse, columns, f"load_id = {i}") for i in (1, 2))
    assert from_csv == from_xlsx == [
        ("fmk_ajourfoering", "hovedstaden", "2023K3", date(2023, 7, 1), 91.2, 3),
        ("middellevetid", "nordjylland", "2022", date(2022, 1, 1), 80.7, 2),
    ]


def test_cp1252_file_with_danish_letters_in_region_names(memory_warehouse):
    path = CANONICAL_FIXTURES / "windows1252_region_sjaelland.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the fixture really is not UTF-8

    load_files([path], con=memory_warehouse)

    assert stored(memory_warehouse, "indicator_id, region_id, period, value") == [
        ("daglige_rygere", "sjaelland", "2022", 15.5),
        ("middellevetid", "hele_landet", "2022", 81.3),
        ("middellevetid", "sjaelland", "2021", 80.6),
        ("middellevetid", "sjaelland", "2022", 80.9),
    ]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_delimiters_bom_and_line_endings(memory_warehouse, write_canonical_csv, delimiter, bom, newline):
    path = write_canonical_csv(
        "dialekt.csv",
        [("middellevetid", "Region Sjælland", "2022", "80,9"), ("middellevetid", "085", "2021", "80.6")],
        delimiter=delimiter, bom=bom, newline=newline,
    )

    load_files([path], con=memory_warehouse)

    assert stored(memory_warehouse, "region_id, period, value, source_row") == [
        ("sjaelland", "2021", 80.6, 3),
        ("sjaelland", "2022", 80.9, 2),
    ]


def test_header_names_are_case_and_whitespace_insensitive_and_in_any_order(memory_warehouse, write_canonical_csv):
    path = write_canonical_csv(
        "overskrift.csv",
        [("2022", "80,9", "hele_landet", "middellevetid", "JA")],
        header=(" Period", "VALUE ", "Region", "Indicator_ID", "Provisional"),
    )

    load_files([path], con=memory_warehouse)

    assert stored(memory_warehouse, "indicator_id, region_id, period, value, is_provisional") == [
        ("middellevetid", "hele_landet", "2022", 80.9, True)
    ]


def test_blank_lines_are_skipped_and_source_row_is_the_spreadsheet_row(memory_warehouse, tmp_path):
    path = tmp_path / "huller.csv"
    path.write_text(
        "indicator_id;region;period;value\n"       # row 1
        "middellevetid;nordjylland;2022;80,7\n"    # row 2
        "\n"                                       # row 3 (blank)
        ";;;\n"                                    # row 4 (only delimiters)
        "middellevetid;sjaelland;2022;80,9\n",     # row 5
        encoding="utf-8",
    )

    report = load_files([path], con=memory_warehouse)

    assert report.files[0].row_count == 2
    assert stored(memory_warehouse, "region_id, source_row") == [("nordjylland", 2), ("sjaelland", 5)]


def test_absent_optional_columns_get_defaults(memory_warehouse, write_canonical_csv):
    row = load_one_row(write_canonical_csv, memory_warehouse, ("middellevetid", "nordjylland", "2022", "80,7"))

    assert row == ("middellevetid", "nordjylland", "2022", date(2022, 1, 1), 80.7, None, None, False, None, False)


# --- single cells: one parametrized test per column ---------------------------------------------


@pytest.mark.parametrize(
    ("region", "region_id"),
    [
        ("nordjylland", "nordjylland"),
        ("hele_landet", "hele_landet"),
        ("Region Sjælland", "sjaelland"),
        ("region sjælland", "sjaelland"),
        ("REGION SJÆLLAND", "sjaelland"),
        ("  Region   Sjælland ", "sjaelland"),
        ("Hele landet", "hele_landet"),
        ("HELE LANDET", "hele_landet"),
        ("Syddanmark", "syddanmark"),
        ("000", "hele_landet"),
        ("081", "nordjylland"),
        ("082", "midtjylland"),
        ("083", "syddanmark"),
        ("084", "hovedstaden"),
        ("085", "sjaelland"),
        ("81", "nordjylland"),
    ],
)
def test_region_as_id_name_or_dst_code(memory_warehouse, write_canonical_csv, region, region_id):
    row = load_one_row(write_canonical_csv, memory_warehouse, ("middellevetid", region, "2022", "80,7"))

    assert row[1] == region_id


@pytest.mark.parametrize(("cell", "region_id"), [(81, "nordjylland"), (85, "sjaelland"), (0, "hele_landet"), (84.0, "hovedstaden")])
def test_region_as_numeric_xlsx_cell(memory_warehouse, write_canonical_xlsx, cell, region_id):
    load_files([write_canonical_xlsx("tal.xlsx", [("middellevetid", cell, 2022, 80.7)])], con=memory_warehouse)

    assert stored(memory_warehouse, "region_id") == [(region_id,)]


@pytest.mark.parametrize(
    ("period", "code", "start"),
    [
        ("2023K1", "2023K1", date(2023, 1, 1)),
        ("2023 K1", "2023K1", date(2023, 1, 1)),
        ("2023Q1", "2023K1", date(2023, 1, 1)),
        ("2023q1", "2023K1", date(2023, 1, 1)),
        ("2023-Q1", "2023K1", date(2023, 1, 1)),
        ("1. kvt. 2023", "2023K1", date(2023, 1, 1)),
        ("1. kvartal 2023", "2023K1", date(2023, 1, 1)),
        ("K1 2023", "2023K1", date(2023, 1, 1)),
        ("2023K2", "2023K2", date(2023, 4, 1)),
        ("3. kvt. 2023", "2023K3", date(2023, 7, 1)),
        (" 2023 K4 ", "2023K4", date(2023, 10, 1)),
    ],
)
def test_quarter_spellings(memory_warehouse, write_canonical_csv, period, code, start):
    row = load_one_row(write_canonical_csv, memory_warehouse, ("udredningsret_somatik", "nordjylland", period, "81,5"))

    assert row[2:4] == (code, start)


@pytest.mark.parametrize("cell", ["2022", 2022, 2022.0, "2022 "])
def test_year_as_text_or_integer_xlsx_cell(memory_warehouse, write_canonical_xlsx, cell):
    load_files([write_canonical_xlsx("aar.xlsx", [("middellevetid", "nordjylland", cell, 80.7)])], con=memory_warehouse)

    assert stored(memory_warehouse, "period, period_start") == [("2022", date(2022, 1, 1))]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("81,5", 81.5),
        ("81.5", 81.5),
        ("81", 81.0),
        (" 81,50 ", 81.5),
        ("0,5", 0.5),
        (",5", 0.5),
        ("0", 0.0),
        ("100", 100.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("3.456,25", 3456.25),  # below ventetid's 3,650 days (indicators.csv max_value)
        ("+3,5", 3.5),
    ],
)
def test_number_spellings(memory_warehouse, write_canonical_csv, cell, value):
    # ventetid_somatik counts days, so no 0-100 bound applies (its range is 0-3,650: the catalog's
    # min_value and max_value, see test_load_refuses_bad_input).
    row = load_one_row(write_canonical_csv, memory_warehouse, ("ventetid_somatik", "nordjylland", "2023K1", cell))

    assert row[4] == value
    assert isinstance(row[4], float)


@pytest.mark.parametrize(
    ("cell", "flag"),
    [
        ("true", True), ("TRUE", True), ("ja", True), ("Ja", True), ("1", True), (" ja ", True),
        ("false", False), ("False", False), ("nej", False), ("NEJ", False), ("0", False), ("", False),
    ],
)
def test_provisional_and_synthetic_flags(memory_warehouse, write_canonical_csv, cell, flag):
    row = load_one_row(
        write_canonical_csv, memory_warehouse,
        ("udredningsret_somatik", "nordjylland", "2023K1", "81,5", cell, cell),
        header=("indicator_id", "region", "period", "value", "provisional", "synthetic"),
    )

    assert (row[7], row[9]) == (flag, flag)


@pytest.mark.parametrize(("cell", "published"), [("2023-06-14", date(2023, 6, 14)), (" 2024-02-29 ", date(2024, 2, 29)), ("", None)])
def test_published_at_iso_date(memory_warehouse, write_canonical_csv, cell, published):
    row = load_one_row(
        write_canonical_csv, memory_warehouse,
        ("udredningsret_somatik", "nordjylland", "2023K1", "81,5", cell),
        header=("indicator_id", "region", "period", "value", "published_at"),
    )

    assert row[8] == published


@pytest.mark.parametrize("cell", [date(2023, 6, 14), datetime(2023, 6, 14, 0, 0), "2023-06-14"])
def test_published_at_excel_date_cell(memory_warehouse, write_canonical_xlsx, cell):
    path = write_canonical_xlsx(
        "dato.xlsx",
        [("udredningsret_somatik", "nordjylland", "2023K1", 81.5, cell)],
        header=("indicator_id", "region", "period", "value", "published_at"),
    )

    load_files([path], con=memory_warehouse)

    assert stored(memory_warehouse, "published_at") == [(date(2023, 6, 14),)]


def test_numerator_and_denominator_with_danish_numbers(memory_warehouse, write_canonical_csv):
    row = load_one_row(
        write_canonical_csv, memory_warehouse,
        ("udredningsret_somatik", "nordjylland", "2023K1", "81,5", "1 630", "2.000,0"),
        header=("indicator_id", "region", "period", "value", "numerator", "denominator"),
    )

    assert row[5:7] == (1630.0, 2000.0)


@pytest.mark.parametrize(("cell", "value"), [("0", 0.0), ("100", 100.0), ("99,9", 99.9)])
def test_percentage_bounds_are_inclusive(memory_warehouse, write_canonical_csv, cell, value):
    row = load_one_row(write_canonical_csv, memory_warehouse, ("udredningsret_somatik", "nordjylland", "2023K1", cell))

    assert row[4] == value


def test_a_directory_loads_every_csv_and_xlsx_below_it(memory_warehouse, tmp_path, write_canonical_csv, write_canonical_xlsx):
    write_canonical_csv("a.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    write_canonical_xlsx("b.xlsx", [("middellevetid", "sjaelland", 2022, 80.9)])
    (tmp_path / "noter.md").write_text("ikke en datafil", encoding="utf-8")

    report = load_files([tmp_path], con=memory_warehouse)

    assert [f.path.name for f in report.files] == ["a.csv", "b.xlsx"]
    assert stored(memory_warehouse, "region_id, load_id") == [("nordjylland", 1), ("sjaelland", 2)]


def test_cli_reports_new_file_and_row_count(warehouse, run_load_cli):
    path = CANONICAL_FIXTURES / "danske_excel_semikolon_bom.csv"

    result = run_load_cli(path)

    assert result.exit_code == 0, result.output
    assert f"{path}: ny, 6 rækker" in result.stdout
    assert "1 nye filer, 0 uændrede." in result.stdout
    con = connect(warehouse, read_only=True)
    try:
        assert stored(con) == EXPECTED_FULL
    finally:
        con.close()
