"""Values below the regions: the loader accepts a unit by municipality name or code, or by a
units.csv id, derives the region from it, refuses unknown units and units in another region
(naming file, row and column), and old warehouses gain unit_id without losing a row."""

from __future__ import annotations

import duckdb
import pytest

from loaders.errors import LoadRefused
from loaders.store import load_files
from noegletal import catalog
from noegletal.warehouse import ensure_raw_schema

HEADER = ("indicator_id", "region", "unit", "period", "value", "numerator", "denominator")


def stored(con) -> list[tuple]:
    return con.execute(
        "select region_id, unit_id, period, value from raw.indicator_values order by region_id, unit_id nulls first, period"
    ).fetchall()


def test_the_seeds_hold_the_98_municipalities_in_their_regions():
    kommuner = [u for u in catalog.units().values() if u.unit_type == "kommune"]
    assert len(kommuner) == 98
    counts = {r: sum(u.region_id == r for u in kommuner) for r in ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")}
    assert counts == {"hovedstaden": 29, "sjaelland": 17, "syddanmark": 22, "midtjylland": 19, "nordjylland": 11}
    assert catalog.resolve_unit("Christiansø") is None and catalog.resolve_unit("411") is None
    hospitals = {u.unit_id: u.region_id for u in catalog.units().values() if u.unit_type == "hospital"}
    assert hospitals["rigshospitalet"] == "hovedstaden"
    assert hospitals["aarhus_universitetshospital"] == "midtjylland"
    assert hospitals["odense_universitetshospital"] == "syddanmark"
    assert hospitals["aalborg_universitetshospital"] == "nordjylland"
    assert hospitals["sjaellands_universitetshospital"] == "sjaelland"


def test_units_by_name_code_and_id_with_the_region_given_or_derived(memory_warehouse, write_canonical_csv):
    path = write_canonical_csv("enheder.csv", [
        ("genindlaeggelser_somatik", "nordjylland", "Aalborg", "2022", "8", "80", "1000"),
        ("genindlaeggelser_somatik", "", "860", "2022", "9", "90", "1000"),
        ("genindlaeggelser_somatik", "Region Hovedstaden", "Københavns Kommune", "2022", "10", "", ""),
        ("genindlaeggelser_somatik", "084", "kommune_147", "2022", "11", "", ""),
        ("udredningsret_somatik", "", "rigshospitalet", "2023K1", "80", "", ""),
        ("udredningsret_somatik", "midtjylland", "Aarhus Universitetshospital", "2023K1", "81", "", ""),
        # the region's own figure for the same key is no duplicate of its units'
        ("genindlaeggelser_somatik", "nordjylland", "", "2022", "8", "", ""),
    ], header=HEADER)
    load_files([path], memory_warehouse)
    assert stored(memory_warehouse) == [
        ("hovedstaden", "kommune_101", "2022", 10.0),
        ("hovedstaden", "kommune_147", "2022", 11.0),
        ("hovedstaden", "rigshospitalet", "2023K1", 80.0),
        ("midtjylland", "aarhus_universitetshospital", "2023K1", 81.0),
        ("nordjylland", None, "2022", 8.0),
        ("nordjylland", "kommune_851", "2022", 8.0),
        ("nordjylland", "kommune_860", "2022", 9.0),
    ]


def test_a_numeric_municipality_code_from_a_spreadsheet(memory_warehouse, write_canonical_xlsx):
    path = write_canonical_xlsx("enheder.xlsx", [("genindlaeggelser_somatik", None, 851, "2022", 8)],
                                header=("indicator_id", "region", "unit", "period", "value"))
    load_files([path], memory_warehouse)
    assert stored(memory_warehouse) == [("nordjylland", "kommune_851", "2022", 8.0)]


def test_unknown_unit_and_unit_in_another_region_are_refused_by_file_row_and_column(memory_warehouse, write_canonical_csv):
    path = write_canonical_csv("forkerte_enheder.csv", [
        ("genindlaeggelser_somatik", "nordjylland", "Christiansø", "2022", "8", "", ""),
        ("genindlaeggelser_somatik", "hovedstaden", "Aalborg", "2022", "8", "", ""),
        ("udredningsret_somatik", "syddanmark", "rigshospitalet", "2023K1", "80", "", ""),
        ("udredningsret_somatik", "hele_landet", "rigshospitalet", "2023K1", "80", "", ""),
        ("udredningsret_somatik", "", "", "2023K1", "80", "", ""),
    ], header=HEADER)
    with pytest.raises(LoadRefused) as refused:
        load_files([path], memory_warehouse)
    messages = [str(e) for e in refused.value.errors]
    assert len(messages) == 5
    assert "forkerte_enheder.csv, række 2, kolonne 'unit': ukendt enhed 'Christiansø'" in messages[0]
    assert "række 3, kolonne 'unit'" in messages[1] and "Region Nordjylland, ikke til Region Hovedstaden" in messages[1]
    assert "række 4, kolonne 'unit'" in messages[2] and "ikke til Region Syddanmark" in messages[2]
    assert "række 5, kolonne 'unit'" in messages[3] and "ikke til Hele landet" in messages[3]
    assert "række 6, kolonne 'region': region mangler" in messages[4]
    assert stored(memory_warehouse) == []


def test_the_same_unit_twice_is_a_duplicate(memory_warehouse, write_canonical_csv):
    path = write_canonical_csv("dubletter.csv", [
        ("genindlaeggelser_somatik", "nordjylland", "Aalborg", "2022", "8", "", ""),
        ("genindlaeggelser_somatik", "", "851", "2022", "9", "", ""),
    ], header=HEADER)
    with pytest.raises(LoadRefused, match=r"række 3, kolonne 'period': dublet: genindlaeggelser_somatik, nordjylland, kommune_851, 2022 står også i række 2"):
        load_files([path], memory_warehouse)


# The raw layer as the version before units created it (primary key without unit_id).
OLD_RAW_DDL = """
create schema raw;
create table raw.load_log (
    load_id integer primary key, file_name varchar not null, file_path varchar not null,
    sha256 varchar not null unique, row_count integer not null, loaded_at timestamp not null, loader varchar not null
);
create table raw.indicator_values (
    load_id integer not null, source_row integer not null, indicator_id varchar not null,
    region_id varchar not null, period varchar not null, period_start date not null, value double,
    numerator double, denominator double, is_provisional boolean not null, published_at date,
    is_synthetic boolean not null, suppression_reason varchar,
    primary key (load_id, indicator_id, region_id, period)
);
insert into raw.load_log values (1, 'gammel.csv', '/x/gammel.csv', 'abc', 2, timestamp '2023-05-01 10:00', 'canonical');
insert into raw.indicator_values values
    (1, 2, 'genindlaeggelser_somatik', 'nordjylland', '2022', date '2022-01-01', 8, 80, 1000, false, date '2023-05-01', false, null),
    (1, 3, 'genindlaeggelser_somatik', 'hele_landet', '2022', date '2022-01-01', null, null, null, false, date '2023-05-01', false, '..');
"""


def test_an_old_warehouse_gains_unit_id_without_losing_a_row(tmp_path, write_canonical_csv):
    db = tmp_path / "gammel.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(OLD_RAW_DDL)
        before = con.execute("select * from raw.indicator_values order by source_row").fetchall()
    path = write_canonical_csv("enheder.csv", [
        ("genindlaeggelser_somatik", "", "Aalborg", "2022", "8", "40", "500"),
    ], header=HEADER)
    with duckdb.connect(str(db)) as con:
        load_files([path], con)
        ensure_raw_schema(con)  # a second upgrade is a no-op
        columns = [c[0] for c in con.execute("describe raw.indicator_values").fetchall()]
        after = con.execute(f"select {', '.join(c for c in columns if c != 'unit_id')} from raw.indicator_values where load_id = 1 order by source_row").fetchall()
        units = con.execute("select load_id, unit_id from raw.indicator_values order by load_id, source_row").fetchall()
        # the key includes the unit: the same unit twice in one load is refused by the warehouse too
        with pytest.raises(duckdb.ConstraintException):
            con.execute("""insert into raw.indicator_values (load_id, source_row, indicator_id, region_id, unit_id, period,
                           period_start, is_provisional, is_synthetic)
                           values (2, 9, 'genindlaeggelser_somatik', 'nordjylland', 'kommune_851', '2022', date '2022-01-01', false, false)""")
        with pytest.raises(duckdb.ConstraintException):
            con.execute("""insert into raw.indicator_values (load_id, source_row, indicator_id, region_id, unit_id, period,
                           period_start, is_provisional, is_synthetic)
                           values (1, 9, 'genindlaeggelser_somatik', 'nordjylland', null, '2022', date '2022-01-01', false, false)""")
    assert "unit_id" in columns
    assert after == before
    assert units == [(1, None), (1, None), (2, "kommune_851")]
