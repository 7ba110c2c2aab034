"""Loading is idempotent (files are recognised by SHA-256) and append-only (later values keep history).

Only the raw layer is checked here; which value is current is the marts' business.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from loaders.store import load_files

FIXTURES = Path(__file__).parent / "fixtures" / "canonical"


def count(con, table):
    return con.execute(f"select count(*) from raw.{table}").fetchone()[0]


def load_log(con):
    return con.execute(
        "select load_id, file_name, file_path, sha256, row_count, loaded_at, loader from raw.load_log order by load_id"
    ).fetchall()


# --- idempotent reload -----------------------------------------------------------------------------


@pytest.mark.parametrize("fixture_name", ["danske_excel_semikolon_bom.csv", "windows1252_region_sjaelland.csv"])
def test_loading_the_same_file_twice_adds_nothing(memory_warehouse, dump_raw_layer, fixture_name):
    path = FIXTURES / fixture_name
    first = load_files([path], con=memory_warehouse)
    after_first = dump_raw_layer(memory_warehouse)

    second = load_files([path], con=memory_warehouse)

    assert [(f.status, f.load_id) for f in first.files] == [("new", 1)]
    assert [(f.status, f.row_count, f.load_id) for f in second.files] == [("unchanged", 0, None)]
    assert second.new == [] and len(second.unchanged) == 1
    assert dump_raw_layer(memory_warehouse) == after_first


def test_xlsx_reload_is_recognised_too(memory_warehouse, write_canonical_xlsx):
    path = write_canonical_xlsx("kanonisk.xlsx", [("middellevetid", 81, 2022, 80.7)])
    load_files([path], con=memory_warehouse)

    report = load_files([path], con=memory_warehouse)

    assert [f.status for f in report.files] == ["unchanged"]
    assert (count(memory_warehouse, "load_log"), count(memory_warehouse, "indicator_values")) == (1, 1)


def test_the_same_content_under_another_name_is_recognised_by_checksum(memory_warehouse, tmp_path, dump_raw_layer):
    original = FIXTURES / "komma_decimalpunktum.csv"
    load_files([original], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)
    renamed = tmp_path / "omdoebt_kopi.csv"
    shutil.copyfile(original, renamed)

    report = load_files([renamed], con=memory_warehouse)

    assert [(f.path, f.status) for f in report.files] == [(renamed, "unchanged")]
    assert report.files[0].sha256 == hashlib.sha256(original.read_bytes()).hexdigest()
    assert dump_raw_layer(memory_warehouse) == before


def test_a_changed_byte_makes_a_new_file(memory_warehouse, tmp_path):
    path = tmp_path / "tal.csv"
    path.write_text("indicator_id;region;period;value\nmiddellevetid;nordjylland;2022;80,7\n", encoding="utf-8")
    load_files([path], con=memory_warehouse)
    path.write_text("indicator_id;region;period;value\nmiddellevetid;nordjylland;2022;80,7\n\n", encoding="utf-8")

    report = load_files([path], con=memory_warehouse)

    assert [f.status for f in report.files] == ["new"]
    assert count(memory_warehouse, "load_log") == 2


def test_the_same_file_named_twice_in_one_call_loads_once(memory_warehouse, tmp_path):
    path = FIXTURES / "komma_decimalpunktum.csv"
    copy = tmp_path / "kopi.csv"
    shutil.copyfile(path, copy)

    report = load_files([path, copy, path], con=memory_warehouse)

    assert [f.status for f in report.new] == ["new"]
    assert (count(memory_warehouse, "load_log"), count(memory_warehouse, "indicator_values")) == (1, 6)


def test_load_log_records_name_path_checksum_row_count_and_time(memory_warehouse, write_canonical_csv):
    path = write_canonical_csv(
        "fmk_2023.csv",
        [("fmk_ajourfoering", "nordjylland", f"2023K{q}", f"{90 + q},5") for q in (1, 2, 3)],
    )
    started = datetime.now()

    report = load_files([path], con=memory_warehouse)

    finished = datetime.now()
    (entry,) = load_log(memory_warehouse)
    load_id, file_name, file_path, sha256, row_count, loaded_at, loader = entry
    assert load_id == report.files[0].load_id == 1
    assert file_name == "fmk_2023.csv"
    assert file_path == str(path.resolve())
    assert sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == report.files[0].sha256
    assert row_count == 3 == report.files[0].row_count
    assert started <= loaded_at <= finished
    assert loader == "canonical"
    assert memory_warehouse.execute(
        "select distinct load_id from raw.indicator_values"
    ).fetchall() == [(1,)]


def test_load_ids_count_up_across_calls_and_files(memory_warehouse, write_canonical_csv):
    a = write_canonical_csv("a.csv", [("middellevetid", "nordjylland", "2021", "80,5")])
    b = write_canonical_csv("b.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    c = write_canonical_csv("c.csv", [("middellevetid", "nordjylland", "2023", "80,9")])

    load_files([a], con=memory_warehouse)
    report = load_files([b, c], con=memory_warehouse)

    assert [f.load_id for f in report.files] == [2, 3]
    assert [(row[0], row[1]) for row in load_log(memory_warehouse)] == [(1, "a.csv"), (2, "b.csv"), (3, "c.csv")]
    assert memory_warehouse.execute(
        "select load_id, period from raw.indicator_values order by load_id"
    ).fetchall() == [(1, "2021"), (2, "2022"), (3, "2023")]


def test_cli_says_unchanged_on_reload(warehouse, run_load_cli, dump_raw_layer):
    path = FIXTURES / "danske_excel_semikolon_bom.csv"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()

    first = run_load_cli(path)
    after_first = dump_raw_layer(warehouse)
    second = run_load_cli(path)

    assert first.exit_code == 0, first.output
    assert f"{path}: ny, 6 rækker (canonical)  sha256={sha[:12]}" in first.stdout
    assert second.exit_code == 0, second.output
    assert f"{path}: uændret (allerede indlæst)  sha256={sha[:12]}" in second.stdout
    assert "0 nye filer, 1 uændrede." in second.stdout
    assert dump_raw_layer(warehouse) == after_first
    assert len(after_first[0]) == 1


def test_cli_reports_new_and_unchanged_files_in_one_call(warehouse, run_load_cli, write_canonical_csv):
    old = write_canonical_csv("gammel.csv", [("middellevetid", "nordjylland", "2021", "80,5")])
    new = write_canonical_csv("ny.csv", [("middellevetid", "nordjylland", "2022", "80,7")])
    assert run_load_cli(old).exit_code == 0

    result = run_load_cli(old, new)

    assert result.exit_code == 0, result.output
    assert "gammel.csv: uændret" in result.stdout
    assert "ny.csv: ny, 1 rækker" in result.stdout
    assert "1 nye filer, 1 uændrede." in result.stdout


def test_cli_db_option_wins_over_noegletal_db(warehouse, run_load_cli, monkeypatch, tmp_path):
    other = tmp_path / "anden.duckdb"
    monkeypatch.setenv("NOEGLETAL_DB", str(other))

    result = run_load_cli(FIXTURES / "komma_decimalpunktum.csv")

    assert result.exit_code == 0, result.output
    assert warehouse.exists() and not other.exists()


# --- kept history ----------------------------------------------------------------------------------


def test_a_later_value_for_the_same_key_is_appended_and_the_earlier_kept(memory_warehouse, write_canonical_csv):
    header = ("indicator_id", "region", "period", "value", "provisional", "published_at")
    first = write_canonical_csv(
        "udredningsret_2023K1_foreloebig.csv",
        [
            ("udredningsret_somatik", "nordjylland", "2023K1", "80,0", "ja", "2023-05-10"),
            ("udredningsret_somatik", "sjaelland", "2023K1", "77,0", "ja", "2023-05-10"),
        ],
        header=header,
    )
    later = write_canonical_csv(
        "udredningsret_2023K1_endelig.csv",
        [
            ("udredningsret_somatik", "Region Nordjylland", "1. kvt. 2023", "82,5", "nej", "2023-08-15"),
            ("udredningsret_somatik", "sjaelland", "2023K1", "77,0", "nej", "2023-08-15"),
        ],
        header=header,
    )

    load_files([first], con=memory_warehouse)
    report = load_files([later], con=memory_warehouse)

    assert [(f.status, f.load_id) for f in report.files] == [("new", 2)]
    assert memory_warehouse.execute(
        """select load_id, region_id, period, value, is_provisional, published_at
           from raw.indicator_values order by region_id, load_id"""
    ).fetchall() == [
        (1, "nordjylland", "2023K1", 80.0, True, date(2023, 5, 10)),
        (2, "nordjylland", "2023K1", 82.5, False, date(2023, 8, 15)),
        (1, "sjaelland", "2023K1", 77.0, True, date(2023, 5, 10)),
        (2, "sjaelland", "2023K1", 77.0, False, date(2023, 8, 15)),
    ]


def test_reloading_the_earlier_file_after_a_later_one_adds_nothing(memory_warehouse, write_canonical_csv, dump_raw_layer):
    first = write_canonical_csv("v1.csv", [("middellevetid", "hele_landet", "2022", "81,3")])
    later = write_canonical_csv("v2.csv", [("middellevetid", "hele_landet", "2022", "81,4")])
    load_files([first], con=memory_warehouse)
    load_files([later], con=memory_warehouse)
    before = dump_raw_layer(memory_warehouse)

    report = load_files([first], con=memory_warehouse)

    assert [f.status for f in report.files] == ["unchanged"]
    assert dump_raw_layer(memory_warehouse) == before
    assert [(row[0], row[6]) for row in before[1]] == [(1, 81.3), (2, 81.4)]


def test_history_survives_across_cli_runs_on_a_warehouse_file(warehouse, run_load_cli, write_canonical_csv, dump_raw_layer):
    first = write_canonical_csv("v1.csv", [("ventetid_somatik", "084", "2023K2", "41")])
    later = write_canonical_csv("v2.csv", [("ventetid_somatik", "Region Hovedstaden", "2023 K2", "43,5")])

    assert run_load_cli(first).exit_code == 0
    assert run_load_cli(later).exit_code == 0

    log, values = dump_raw_layer(warehouse)
    assert [(row[0], row[1]) for row in log] == [(1, "v1.csv"), (2, "v2.csv")]
    assert [(v[0], v[3], v[4], v[6]) for v in values] == [
        (1, "hovedstaden", "2023K2", 41.0),
        (2, "hovedstaden", "2023K2", 43.5),
    ]
