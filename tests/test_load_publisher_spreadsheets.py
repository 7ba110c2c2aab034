"""Publisher spreadsheets load through their YAML mappings; a changed layout is refused, never half-read.

The fixtures in tests/fixtures/publishers/ are written by make_fixtures.py there, each in the layout
of one mapping in loaders/mappings/. Row numbers below are the rows Excel shows for those files.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from loaders import spreadsheet_mappings
from loaders.errors import LoadRefused
from loaders.sources import registry
from loaders.spreadsheet import MappingError, load_mapping, load_mappings, parse
from loaders.store import load_files
from noegletal import catalog

FIXTURES = Path(__file__).parent / "fixtures" / "publishers"
UDREDNINGSRET = FIXTURES / "sds_udredningsret_2023K1.xlsx"
CHANGED_LAYOUT = FIXTURES / "sds_udredningsret_2023K2_nyt_layout.xlsx"
VENTETID = FIXTURES / "sds_ventetid_2023K1.xlsx"
KRAEFTPAKKER = FIXTURES / "sds_kraeftpakker_2023-06-14.xlsx"
AARLIGE = FIXTURES / "sds_aarlige_noegletal_20230601.csv"
AARLIGE_ALLE = FIXTURES / "sds_aarlige_noegletal_20240603.csv"
KVARTALSVISE = FIXTURES / "sds_kvartalsvise_noegletal_2023K1.csv"
KOMMUNER = FIXTURES / "sds_kommuner_forebyggelige_20230601.csv"
SYGEHUSE = FIXTURES / "sds_sygehuse_udredningsret_2023K1.xlsx"

COLUMNS = "value, numerator, denominator, is_provisional, published_at, suppression_reason, source_row"


def stored(con, indicator_id: str, region_id: str, period: str, unit_id: str | None = None) -> tuple:
    """The stored row of a region's own figure, or with unit_id of a unit's."""
    rows = con.execute(
        f"select {COLUMNS} from raw.indicator_values where indicator_id = ? and region_id = ? and period = ?"
        " and unit_id is not distinct from ?",
        [indicator_id, region_id, period, unit_id],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def refusal(paths, con, source=None) -> LoadRefused:
    with pytest.raises(LoadRefused) as refused:
        load_files(paths, con, source=source)
    return refused.value


# --- every shipped mapping loads its fixture, with the exact values of hand-picked cells ----------

# (file, source, record count, [(indicator, region, period, (value, numerator, denominator,
#   is_provisional, published_at, suppression_reason, source_row))])
UDREDNINGSRET_PUBLISHED = date(2023, 6, 14)
CASES = [
    pytest.param(UDREDNINGSRET, "sds_udredningsret", 90, [
        # "73,8" typed as text with a decimal comma
        ("udredningsret_somatik", "hele_landet", "2023K1", (73.8, None, None, False, UDREDNINGSRET_PUBLISHED, None, 10)),
        ("udredningsret_somatik", "nordjylland", "2023K1", (90.2, None, None, False, UDREDNINGSRET_PUBLISHED, None, 9)),
        # inside a merged "Område" block
        ("udredningsret_bup", "sjaelland", "2023K1", (75.1, None, None, False, UDREDNINGSRET_PUBLISHED, None, 12)),
        # ".." = suppressed: no value, the marker kept
        ("udredningsret_bup", "nordjylland", "2022K2", (None, None, None, False, UDREDNINGSRET_PUBLISHED, "..", 15)),
        # "Voksenpsykiatri" written once, the cells below it empty (fill_down)
        ("udredningsret_voksenpsykiatri", "hovedstaden", "2023K1", (98.0, None, None, False, UDREDNINGSRET_PUBLISHED, None, 17)),
        ("udredningsret_voksenpsykiatri", "midtjylland", "2022K1", (76.3, None, None, False, UDREDNINGSRET_PUBLISHED, None, 20)),
    ], id="udredningsret-wide-quarters"),
    pytest.param(VENTETID, "sds_ventetid", 90, [
        # two header rows: "2023" over "1. kvt."; published "Opdateret den 14.06.2023"
        ("ventetid_somatik", "hele_landet", "2023K1", (46.0, None, None, False, date(2023, 6, 14), None, 11)),
        ("ventetid_somatik", "syddanmark", "2022K4", (52.0, None, None, False, date(2023, 6, 14), None, 8)),
        ("ventetid_bup", "nordjylland", "2022K1", (None, None, None, False, date(2023, 6, 14), "-", 16)),
        ("ventetid_voksenpsykiatri", "sjaelland", "2023K1", (17.0, None, None, False, date(2023, 6, 14), None, 19)),
    ], id="ventetid-two-header-rows"),
    pytest.param(KRAEFTPAKKER, "sds_kraeftpakker", 24, [
        # "2023K1*": provisional, before late registrations; published date from the file name
        ("kraeftpakker_standardforloebstid", "hele_landet", "2023K1", (79.0, 6070, 7683, True, date(2023, 6, 14), None, 27)),
        ("kraeftpakker_standardforloebstid", "hele_landet", "2022K4", (74.7, 6339, 8490, False, date(2023, 6, 14), None, 26)),
        # the region is written on the first row of its block only
        ("kraeftpakker_standardforloebstid", "sjaelland", "2023K1", (72.0, 793, 1102, True, date(2023, 6, 14), None, 11)),
        ("kraeftpakker_standardforloebstid", "nordjylland", "2023K1", (87.0, 557, 640, True, date(2023, 6, 14), None, 23)),
    ], id="kraeftpakker-long-provisional"),
    pytest.param(AARLIGE, "sds_aarlige_noegletal", 72, [
        # cp1252, ';', decimal comma; "Region H", "Region Sj." and "Hele landet i alt" via the mapping's regions
        ("genindlaeggelser_psykiatri", "hele_landet", "2022", (24.9, None, None, False, date(2023, 6, 1), None, 15)),
        ("genindlaeggelser_psykiatri", "nordjylland", "2022", (19.3, None, None, False, date(2023, 6, 1), None, 14)),
        ("genindlaeggelser_psykiatri", "sjaelland", "2022", (28.1, None, None, False, date(2023, 6, 1), None, 11)),
        ("genindlaeggelser_somatik", "hovedstaden", "2019", (10.1, None, None, False, date(2023, 6, 1), None, 4)),
        ("forebyggelige_indlaeggelser_aeldre", "hele_landet", "2020", (41.0, None, None, False, date(2023, 6, 1), None, 21)),
    ], id="aarlige-csv-cp1252"),
    pytest.param(AARLIGE_ALLE, "sds_aarlige_noegletal", 336, [
        # the later release with every annual indicator, also those from other publishers
        ("middellevetid", "hele_landet", "2023", (81.5, None, None, False, date(2024, 6, 3), None, 153)),
        ("patienttilfredshed_psykiatri", "sjaelland", "2023", (67.0, None, None, False, date(2024, 6, 3), None, 131)),
        ("fastholdelse_arbejdsmarked_psykiatri", "midtjylland", "2022", (61.1, None, None, False, date(2024, 6, 3), None, 43)),
        ("hjertedoedelighed", "syddanmark", "2023", (127.7, None, None, False, date(2024, 6, 3), None, 84)),
        # a whole number written without decimals
        ("antibiotika_almen_praksis", "hele_landet", "2022", (348.0, None, None, False, date(2024, 6, 3), None, 105)),
        ("overlevelse_hjertestop", "nordjylland", "2022", (None, None, None, False, date(2024, 6, 3), "..", 98)),
        ("produktivitet_sygehuse", "hovedstaden", "2022", (98.9, None, None, False, date(2024, 6, 3), None, 166)),
    ], id="aarlige-every-annual-indicator"),
    pytest.param(KVARTALSVISE, "sds_kvartalsvise_noegletal", 120, [
        # UTF-8 with BOM, decimal comma; "Danmark" via the mapping's regions; the "2023K1*" header is provisional
        ("fmk_ajourfoering", "hele_landet", "2023K1", (67.4, None, None, True, date(2023, 6, 14), None, 10)),
        ("fmk_ajourfoering", "hele_landet", "2022K4", (66.8, None, None, False, date(2023, 6, 14), None, 10)),
        ("overbelaegning_medicinske_afdelinger", "sjaelland", "2023K1", (19.4, None, None, True, date(2023, 6, 14), None, 12)),
        ("sygehusinfektioner_bakteriaemi", "nordjylland", "2022K1", (18.4, None, None, False, date(2023, 6, 14), None, 21)),
        ("sygehusinfektioner_clostridium", "nordjylland", "2022K3", (None, None, None, False, date(2023, 6, 14), "..", 27)),
        ("sygehusinfektioner_clostridium", "hovedstaden", "2023K1", (7.0, None, None, True, date(2023, 6, 14), None, 23)),
    ], id="kvartalsvise-csv-utf8-provisional-header"),
]


@pytest.mark.parametrize(("path", "source", "count", "cells"), CASES)
def test_fixture_loads_with_exact_cells(memory_warehouse, path, source, count, cells):
    report = load_files([path], memory_warehouse)

    assert [(f.source, f.row_count) for f in report.files] == [(source, count)]
    (stored_count,) = memory_warehouse.execute("select count(*) from raw.indicator_values").fetchone()
    assert stored_count == count
    for indicator_id, region_id, period, expected in cells:
        assert stored(memory_warehouse, indicator_id, region_id, period) == expected, (indicator_id, region_id, period)


@pytest.mark.parametrize(("path", "last_data_row", "provisional", "suppressed"), [
    (UDREDNINGSRET, 22, 0, 1),
    (VENTETID, 23, 0, 1),
    (KRAEFTPAKKER, 27, 6, 0),
    (AARLIGE, 21, 0, 0),
    (AARLIGE_ALLE, 171, 0, 1),
    (KVARTALSVISE, 28, 24, 1),
    (KOMMUNER, 30, 0, 9),
    (SYGEHUSE, 22, 0, 1),
])
def test_notes_and_footnotes_are_skipped_and_nothing_else(memory_warehouse, path, last_data_row, provisional, suppressed):
    load_files([path], memory_warehouse)

    (last_row, n_provisional, n_suppressed) = memory_warehouse.execute(
        "select max(source_row), count(*) filter (is_provisional), count(*) filter (suppression_reason is not null)"
        " from raw.indicator_values"
    ).fetchone()
    assert last_row == last_data_row
    assert (n_provisional, n_suppressed) == (provisional, suppressed)
    assert memory_warehouse.execute(
        "select count(*) from raw.indicator_values where value is null and suppression_reason is null"
    ).fetchone() == (0,)


def test_every_shipped_mapping_has_a_fixture_that_follows_it():
    mappings = load_mappings(spreadsheet_mappings.MAPPINGS_DIR)
    fixtures = sorted(FIXTURES.glob("sds_*"))

    assert {m.name for m in mappings} == {
        "sds_udredningsret", "sds_ventetid", "sds_kraeftpakker", "sds_aarlige_noegletal", "sds_kvartalsvise_noegletal",
        "sds_kommuner_forebyggelige", "sds_sygehuse_udredningsret",
    }
    for m in mappings:
        assert any(registry()[m.name].matches(f) for f in fixtures), m.name


def test_every_catalog_indicator_has_a_publisher_layout():
    mappings = load_mappings(spreadsheet_mappings.MAPPINGS_DIR)

    in_mappings = {m.indicator for m in mappings if m.indicator} | {i for m in mappings for i in m.indicator_names.values()}

    assert sorted(set(catalog.indicators()) - in_mappings) == []


def test_the_fixtures_together_hold_every_catalog_indicator(memory_warehouse):
    load_files([f for f in sorted(FIXTURES.glob("sds_*")) if f != CHANGED_LAYOUT], memory_warehouse)

    loaded = {i for (i,) in memory_warehouse.execute("select distinct indicator_id from raw.indicator_values").fetchall()}
    assert sorted(set(catalog.indicators()) - loaded) == []


# --- which mapping reads a file ------------------------------------------------------------------


def test_mapping_is_picked_by_file_name_before_the_canonical_fallback():
    sources = registry()

    assert list(sources)[-1] == "canonical"
    picked = {f.name: next(s.name for s in sources.values() if s.matches(f)) for f in FIXTURES.glob("sds_*")}
    assert picked == {
        "sds_udredningsret_2023K1.xlsx": "sds_udredningsret",
        "sds_udredningsret_2023K2_nyt_layout.xlsx": "sds_udredningsret",
        "sds_ventetid_2023K1.xlsx": "sds_ventetid",
        "sds_kraeftpakker_2023-06-14.xlsx": "sds_kraeftpakker",
        "sds_aarlige_noegletal_20230601.csv": "sds_aarlige_noegletal",
        "sds_aarlige_noegletal_20240603.csv": "sds_aarlige_noegletal",
        "sds_kvartalsvise_noegletal_2023K1.csv": "sds_kvartalsvise_noegletal",
        "sds_kommuner_forebyggelige_20230601.csv": "sds_kommuner_forebyggelige",
        "sds_sygehuse_udredningsret_2023K1.xlsx": "sds_sygehuse_udredningsret",
    }


def test_mapping_is_picked_by_explicit_source_name(memory_warehouse, tmp_path):
    renamed = tmp_path / "download (3).xlsx"
    shutil.copy(UDREDNINGSRET, renamed)

    # by its name alone the file is canonical, and the canonical loader refuses the publisher's layout
    assert "indicator_id" in str(refusal([renamed], memory_warehouse))
    report = load_files([renamed], memory_warehouse, source="sds_udredningsret")

    assert [(f.source, f.row_count) for f in report.files] == [("sds_udredningsret", 90)]
    assert stored(memory_warehouse, "udredningsret_somatik", "hele_landet", "2023K1")[0] == 73.8


def test_cli_load_with_source(warehouse, tmp_path):
    from noegletal.cli import main

    renamed = tmp_path / "aarlige_20230601.csv"
    shutil.copy(AARLIGE, renamed)

    result = CliRunner().invoke(main, ["load", str(renamed), "--source", "sds_aarlige_noegletal", "--db", str(warehouse)])

    assert result.exit_code == 0, result.output
    assert "72 rækker (sds_aarlige_noegletal)" in result.output


def test_unknown_source_name_is_refused(memory_warehouse):
    assert "ukendt kilde 'sds_udredningsretten'" in str(refusal([UDREDNINGSRET], memory_warehouse, "sds_udredningsretten"))


# --- a changed layout is refused, naming file, row and column; the warehouse is unchanged --------


def test_changed_layout_is_refused_naming_file_row_and_column(memory_warehouse, dump_raw_layer):
    load_files([AARLIGE], memory_warehouse)
    before = dump_raw_layer(memory_warehouse)

    # refused together with a good file: all or nothing
    refused = refusal([UDREDNINGSRET, CHANGED_LAYOUT], memory_warehouse)

    assert dump_raw_layer(memory_warehouse) == before
    assert {(e.file, e.row, e.column) for e in refused.errors} == {
        (CHANGED_LAYOUT, 4, "Region"), (CHANGED_LAYOUT, 4, "B (Bopælsregion)"),
    }
    text = str(refused)
    assert (f"{CHANGED_LAYOUT}, række 4, kolonne 'Region': layoutet er ændret: "
            f"forventede kolonnen 'Region' i række 4") in text
    assert "B 'Bopælsregion'" in text
    assert "kolonne 'B (Bopælsregion)': layoutet er ændret: ukendt kolonne 'Bopælsregion'" in text
    assert "loaders/mappings/sds_udredningsret.yml" in text


def _edited_workbook(tmp_path: Path, edit, source: Path = UDREDNINGSRET) -> Path:
    wb = openpyxl.load_workbook(source)
    edit(wb)
    path = tmp_path / source.name.replace(".xlsx", "_rettet.xlsx")
    wb.save(path)
    return path


def _set(sheet, cell, value):
    def edit(wb):
        wb[sheet][cell] = value

    return edit


def _header_row_moved(wb):
    """A new title row on top: every row one down (merges dropped; openpyxl would not move them)."""
    old = wb["Udredningsret"]
    rows = [[c.value for c in row] for row in old.iter_rows()]
    wb.remove(old)
    ws = wb.create_sheet("Udredningsret")
    ws.append(["Ny titel fra udgiveren"])
    for row in rows:
        ws.append(row)


def _quarters_removed(wb):
    ws = wb["Udredningsret"]
    for row in ws.iter_rows(min_row=4, min_col=3, max_col=7):
        for cell in row:
            cell.value = None


def _sheet_renamed(wb):
    wb["Udredningsret"].title = "Tabel 1"


def _csv_variant(old: str, new: str, encoding: str = "cp1252"):
    def make(tmp_path: Path) -> Path:
        path = tmp_path / AARLIGE.name
        path.write_bytes(AARLIGE.read_bytes().decode("cp1252").replace(old, new, 1).encode(encoding))
        return path

    return make


def _blank_csv(tmp_path: Path) -> Path:
    path = tmp_path / AARLIGE.name
    path.write_bytes(b"\r\n\r\n")
    return path


def _xlsx_variant(edit, source=UDREDNINGSRET):
    return lambda tmp_path: _edited_workbook(tmp_path, edit, source)


# (make, row, column, phrases)
CHANGED_LAYOUTS = [
    pytest.param(_xlsx_variant(_set("Udredningsret", "G4", "2023 1. kvartal")), 4, "G (2023 1. kvartal)",
                 ["layoutet er ændret", "ukendt kolonne '2023 1. kvartal'"], id="quarter-header-respelled"),
    pytest.param(_xlsx_variant(_header_row_moved), 4, "Område",
                 ["layoutet er ændret", "forventede kolonnen 'Område' i række 4", "ingen overskrifter"],
                 id="header-moved-down-a-row"),
    pytest.param(_xlsx_variant(_quarters_removed), 4, None, ["layoutet er ændret", "ingen periodekolonner i række 4"],
                 id="quarters-gone"),
    pytest.param(_xlsx_variant(_set("Udredningsret", "H9", 91.0)), 9, "H",
                 ["layoutet er ændret", "'91' står i kolonne H, som ikke har nogen overskrift"],
                 id="value-in-column-without-header"),
    pytest.param(_xlsx_variant(_set("Udredningsret", "A2", "Opdateres løbende")), 2, "A",
                 ["layoutet er ændret", "udgivelsesdatoen i celle A2", "'Opdateres løbende'"], id="date-cell-moved"),
    pytest.param(_xlsx_variant(_sheet_renamed), None, None,
                 ["layoutet er ændret", "forventede arket 'Udredningsret'", "'Tabel 1'"], id="sheet-renamed"),
    pytest.param(_xlsx_variant(_set("Samlet", "E3", "Andel (%)"), KRAEFTPAKKER), 3, "Andel (pct.)",
                 ["layoutet er ændret", "forventede kolonnen 'Andel (pct.)' i række 3", "E 'Andel (%)'"],
                 id="long-column-renamed"),
    pytest.param(_csv_variant("Indikator;Region;2019;2020;2021;2022", "Indikator;Region;2019;2020;2021;2022;Note"),
                 3, "G (Note)", ["layoutet er ændret", "ukendt kolonne 'Note'", "ignore_columns"], id="csv-new-column"),
    pytest.param(_csv_variant("Indikator;Region;2019;2020;2021;2022", "Indikator,Region,2019,2020,2021,2022"),
                 3, "Region", ["layoutet er ændret", "forventede kolonnen 'Region' i række 3"], id="csv-new-delimiter"),
    pytest.param(_csv_variant("Anm.: Genindlæggelser", "Bemærk: Genindlæggelser"), 23, "A (Indikator)",
                 ["ukendt indikator 'Bemærk: Genindlæggelser", "indicator_names"], id="csv-unforeseen-note-row"),
    pytest.param(_blank_csv, None, None, ["filen er tom"], id="csv-empty"),
    pytest.param(_csv_variant("Region", "Region", encoding="utf-8"), None, None,
                 ["gemt som UTF-8", "tegnsættet cp1252"], id="csv-new-encoding"),
]


@pytest.mark.parametrize(("make", "row", "column", "phrases"), CHANGED_LAYOUTS)
def test_file_not_following_its_mapping_is_refused(memory_warehouse, dump_raw_layer, tmp_path, make, row, column, phrases):
    load_files([UDREDNINGSRET], memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    path = make(tmp_path)

    refused = refusal([path], memory_warehouse)

    assert dump_raw_layer(memory_warehouse) == before
    matching = [e for e in refused.errors if e.row == row and e.column == column]
    assert matching, [str(e) for e in refused.errors]
    text = str(matching[0])
    assert path.name in text
    for phrase in phrases:
        assert phrase in text


def test_region_spelling_not_in_mapping_is_refused_naming_the_cell(memory_warehouse, tmp_path):
    path = _csv_variant("Region Sj.;25,8", "Reg. Sjælland;25,8")(tmp_path)  # row 11: psykiatri, Sjælland

    refused = refusal([path], memory_warehouse)

    assert [(e.row, e.column) for e in refused.errors] == [(11, "B (Region)")]
    assert "ukendt region 'Reg. Sjælland'; tilføj stavemåden under regions i mappingen 'sds_aarlige_noegletal'" in str(refused)


def test_text_number_with_the_wrong_decimal_mark_is_refused(memory_warehouse, tmp_path):
    path = _edited_workbook(tmp_path, _set("Udredningsret", "D7", "63.9"))

    refused = refusal([path], memory_warehouse)

    assert [(e.row, e.column) for e in refused.errors] == [(7, "D (2022K2)")]
    assert "'63.9' kan ikke læses som et tal med decimalkomma" in str(refused)


# --- values below the regions: a unit column, or one area column mixing the levels --------------

KOMMUNER_PUBLISHED, SYGEHUSE_PUBLISHED = date(2023, 6, 1), date(2023, 6, 14)
# (file, record count, unit records, [(indicator, region, unit, period, (value, numerator, denominator,
#   is_provisional, published_at, suppression_reason, source_row))])
UNIT_CASES = [
    pytest.param(KOMMUNER, 104, 80, [
        # 'Område' rows that are hele landet or a region are the region's own figure
        ("forebyggelige_indlaeggelser_aeldre", "hele_landet", None, "2022", (44.7, None, None, False, KOMMUNER_PUBLISHED, None, 5)),
        ("forebyggelige_indlaeggelser_aeldre", "nordjylland", None, "2019", (55.2, None, None, False, KOMMUNER_PUBLISHED, None, 14)),
        # a municipality's region follows from the municipality
        ("forebyggelige_indlaeggelser_aeldre", "nordjylland", "kommune_851", "2022", (48.3, None, None, False, KOMMUNER_PUBLISHED, None, 24)),
        ("forebyggelige_indlaeggelser_aeldre", "hovedstaden", "kommune_400", "2020", (49.5, None, None, False, KOMMUNER_PUBLISHED, None, 10)),
        # publisher spellings under units: "Århus", "Lyngby-Tårbæk", "Vesthimmerland"
        ("forebyggelige_indlaeggelser_aeldre", "midtjylland", "kommune_751", "2021", (39.2, None, None, False, KOMMUNER_PUBLISHED, None, 12)),
        ("forebyggelige_indlaeggelser_aeldre", "hovedstaden", "kommune_173", "2022", (33.9, None, None, False, KOMMUNER_PUBLISHED, None, 9)),
        ("forebyggelige_indlaeggelser_aeldre", "nordjylland", "kommune_820", "2019", (56.1, None, None, False, KOMMUNER_PUBLISHED, None, 19)),
        # '..' for a small municipality
        ("forebyggelige_indlaeggelser_aeldre", "syddanmark", "kommune_492", "2021", (None, None, None, False, KOMMUNER_PUBLISHED, "..", 30)),
        ("forebyggelige_indlaeggelser_aeldre", "midtjylland", "kommune_741", "2021", (61.2, None, None, False, KOMMUNER_PUBLISHED, None, 13)),
    ], id="kommuner-area-column-wide"),
    pytest.param(SYGEHUSE, 18, 12, [
        # a row without a hospital is the region's (or the country's) own figure
        ("udredningsret_somatik", "hele_landet", None, "2023K1", (73.8, 31070, 42100, False, SYGEHUSE_PUBLISHED, None, 6)),
        ("udredningsret_somatik", "hovedstaden", None, "2023K1", (76.7, 9961, 12992, False, SYGEHUSE_PUBLISHED, None, 8)),
        ("udredningsret_somatik", "nordjylland", None, "2022K4", (89.6, 4004, 4470, False, SYGEHUSE_PUBLISHED, None, 17)),
        # hospitals, in the region written on the first row of the block (fill_down)
        ("udredningsret_somatik", "hovedstaden", "rigshospitalet", "2022K4", (75.8, 3190, 4210, False, SYGEHUSE_PUBLISHED, None, 9)),
        ("udredningsret_somatik", "nordjylland", "aalborg_universitetshospital", "2023K1", (90.4, 2812, 3110, False, SYGEHUSE_PUBLISHED, None, 20)),
        # "Bispebjerg og Frederiksberg Hospitaler" via units
        ("udredningsret_somatik", "hovedstaden", "bispebjerg_frederiksberg", "2023K1", (75.7, 2590, 3420, False, SYGEHUSE_PUBLISHED, None, 14)),
        # '<5' counts and a '..' share: suppressed, the counts unknown
        ("udredningsret_somatik", "hovedstaden", "bornholms_hospital", "2022K4", (None, None, None, False, SYGEHUSE_PUBLISHED, "..", 15)),
    ], id="sygehuse-unit-column-long"),
]


@pytest.mark.parametrize(("path", "count", "unit_count", "cells"), UNIT_CASES)
def test_unit_level_fixture_loads_region_rows_and_unit_rows(memory_warehouse, path, count, unit_count, cells):
    load_files([path], memory_warehouse)

    assert memory_warehouse.execute(
        "select count(*), count(unit_id) from raw.indicator_values").fetchone() == (count, unit_count)
    for indicator_id, region_id, unit_id, period, expected in cells:
        assert stored(memory_warehouse, indicator_id, region_id, period, unit_id) == expected, (region_id, unit_id, period)


def _kommuner_variant(*replacements: tuple[str, str]):
    def make(tmp_path: Path) -> Path:
        text = KOMMUNER.read_bytes().decode("utf-8-sig")
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new, 1)
        path = tmp_path / KOMMUNER.name
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        return path

    return make


def test_area_cells_with_municipality_codes(memory_warehouse, tmp_path):
    path = _kommuner_variant(("\r\nAalborg;", "\r\n851;"), ("\r\nHjørring;", "\r\n0860;"),
                             ("\r\nOdense;", "\r\nOdense Kommune;"))(tmp_path)

    load_files([path], memory_warehouse)

    assert stored(memory_warehouse, "forebyggelige_indlaeggelser_aeldre", "nordjylland", "2022", "kommune_851")[0] == 48.3
    assert stored(memory_warehouse, "forebyggelige_indlaeggelser_aeldre", "nordjylland", "2019", "kommune_860")[0] == 58.9
    assert stored(memory_warehouse, "forebyggelige_indlaeggelser_aeldre", "syddanmark", "2020", "kommune_461")[0] == 39.5


def _hospital_moved(wb):
    wb["Sygehuse"]["B20"] = "Rigshospitalet"  # row 20: Region Nordjylland's block, Aalborg 2023K1


# (make, row, column, phrases)
UNIT_REFUSALS = [
    pytest.param(_kommuner_variant(("\r\nLæsø;", "\r\nChristiansø;")), 20, "A (Område)",
                 ["ukendt område 'Christiansø': hverken en region eller en kommune/enhed",
                  "tilføj stavemåden under regions eller units i mappingen 'sds_kommuner_forebyggelige'"],
                 id="unknown-area"),
    pytest.param(_kommuner_variant(("\r\nRegion Sjælland;", "\r\nReg. Sjælland;")), 26, "A (Område)",
                 ["ukendt område 'Reg. Sjælland'"], id="region-spelling-not-in-mapping"),
    pytest.param(_xlsx_variant(_hospital_moved, SYGEHUSE), 20, "B (Sygehus)",
                 ["enheden 'Rigshospitalet' (Rigshospitalet) hører til Region Hovedstaden, ikke til Region Nordjylland"],
                 id="hospital-in-another-region"),
    pytest.param(_xlsx_variant(_set("Sygehuse", "B12", "Gentofte Hospital"), SYGEHUSE), 12, "B (Sygehus)",
                 ["ukendt enhed 'Gentofte Hospital'"], id="unknown-hospital"),
]


@pytest.mark.parametrize(("make", "row", "column", "phrases"), UNIT_REFUSALS)
def test_unit_level_file_with_a_bad_area_or_unit_is_refused(memory_warehouse, dump_raw_layer, tmp_path, make, row,
                                                            column, phrases):
    load_files([KOMMUNER, SYGEHUSE], memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    path = make(tmp_path)

    refused = refusal([path], memory_warehouse)

    assert dump_raw_layer(memory_warehouse) == before
    assert {(e.row, e.column) for e in refused.errors} == {(row, column)}, [str(e) for e in refused.errors]
    text = str(refused.errors[0])
    assert text.startswith(f"{path}, række {row}, kolonne '{column}': ")
    for phrase in phrases:
        assert phrase in text


UNIT_MAPPING = """
name: test_kommuner
description: test
file_patterns: ["*.csv"]
format: csv
header_rows: 1
layout: wide
indicator: genindlaeggelser_somatik
columns:
{columns}
decimal: comma
"""


def _unit_table(tmp_path, columns: str, text: str):
    mapping_file = tmp_path / "kommuner.yml"
    mapping_file.write_text(UNIT_MAPPING.format(columns=columns), encoding="utf-8")
    data = tmp_path / "kommuner.csv"
    data.write_text(text, encoding="utf-8")
    return parse(load_mapping(mapping_file), data, data.read_bytes()).to_dicts()


def test_unit_column_with_and_without_a_region_column(tmp_path):
    records = _unit_table(tmp_path, '  region: "Region"\n  unit: "Kommune"',
                          "Region;Kommune;2022\nRegion Nordjylland;;9,5\nRegion Nordjylland;Aalborg;8,1\n081;813;10\n")
    assert [(r["region_id"], r["unit_id"], r["value"]) for r in records] == [
        ("nordjylland", None, 9.5), ("nordjylland", "kommune_851", 8.1), ("nordjylland", "kommune_813", 10.0),
    ]

    records = _unit_table(tmp_path, '  unit: "Kommune"', "Kommune;2022\nAarhus;7\nKøbenhavns Kommune;11\n")
    assert [(r["region_id"], r["unit_id"], r["value"]) for r in records] == [
        ("midtjylland", "kommune_751", 7.0), ("hovedstaden", "kommune_101", 11.0),
    ]


def test_municipality_in_another_region_is_refused_naming_file_row_and_column(tmp_path):
    with pytest.raises(LoadRefused) as refused:
        _unit_table(tmp_path, '  region: "Region"\n  unit: "Kommune"',
                    "Region;Kommune;2021;2022\nRegion Nordjylland;Aalborg;8;9\nRegion Hovedstaden;Aalborg;8;9\n")

    assert {(e.file.name, e.row, e.column) for e in refused.value.errors} == {("kommuner.csv", 3, "B (Kommune)")}
    assert "enheden 'Aalborg' (Aalborg) hører til Region Nordjylland, ikke til Region Hovedstaden" in str(refused.value)


def test_without_a_region_column_a_missing_unit_names_the_unit_column(tmp_path):
    with pytest.raises(LoadRefused) as refused:
        _unit_table(tmp_path, '  unit: "Kommune"', "Kommune;2022\nAarhus;7\n;8\n")

    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [(3, "A (Kommune)", "region mangler")]


def test_unit_rows_from_mappings_reach_the_unit_marts(tmp_path):
    from noegletal.dbt_runner import build
    from noegletal.warehouse import connect

    db = tmp_path / "warehouse.duckdb"
    with connect(db) as con:
        load_files([KOMMUNER, SYGEHUSE], con)
    build(db, quiet=True)

    with connect(db, read_only=True) as con:
        rows = con.execute(
            "select indicator_id, unit_id, unit_type, region_id, period, value, numerator, denominator"
            " from mart_unit_value order by all").fetchall()
    assert len(rows) == 80 + 12  # every unit value; the regions' own figures are not units
    picked = {(r[1], r[4]): r for r in rows}
    assert picked[("kommune_825", "2022")][5] is None  # Læsø: '..'
    assert picked[("bornholms_hospital", "2022K4")][5:] == (None, None, None)
    assert picked[("kommune_851", "2022")] == (
        "forebyggelige_indlaeggelser_aeldre", "kommune_851", "kommune", "nordjylland", "2022", 48.3, None, None)
    assert picked[("kommune_751", "2021")][3:6] == ("midtjylland", "2021", 39.2)
    assert picked[("rigshospitalet", "2023K1")] == (
        "udredningsret_somatik", "rigshospitalet", "hospital", "hovedstaden", "2023K1", 77.0, 3350, 4350)


# --- the mapping keys on a small long CSV: thousands, markers, flag columns, latest period --------

LONG_MAPPING = """
name: test_lang
description: test
file_patterns: ["test_lang_*.csv"]
format: csv
delimiter: ";"
header_rows: 2
layout: long
region: hele_landet
indicator: kraeftpakker_standardforloebstid
columns:
  period: "Kvartal"
  value: "Andel"
  numerator: "Antal inden for"
  denominator: "Antal"
