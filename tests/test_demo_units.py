"""The demo's unit files: every municipality and hospital, numerators and denominators that add up
exactly to their region's, the region files unchanged, and the whole set loads and builds (the
unit-to-region consistency test included)."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from loaders.store import load_files
from noegletal import catalog, demo
from noegletal.dbt_runner import build
from noegletal.periods import Period
from noegletal.warehouse import connect

UNTIL = Period(2023, 1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    return demo.generate(tmp_path_factory.mktemp("demo_units"), seed=2023, until=UNTIL, units=True)


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_region_files_are_the_same_with_or_without_units(generated, tmp_path):
    without = {p.name: p.read_bytes() for p in demo.generate(tmp_path, seed=2023, until=UNTIL)}
    with_units = {p.name: p.read_bytes() for p in generated}
    assert set(with_units) - set(without) == {"demo_kommuner.csv", "demo_sygehuse.csv"}
    assert all(with_units[name] == content for name, content in without.items())


def test_every_municipality_and_hospital_adds_up_to_its_region(generated):
    by_name = {p.name: p for p in generated}
    regions = {
        (r["indicator_id"], r["region"], r["period"]): r
        for p in generated if p.name not in ("demo_kommuner.csv", "demo_sygehuse.csv") for r in read(p)
    }
    for name, indicator_ids, unit_type in (
        ("demo_kommuner.csv", demo.KOMMUNE_INDICATORS, "kommune"),
        ("demo_sygehuse.csv", demo.SYGEHUS_INDICATORS, "hospital"),
    ):
        rows = read(by_name[name])
        assert {r["indicator_id"] for r in rows} == set(indicator_ids)
        assert all(r["synthetic"] == "true" for r in rows)
        members = defaultdict(set)
        sums = defaultdict(lambda: [0, 0])
        for r in rows:
            unit = catalog.resolve_unit(r["unit"])
            assert unit is not None and unit.unit_type == unit_type and unit.region_id == r["region"]
            key = (r["indicator_id"], r["region"], r["period"])
            members[key].add(unit.unit_id)
            sums[key][0] += int(r["numerator"])
            sums[key][1] += int(r["denominator"])
            assert int(r["denominator"]) >= 1
            if catalog.indicators()[r["indicator_id"]].is_percentage:
                assert 0 <= int(r["numerator"]) <= int(r["denominator"])
        expected_units = defaultdict(set)
        for u in catalog.units().values():
            if u.unit_type == unit_type:
                expected_units[u.region_id].add(u.unit_id)
        for key, (numerator, denominator) in sums.items():
            assert members[key] == expected_units[key[1]], key
            region_row = regions[key]
            assert (numerator, denominator) == (int(region_row["numerator"]), int(region_row["denominator"])), key
        frequency = {catalog.indicators()[i].frequency for i in indicator_ids}
        assert frequency == ({"year"} if unit_type == "kommune" else {"quarter"})
    kommuner = {r["unit"] for r in read(by_name["demo_kommuner.csv"])}
    assert len(kommuner) == 98


def test_the_demo_with_units_loads_and_builds(generated, tmp_path):
    db = tmp_path / "warehouse.duckdb"
    with connect(db) as con:
        report = load_files(generated, con)
    assert not report.refused
    build(db, quiet=True)  # includes unit_values_add_up_to_the_regions_figure
    with connect(db, read_only=True) as con:
        per_type = dict(con.execute("select unit_type, count(distinct unit_id) from mart_unit_value group by all").fetchall())
        intervals = con.execute("""select count(*) from mart_unit_value
                                   where indicator_id = 'genindlaeggelser_somatik' and ci95_low is null""").fetchone()[0]
        regions = con.execute("select count(distinct region_id) from mart_region_comparison where trend is not null").fetchone()[0]
    assert per_type == {"kommune": 98, "hospital": sum(u.unit_type == "hospital" for u in catalog.units().values())}
    assert intervals == 0
    assert regions == 5
