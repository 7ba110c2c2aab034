"""The benchmark's generated publisher spreadsheets (bench/publisher_files.py) follow the shipped
mappings: each is picked by its mapping's file name, and together they load every catalog
indicator for every region and period, and the unit-level mappings' indicators for every
municipality or hospital."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from loaders import spreadsheet_mappings
from loaders.sources import pick
from loaders.spreadsheet import load_mappings
from loaders.store import load_files
from noegletal import catalog

BENCH = Path(__file__).resolve().parents[1] / "bench" / "publisher_files.py"


@pytest.fixture(scope="module")
def publisher_files():
    spec = importlib.util.spec_from_file_location("publisher_files", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_generated_files_follow_the_mappings_and_hold_every_indicator(publisher_files, memory_warehouse, tmp_path):
    files = publisher_files.write_files(tmp_path, years=2)

    mapping_names = {m.name for m in load_mappings(spreadsheet_mappings.MAPPINGS_DIR)}
    assert {pick(f).name for f in files} == mapping_names
    report = load_files(files, memory_warehouse)
    assert len(report.new) == len(files)  # every file loaded, none refused

    quarterly = [i for i in catalog.indicators().values() if i.frequency == "quarter"]
    annual = [i for i in catalog.indicators().values() if i.frequency == "year"]
    regions = len(catalog.regions())
    (region_rows,) = memory_warehouse.execute("select count(*) from raw.indicator_values where unit_id is null").fetchone()
    assert region_rows == regions * (8 * len(quarterly) + 2 * len(annual))
    # the unit-level mappings' files hold every municipality or hospital below the regions
    units = dict(memory_warehouse.execute(
        "select indicator_id || ' ' || period, count(distinct unit_id) from raw.indicator_values"
        " where unit_id is not null group by 1"
    ).fetchall())
    kommuner = sum(u.unit_type == "kommune" for u in catalog.units().values())
    sygehuse = sum(u.unit_type == "hospital" for u in catalog.units().values())
    assert units == {
        **{f"forebyggelige_indlaeggelser_aeldre {y}": kommuner for y in (2022, 2023)},
        **{f"udredningsret_somatik {y}K{q}": sygehuse for y in (2022, 2023) for q in (1, 2, 3, 4)},
    }
    by_indicator = dict(memory_warehouse.execute(
        "select indicator_id, list(distinct period order by period) from raw.indicator_values group by 1"
    ).fetchall())
    assert set(by_indicator) == set(catalog.indicators())
    for i in quarterly:
        assert by_indicator[i.indicator_id] == [f"{y}K{q}" for y in (2022, 2023) for q in (1, 2, 3, 4)]
    for i in annual:
        assert by_indicator[i.indicator_id] == ["2022", "2023"]
    # the mappings with a provisional marker get it on the latest quarter only
    assert memory_warehouse.execute(
        "select distinct period from raw.indicator_values where is_provisional"
    ).fetchall() == [("2023K4",)]
    assert memory_warehouse.execute(
        "select count(*) from raw.indicator_values where value is null and suppression_reason is null"
    ).fetchone() == (0,)


def test_generated_values_are_seeded(publisher_files, tmp_path):
    first = publisher_files.write_files(tmp_path / "a", years=1)
    second = publisher_files.write_files(tmp_path / "b", years=1)

    csv_files = [(a, b) for a, b in zip(first, second) if a.suffix == ".csv"]
    assert csv_files
    for a, b in csv_files:
        assert a.read_bytes() == b.read_bytes(), a.name