decimal: comma
suppression_markers: ["<5", ".."]
{extra}
"""
LONG_CSV = """Kræftpakker, hele landet
Kvartal;Antal;Antal inden for;Andel;Foreløbig;Offentliggjort
2022K3;1.234;987;80,0;;14. marts 2023
2022 K4;1.100;<5;..;;2023-03-14
1. kvt. 2023;2.000;1.580;79,0;*;2023-06-14
"""


def _long(tmp_path, extra: str, csv_text: str = LONG_CSV):
    mapping_file = tmp_path / "test_lang.yml"
    mapping_file.write_text(LONG_MAPPING.format(extra=extra), encoding="utf-8")
    data = tmp_path / "test_lang_1.csv"
    data.write_text(csv_text, encoding="utf-8")
    return parse(load_mapping(mapping_file), data, data.read_bytes()).to_dicts()


def test_long_layout_thousands_markers_flag_column_and_date_column(tmp_path):
    records = _long(tmp_path, """
provisional:
  column: "Foreløbig"
  values: ["*"]
published_at:
  column: "Offentliggjort"
""")

    picked = [(r["period"], r["value"], r["numerator"], r["denominator"], r["is_provisional"], r["published_at"],
               r["suppression_reason"], r["source_row"]) for r in records]
    assert picked == [
        ("2022K3", 80.0, 987.0, 1234.0, False, date(2023, 3, 14), None, 3),
        ("2022K4", None, None, 1100.0, False, date(2023, 3, 14), "..", 4),  # a suppressed count is unknown
        ("2023K1", 79.0, 1580.0, 2000.0, True, date(2023, 6, 14), None, 5),
    ]


def test_latest_period_rule_and_unmapped_columns_are_refused(tmp_path):
    with pytest.raises(LoadRefused) as refused:
        _long(tmp_path, "provisional:\n  latest_period: true\n")
    assert {e.column for e in refused.value.errors} == {"E (Foreløbig)", "F (Offentliggjort)"}

    records = _long(tmp_path, """
