"""The patients' gap to the best region and the target forecast on a small hand-made data set
(tests/fixtures/gaps_forecasts/values.csv), against answers computed here independently: Wilson's
interval written out, numpy's least squares and scipy's Student's t."""

from __future__ import annotations

from math import sqrt
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from loaders.store import load_files
from noegletal.dbt_runner import build
from noegletal.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures" / "gaps_forecasts"
Z95 = stats.norm.ppf(0.975)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("gaps") / "warehouse.duckdb"
    with connect(db) as con:
        load_files([FIXTURES / "values.csv"], con)
    build(db, quiet=True)
    return db


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with connect(db, read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def wilson(numerator: float, denominator: float, sign: int) -> float:
    p, n = numerator / denominator, denominator
    centre = p + Z95**2 / (2 * n)
    spread = Z95 * sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n))
    return (centre + sign * spread) / (1 + Z95**2 / n)


COUNTS = {  # region: (numerator, denominator); Nordjylland is best at 90 pct.
    "nordjylland": (900, 1000), "hovedstaden": (3150, 5000), "sjaelland": (630, 1000),
    "syddanmark": (894, 1000), "midtjylland": (1500, 2000),
}


def expected_gaps() -> dict[str, tuple[float, float]]:
    best = 0.9
    best_low = wilson(900, 1000, -1)
    gaps = {}
    for region, (num, den) in COUNTS.items():
        gap = max(0.0, best - num / den) * den
        significantly_worse = wilson(num, den, 1) < best and region != "nordjylland"
        cautious = max(0.0, best_low - num / den) * den if significantly_worse else 0.0
        gaps[region] = (gap, cautious)
    return gaps


def test_each_regions_gap_and_cautious_gap(warehouse):
    got = {
        r[0]: (r[1], r[2])
        for r in rows(
            warehouse,
            """select region_id, patients_gap_to_best, patients_gap_to_best_cautious from mart_distance_to_best
               where indicator_id = 'udredningsret_somatik' and period = '2023K1'""",
        )
    }
    assert got.pop("hele_landet") == (None, None)
    want = expected_gaps()
    assert set(got) == set(want)
    for region, (gap, cautious) in want.items():
        assert got[region][0] == pytest.approx(gap), region
        assert got[region][1] == pytest.approx(cautious), region
    # Syddanmark (89.4 %) is not significantly worse than 90 %: counted in the gap, not the cautious one
    assert got["syddanmark"][0] == pytest.approx(6.0) and got["syddanmark"][1] == 0.0
    assert got["hovedstaden"][0] == pytest.approx(1350.0)


def test_the_countrys_gap_is_the_regions_sum_with_its_noun(warehouse):
    ((gap, cautious, n, noun),) = rows(
        warehouse,
        """select patients_gap_to_best, patients_gap_to_best_cautious, patients_gap_n_regions, patients_gap_noun
           from mart_regional_variation where indicator_id = 'udredningsret_somatik' and period = '2023K1'""",
    )
    want = expected_gaps()
    assert gap == pytest.approx(1350 + 270 + 6 + 300) == pytest.approx(sum(g for g, _ in want.values()))
    assert cautious == pytest.approx(sum(c for _, c in want.values()))
    assert cautious < gap
    assert (n, noun) == (5, "patienter")


def ols_forecast(values: list[float], steps: int, target: float):
    """Least squares on x = -(n-1)..0 and the textbook prediction interval and probability."""
    y = np.array(values, dtype=float)
    x = np.arange(-len(y) + 1, 1, dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    resid = y - (intercept + slope * x)
    df = len(y) - 2
    s = sqrt(float(resid @ resid) / df)
    sxx = float(((x - x.mean()) ** 2).sum())
    out = []
    for h in range(1, steps + 1):
        point = intercept + slope * h
        se = s * sqrt(1 + 1 / len(y) + (h - x.mean()) ** 2 / sxx)
        t80 = stats.t.ppf(0.9, df)
        out.append((point, se, point - t80 * se, point + t80 * se, 1 - stats.t.cdf((target - point) / se, df)))
    return slope, out


def test_forecast_matches_least_squares_and_students_t(warehouse):
    got = rows(
        warehouse,
        """select step, forecast_period, forecast, prediction_se, pi80_low, pi80_high, probability_target_met,
                  fitted_to_period, fit_from_period, n_points, slope_per_period, degrees_of_freedom
           from mart_target_forecast where region_id = 'hele_landet' order by step""",
    )
    # the provisional 2023K1 (60) is left out: the line is fitted to 2021K1-2022K4
    slope, want = ols_forecast([70, 73, 71, 75, 74, 78, 77, 80], 8, 90)
    assert [r[1] for r in got] == ["2023K1", "2023K2", "2023K3", "2023K4", "2024K1", "2024K2", "2024K3", "2024K4"]
    assert got[0][7:] == ("2022K4", "2021K1", 8, pytest.approx(slope), 6)
    for row, (point, se, low, high, probability) in zip(got, want):
        assert row[2] == pytest.approx(point)
        assert row[3] == pytest.approx(se)
        assert (row[4], row[5]) == (pytest.approx(low), pytest.approx(high))
        assert row[6] == pytest.approx(probability, abs=1e-6)


def test_expected_period_and_probability_by_the_horizon(warehouse):
    summary = {
        r[0]: r[1:]
        for r in rows(
            warehouse,
            """select region_id, target_status, expected_period_reached, horizon_end_period,
                      probability_target_met_by_horizon, fitted_to_period
               from mart_target_forecast where step = 1""",
        )
    }
    # hele_landet: 79.3 + 1.31 h reaches 89.8 at the horizon's end (2024K4): just short of 90
    slope, want = ols_forecast([70, 73, 71, 75, 74, 78, 77, 80], 8, 90)
    assert want[-1][0] == pytest.approx(89.81, abs=0.01)
    assert summary["hele_landet"] == (
        "nås ikke inden for horisonten", None, "2024K4", pytest.approx(want[-1][4], abs=1e-6), "2022K4")
    assert 0.3 < summary["hele_landet"][3] < 0.5
    # Nordjylland: five quarters 2022K1-2023K1 (none provisional), 87.8 + 0.9 h: 90.5 in 2023K4
    n_slope, n_want = ols_forecast([84, 85, 87, 86, 88], 8, 90)
    assert [round(w[0], 1) for w in n_want[:3]] == [88.7, 89.6, 90.5]
    assert summary["nordjylland"] == (
        "nås inden for horisonten", "2023K4", "2025K1", pytest.approx(n_want[-1][4], abs=1e-6), "2023K1")
