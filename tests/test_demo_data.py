"""The synthetic demo data: complete, reproducible, stable under a later `until`, consistent and loadable."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from loaders.store import load_files
from noegletal import catalog, demo
from noegletal.periods import Period, parse_period, period_range
from noegletal.warehouse import connect

UNTIL = Period(2023, 1)
NATIONAL = "hele_landet"
KRAEFTPAKKER = "kraeftpakker_standardforloebstid"
Row = dict[str, str]


def read_rows(paths: list[Path]) -> list[Row]:
    rows: list[Row] = []
    for path in paths:
        with open(path, newline="", encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    return rows


def keyed(rows: list[Row]) -> dict[tuple[str, str, str], Row]:
    return {(r["indicator_id"], r["region"], r["period"]): r for r in rows}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[list[Path], list[Row]]:
    paths = demo.generate(tmp_path_factory.mktemp("demo"), seed=2023, until=UNTIL)
    return paths, read_rows(paths)


@pytest.fixture(scope="module")
def rows(generated) -> list[Row]:
    return generated[1]


@pytest.fixture(scope="module")
def by_key(rows) -> dict[tuple[str, str, str], Row]:
    return keyed(rows)


def region_ids() -> list[str]:
    return [r.region_id for r in catalog.regions().values() if r.is_region]


# --- completeness ---------------------------------------------------------------------------


def test_one_file_per_publisher_with_the_canonical_header(generated):
    paths, _ = generated
    sources = {ind.source for ind in catalog.indicators().values()}
    assert sorted(p.name for p in paths) == sorted(f"demo_{demo.slug(s)}.csv" for s in sources)
    assert "demo_sundhedsdatastyrelsen.csv" in {p.name for p in paths}
    for path in paths:
        assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(demo.HEADER)


def test_every_indicator_in_its_publishers_file(generated):
    paths, _ = generated
    for path in paths:
        for row in read_rows([path]):
            assert path.name == f"demo_{demo.slug(catalog.indicators()[row['indicator_id']].source)}.csv"


def test_every_indicator_and_all_six_regions(rows):
    assert {r["indicator_id"] for r in rows} == set(catalog.indicators())
    assert {r["region"] for r in rows} == set(catalog.regions())
    assert len(catalog.regions()) == 6


def test_period_ranges_follow_first_period_and_until(rows):
    last_year = Period(2022)
    for indicator in catalog.indicators().values():
        last = UNTIL if indicator.frequency == "quarter" else last_year
        expected = [p.code for p in period_range(indicator.first_period, last)]
        for region in catalog.regions():
            got = sorted(r["period"] for r in rows if r["indicator_id"] == indicator.indicator_id and r["region"] == region)
            if indicator.indicator_id == "overlevelse_hjertestop" and region == "hovedstaden":
                continue  # see test_hjertestop_hovedstaden_only_from_2017
            assert got == expected, (indicator.indicator_id, region)
    assert max(r["period"] for r in rows if "K" in r["period"]) == "2023K1"
    assert max(r["period"] for r in rows if "K" not in r["period"]) == "2022"


@pytest.mark.parametrize(
    ("until", "quarter", "year"),
    [
        (Period(2023, 1), Period(2023, 1), Period(2022)),
        (Period(2023, 3), Period(2023, 3), Period(2022)),
        (Period(2022, 4), Period(2022, 4), Period(2022)),
        (Period(2022), Period(2022, 4), Period(2022)),
    ],
)
def test_last_periods(until, quarter, year):
    assert demo.last_periods(until) == (quarter, year)


def test_hjertestop_hovedstaden_only_from_2017(by_key):
    years = sorted(p for (ind, reg, p) in by_key if ind == "overlevelse_hjertestop" and reg == "hovedstaden")
    assert years == [str(y) for y in range(2017, 2023)]
    # The national value before 2017 is the other four regions' figure.
    national = by_key[("overlevelse_hjertestop", NATIONAL, "2015")]
    others = [by_key[("overlevelse_hjertestop", r, "2015")] for r in region_ids() if r != "hovedstaden"]
    assert int(national["denominator"]) == sum(int(r["denominator"]) for r in others)


# --- reproducibility ------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(generated, tmp_path):
    paths, _ = generated
    again = demo.generate(tmp_path, seed=2023, until=UNTIL)
    assert [p.name for p in again] == [p.name for p in paths]
    for first, second in zip(paths, again):
        assert first.read_bytes() == second.read_bytes()


def test_another_seed_gives_other_values(by_key, tmp_path):
    other = keyed(read_rows(demo.generate(tmp_path, seed=7, until=UNTIL)))
    assert other.keys() == by_key.keys()
    changed = sum(other[k]["value"] != by_key[k]["value"] for k in by_key)
    assert changed > len(by_key) / 2


def test_later_until_keeps_earlier_rows_except_the_provisional_quarter(by_key, tmp_path):
    later = keyed(read_rows(demo.generate(tmp_path, seed=2023, until=Period(2023, 2))))
    changed = {k for k in by_key if later[k] != by_key[k]}
    # Only the latest quarter of kræftpakker is provisional; with 2023K2 out, 2023K1 is final.
    assert changed == {(KRAEFTPAKKER, region, "2023K1") for region in catalog.regions()}
    for key in changed:
        before, after = by_key[key], later[key]
        assert (before["provisional"], after["provisional"]) == ("true", "false")
        # Late registrations add courses (mostly outside the standard time) to the denominator.
        assert after["numerator"] == before["numerator"]
        assert int(after["denominator"]) > int(before["denominator"])
        assert float(after["value"]) <= float(before["value"])
        unchanged = ("indicator_id", "region", "period", "published_at", "synthetic")
        assert [after[c] for c in unchanged] == [before[c] for c in unchanged]
    drop = float(by_key[(KRAEFTPAKKER, NATIONAL, "2023K1")]["value"]) - float(later[(KRAEFTPAKKER, NATIONAL, "2023K1")]["value"])
    assert 2 <= drop <= 6
    assert {later[(KRAEFTPAKKER, r, "2023K2")]["provisional"] for r in catalog.regions()} == {"true"}
    new_keys = later.keys() - by_key.keys()
    assert {p for (_, _, p) in new_keys} == {"2023K2"}


def test_stale_demo_files_are_removed(tmp_path):
    (tmp_path / "demo_old_publisher.csv").write_text("stale", encoding="utf-8")
    (tmp_path / "analyst_file.csv").write_text("keep", encoding="utf-8")
    written = demo.generate(tmp_path, until=UNTIL)
    assert sorted(tmp_path.glob("demo_*.csv")) == sorted(written)
    assert (tmp_path / "analyst_file.csv").read_text(encoding="utf-8") == "keep"


# --- consistency and caveats ----------------------------------------------------------------


def test_flags_dates_and_number_format(rows):
    indicators = catalog.indicators()
    for r in rows:
        decimals = demo.published_decimals(indicators[r["indicator_id"]])
        pattern = r"\d+" if decimals == 0 else rf"\d+\.\d{{{decimals}}}"
        assert re.fullmatch(pattern, r["value"]), r
        assert r["synthetic"] == "true"
        period = parse_period(r["period"])
        lag = (date.fromisoformat(r["published_at"]) - period.end).days
        assert 45 <= lag <= 47, r
        if indicators[r["indicator_id"]].volume_label_da:
            assert r["numerator"].isdigit() and r["denominator"].isdigit(), r
        else:
            assert r["numerator"] == r["denominator"] == "", r


def test_only_latest_kraeftpakke_quarter_is_provisional(rows):
    provisional = {(r["indicator_id"], r["region"], r["period"]) for r in rows if r["provisional"] == "true"}
    assert provisional == {(KRAEFTPAKKER, region, "2023K1") for region in catalog.regions()}


def test_values_in_range(rows):
    indicators = catalog.indicators()
    for r in rows:
        value = float(r["value"])
        assert value > 0, r
        if indicators[r["indicator_id"]].is_percentage:
            assert 0 <= value <= 100, r
            assert int(r["numerator"]) <= int(r["denominator"]), r


def _rounding_slack(decimals: int) -> float:
    return 0.5 * 10**-decimals + 1e-9


def test_values_are_the_ratio_of_numerator_and_denominator(rows):
    indicators = catalog.indicators()
    for r in rows:
        indicator = indicators[r["indicator_id"]]
        if indicator.volume_label_da:
            ratio = int(r["numerator"]) / int(r["denominator"]) * demo.scale_of(indicator.unit)
            assert abs(float(r["value"]) - ratio) <= _rounding_slack(demo.published_decimals(indicator)), r


def test_national_value_is_the_weighted_mean_of_the_regions(by_key):
    checked = 0
    for (indicator_id, region, period), national in by_key.items():
        if region != NATIONAL:
            continue
        indicator = catalog.indicators()[indicator_id]
        regional = [by_key[(indicator_id, r, period)] for r in region_ids() if (indicator_id, r, period) in by_key]
        if indicator.volume_label_da:
            numerator = sum(int(r["numerator"]) for r in regional)
            denominator = sum(int(r["denominator"]) for r in regional)
            assert (int(national["numerator"]), int(national["denominator"])) == (numerator, denominator)
            expected = numerator / denominator * demo.scale_of(indicator.unit)
        else:
            weights = [demo.POPULATION[r["region"]] for r in regional]
            expected = sum(w * float(r["value"]) for w, r in zip(weights, regional)) / sum(weights)
        assert abs(float(national["value"]) - expected) <= _rounding_slack(demo.published_decimals(indicator)), national
        checked += 1
    assert checked == sum(1 for r in by_key if r[1] == NATIONAL)


def national_series(by_key, indicator_id: str) -> dict[str, float]:
    return {p: float(r["value"]) for (ind, reg, p), r in by_key.items() if ind == indicator_id and reg == NATIONAL}


def test_suspension_periods_stand_out(by_key):
    suspended = {}
    for s in catalog.suspensions():
        span = period_range(parse_period(s["period_from"]), parse_period(s["period_to"]))
        suspended.setdefault(s["indicator_id"], set()).update(p.code for p in span)
    for indicator_id in ("udredningsret_bup", "udredningsret_voksenpsykiatri"):
        series = national_series(by_key, indicator_id)
        assert all(series[p] > 90 for p in suspended[indicator_id])
    somatik = national_series(by_key, "udredningsret_somatik")
    inside = [v for p, v in somatik.items() if p in suspended["udredningsret_somatik"]]
    outside = [v for p, v in somatik.items() if p not in suspended["udredningsret_somatik"]]
    assert max(inside) < min(outside)


def test_series_break_shifts_the_level(by_key):
    broken = [ind for ind in catalog.indicators().values() if ind.series_break is not None]
    assert broken
    for indicator in broken:
        series = national_series(by_key, indicator.indicator_id)
        before = series[indicator.series_break.previous().code]
        after = series[indicator.series_break.code]
        assert abs(after - before) >= 4, indicator.indicator_id


def test_levels_resemble_the_board_item(by_key):
    def national(indicator_id: str, period: str) -> float:
        return float(by_key[(indicator_id, NATIONAL, period)]["value"])

    assert 70 <= national("udredningsret_somatik", "2023K1") <= 78
    assert 45 <= national("udredningsret_bup", "2023K1") <= 55
    assert 80 <= national("udredningsret_voksenpsykiatri", "2023K1") <= 88
    assert 42 <= national("ventetid_somatik", "2023K1") <= 50
    assert 80.5 <= national("middellevetid", "2022") <= 82
    assert 23 <= national("genindlaeggelser_psykiatri", "2022") <= 27
    assert national("genindlaeggelser_psykiatri", "2014") < national("genindlaeggelser_psykiatri", "2022")
    spread = [float(by_key[("udredningsret_bup", r, "2023K1")]["value"]) for r in region_ids()]
    assert max(spread) - min(spread) >= 30


@pytest.mark.parametrize("template", ["udredningsret_somatik", "hjertedoedelighed", "middellevetid", "liggetid_pr_indlaeggelse"])
def test_an_unlisted_indicator_gets_default_data(template):
    indicator = replace(catalog.indicators()[template], indicator_id="ny_indikator")
    assert indicator.indicator_id not in demo.DEMO_PROFILES
    last = UNTIL if indicator.frequency == "quarter" else Period(2022)
    rows = demo.indicator_rows(indicator, 2023, last)
    assert len(rows) == 6 * len(period_range(indicator.first_period, last))
    values = [float(r[3]) for r in rows]
    assert min(values) > 0
    if indicator.is_percentage:
        assert max(values) <= 100


# --- loading --------------------------------------------------------------------------------


def test_files_load_into_the_warehouse(generated, tmp_path):
    paths, rows = generated
    con = connect(tmp_path / "w.duckdb")
    try:
        report = load_files(paths, con)
        assert len(report.new) == len(paths)
        (count,) = con.execute("select count(*) from raw.indicator_values").fetchone()
        assert count == len(rows)
        (synthetic,) = con.execute("select bool_and(is_synthetic) from raw.indicator_values").fetchone()
        assert synthetic
    finally:
        con.close()