provisional:
  latest_period: true
ignore_columns: ["Foreløbig", "Offentliggjort"]
""")
    assert [(r["period"], r["is_provisional"]) for r in records] == [("2022K3", False), ("2022K4", False), ("2023K1", True)]


def test_provisional_marker_on_a_value(tmp_path):
    text = "Titel\nKvartal;Antal;Antal inden for;Andel\n2022K3;1.234;987;80,0\n2022K4;1.100;<5;..\n2023K1;2.000;1.580;79,0 *\n"

    records = _long(tmp_path, 'provisional:\n  marker: "*"\n', text)

    assert [(r["period"], r["value"], r["is_provisional"]) for r in records] == [
        ("2022K3", 80.0, False), ("2022K4", None, False), ("2023K1", 79.0, True),
    ]


def test_provisional_marker_on_a_period_header_of_a_wide_table(tmp_path):
    mapping_file = tmp_path / "bred.yml"
    mapping_file.write_text(
        'name: test_bred\ndescription: test\nfile_patterns: ["*.csv"]\nformat: csv\nheader_rows: 1\n'
        'layout: wide\nindicator: udredningsret_somatik\ncolumns:\n  region: Region\n'
        'provisional:\n  marker: "*"\nsuppression_markers: ["*"]\n',
        encoding="utf-8",
    )
    data = tmp_path / "bred.csv"
    data.write_text("Region;2022K4;2023K1*\nHele landet;74;*\n081;89,8;90,2*\n", encoding="utf-8")

    records = parse(load_mapping(mapping_file), data, data.read_bytes()).to_dicts()

    assert [(r["region_id"], r["period"], r["value"], r["is_provisional"], r["suppression_reason"]) for r in records] == [
        ("hele_landet", "2022K4", 74.0, False, None),
        ("hele_landet", "2023K1", None, True, "*"),  # a whole-cell "*" is suppression, not a provisional mark
        ("nordjylland", "2022K4", 89.8, False, None),
        ("nordjylland", "2023K1", 90.2, True, None),
    ]


def test_period_format_and_empty_values(tmp_path):
    text = "Titel\nKvartal;Antal;Antal inden for;Andel\n2022/3;10;8;80\n2022/4;10;;\n"
    with pytest.raises(LoadRefused) as refused:
        _long(tmp_path, 'periods:\n  format: "{year}/{quarter}"\n', text)
    assert [(e.row, e.column, e.message) for e in refused.value.errors] == [(4, "D (Andel)", "værdi mangler")]

    records = _long(tmp_path, 'periods:\n  format: "{year}/{quarter}"\nempty_values: skip\n', text)
    assert [(r["period"], r["value"]) for r in records] == [("2022K3", 80.0)]


# --- a bad mapping is refused with a clear error naming the mapping file ------------------------

GOOD_MAPPING = (spreadsheet_mappings.MAPPINGS_DIR / "sds_kraeftpakker.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "phrases"), [
    pytest.param(lambda t: t.replace("columns:", "colums:"),
                 ["ukendt nøgle 'colums' (mente du 'columns'?)", "layout: long kræver 'columns.period'"], id="typo-key"),
    pytest.param(lambda t: t.replace("header_rows: 3\n", ""), ["den påkrævede nøgle 'header_rows' mangler"],
                 id="missing-key"),
    pytest.param(lambda t: t.replace("layout: long", "layout: tall"), ["'layout' skal være 'long' eller 'wide'"],
                 id="bad-layout"),
    pytest.param(lambda t: t.replace("indicator: kraeftpakker_standardforloebstid", "indicator: kraeftpakker"),
                 ["'indicator' er en ukendt indikator: 'kraeftpakker'"], id="unknown-indicator"),
    pytest.param(lambda t: t.replace("fill_down: [region]", 'regions:\n  "Region H": hovedstad'),
                 ["'regions: Region H' peger på en ukendt region 'hovedstad'"], id="unknown-region"),
    pytest.param(lambda t: t.replace(r"'^\* Foreløbige'", "'^(Anm'"),
                 ["'skip_rows_matching[1]' er ikke et gyldigt regulært udtryk"], id="bad-regex"),
    pytest.param(lambda t: t.replace("format: xlsx", "format: csv\nsheet: 1"), ["'sheet' gælder kun for format: xlsx"],
                 id="xlsx-key-on-csv"),
    pytest.param(lambda t: t.replace("layout: long", "layout: wide"),
                 ["'columns.period' er ikke tilladt i layout: wide", "se 'periods'"], id="wide-with-value-columns"),
    pytest.param(lambda t: t + "format: csv\n", ["nøglen 'format' står to gange"], id="duplicate-key"),
    pytest.param(lambda t: t.replace("columns:\n", "columns: [\n"), ["ugyldig YAML, linje"], id="yaml-syntax"),
    pytest.param(lambda t: "", ["mappingen skal være en YAML-mapping", "tom fil"], id="empty-file"),
    # unit-level keys
    pytest.param(lambda t: t.replace('  region: "Region"', '  region: "Region"\n  area: "Område"'),
                 ["'columns.area' rummer både regioner og enheder; angiv ikke også 'columns.region'"],
                 id="area-with-region-column"),
    pytest.param(lambda t: t.replace('  region: "Region"', '  area: "Område"\n  unit: "Sygehus"')
                 .replace("fill_down: [region]", "region: hele_landet"),
                 ["angiv ikke også 'region' og 'columns.unit'"], id="area-with-fixed-region-and-unit"),
    pytest.param(lambda t: t.replace('  region: "Region"\n', ""),
                 ["angiv enten 'region' (fast for hele filen), 'columns.region', 'columns.unit' eller 'columns.area'",
                  "'fill_down' nævner 'region'"], id="no-region-unit-or-area"),
    pytest.param(lambda t: t + 'units:\n  "Rigs": rigshospitalet\n', ["'units' kræver 'columns.unit' eller 'columns.area'"],
                 id="units-without-unit-column"),
    pytest.param(lambda t: t.replace('  region: "Region"', '  region: "Region"\n  unit: "Sygehus"')
                 + 'units:\n  "Rigs": rigshospital\n', ["'units: Rigs' peger på en ukendt enhed 'rigshospital'"],
                 id="units-unknown-target"),
    pytest.param(lambda t: t.replace('  region: "Region"', '  area: "Område"').replace("fill_down: [region]", "")
                 + 'regions:\n  "Nord": nordjylland\nunits:\n  "Nord": kommune_851\n',
                 ["'units: Nord' er også stavemåden for en region"], id="spelling-both-region-and-unit"),
    pytest.param(lambda t: t.replace('  region: "Region"', '  area: "Område"').replace("fill_down: [region]", "")
                 + 'units:\n  "Region Nordjylland": kommune_851\n',
                 ["'units: Region Nordjylland' er også stavemåden for en region"], id="unit-spelling-a-standard-region"),
    pytest.param(lambda t: t.replace('  region: "Region"', '  region: "Region"\n  unit: "Region"'),
                 ["kolonnen 'region' er nævnt flere gange i mappingen"], id="unit-and-region-same-header"),
])
def test_bad_mapping_is_refused_naming_the_mapping_file(tmp_path, change, phrases):
    bad = tmp_path / "sds_kraeftpakker.yml"
    bad.write_text(change(GOOD_MAPPING), encoding="utf-8")

    with pytest.raises(MappingError) as error:
        load_mapping(bad)

    text = str(error.value)
    assert all(line.startswith(f"{bad}: ") for line in text.splitlines()), text
    for phrase in phrases:
        assert phrase in text


def test_bad_mapping_refuses_every_load_until_fixed(memory_warehouse, dump_raw_layer, tmp_path, monkeypatch):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "udgiver.yml").write_text(GOOD_MAPPING.replace("layout: long", "layout: lang"), encoding="utf-8")
    monkeypatch.setattr(spreadsheet_mappings, "MAPPINGS_DIR", mappings)
    registry.cache_clear()
    try:
        before = dump_raw_layer(memory_warehouse)
        refused = refusal([KRAEFTPAKKER], memory_warehouse)
        assert dump_raw_layer(memory_warehouse) == before
        assert f"{mappings / 'udgiver.yml'}: 'layout' skal være 'long' eller 'wide', ikke 'lang'" in str(refused)
    finally:
        registry.cache_clear()


def test_two_mappings_with_the_same_name_are_refused(tmp_path):
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.yml").write_text(GOOD_MAPPING, encoding="utf-8")

    with pytest.raises(MappingError) as error:
        load_mappings(tmp_path)

    assert f"{tmp_path / 'b.yml'}: kildenavnet 'sds_kraeftpakker' bruges også i {tmp_path / 'a.yml'}" in str(error.value)
