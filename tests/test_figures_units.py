"""The unit figures (noegletal/figures/units.py) on the units fixture's marts: the ranking's
whiskers are the stored 95 % intervals, the funnel's limit curves (mart_unit_funnel_curve) pass
through the limits mart_unit_value stores at every unit's own denominator and follow the
binomial / Poisson formulas in between."""

from __future__ import annotations

import math

import pytest

from noegletal import catalog
from noegletal.figures.units import funnel_figure
from noegletal.access import open_warehouse

FOREBYG = "forebyggelige_indlaeggelser_aeldre"


@pytest.fixture(scope="module")
def warehouse(units_warehouse):
    return units_warehouse


Z95 = 1.959963984540054  # two-sided 95 % and 99,8 % (dbt_project/macros/statistics.sql)
Z998 = 3.090232306167813


def unit_rows(db, indicator_id, period, query="unit_values"):
    with open_warehouse(db).reader("offentlig") as r:
        return r.query(query, {"indicator_id": indicator_id, "period": period})


def funnel_limits(national_value: float, denominator: float, unit: str, z: float) -> tuple[float, float]:
    """The control limits written out here, independently of the macro: binomial normal
    approximation for proportions (clipped to 0-100), Poisson for rates (lower clipped at 0)."""
    if unit == "pct":
        p0 = national_value / 100.0
        half = z * math.sqrt(p0 * (1.0 - p0) / denominator)
        return max(0.0, 100.0 * (p0 - half)), min(100.0, 100.0 * (p0 + half))
    half = z * math.sqrt(national_value * {"pr. 1.000": 1_000.0, "pr. 100.000": 100_000.0}[unit] / denominator)
    return max(0.0, national_value - half), national_value + half


def indicator(indicator_id):
    return catalog.indicators()[indicator_id]


@pytest.mark.parametrize(("indicator_id", "period"), [(FOREBYG, "2022"), ("udredningsret_somatik", "2023K1")])
def test_funnel_curves_pass_through_the_stored_limits(warehouse, indicator_id, period):
    rows = unit_rows(warehouse, indicator_id, period)
    curve = unit_rows(warehouse, indicator_id, period, "unit_funnel_curve")
    national = rows["national_value"][0]
    fig = funnel_figure(rows, indicator(indicator_id), national, highlight_region="nordjylland", curve=curve)
    names = [t.name for t in fig.data]
    assert names == ["99,8 %-grænse", "99,8 %-grænse", "95 %-grænse", "95 %-grænse", "Hele landet",
                     "Øvrige enheder", "Region Nordjylland"]
    curves = {key: fig.data[i] for i, key in enumerate(("funnel998_high", "funnel998_low", "funnel95_high", "funnel95_low"))}
    for row in rows.to_dicts():
        for column, curve in curves.items():
            i = list(curve.x).index(row["denominator"])
            assert curve.y[i] == pytest.approx(row[column], abs=1e-6), (row["unit_id"], column)
    # the units' points are their denominators and values
    points = fig.data[-1]
    nord = rows.filter(region_id="nordjylland")
    assert sorted(zip(points.x, points.y)) == sorted(zip(nord["denominator"], nord["value"]))
    assert list(fig.data[4].y) == [national, national]
    assert fig.layout.yaxis.title.text and fig.layout.xaxis.title.text.startswith("Volumen (")
    # between the units: 200 steps from 0.8 x the smallest to 1.2 x the largest denominator, on the formulas
    reference = rows["national_reference_value"].drop_nulls()[0]
    unit = indicator(indicator_id).unit
    xs = list(curves["funnel95_low"].x)
    assert len(xs) >= 200 and xs == sorted(xs)
    assert xs[0] == pytest.approx(max(min(rows["denominator"]) * 0.8, 1.0))
    assert xs[-1] == pytest.approx(max(rows["denominator"]) * 1.2)
    for x, low, high in zip(xs[::37], curves["funnel998_low"].y[::37], curves["funnel998_high"].y[::37]):
        assert (low, high) == pytest.approx(funnel_limits(reference, x, unit, Z998)), x


def test_funnel_without_limits_for_days_still_shows_the_units():
    rows = [{"unit_id": "a", "unit_name_da": "A", "region_id": "hovedstaden", "value": 40.0, "denominator": 100.0}]
    fig = funnel_figure(rows, indicator("ventetid_somatik"), 46.0)
    assert [t.name for t in fig.data] == ["Region Hovedstaden"]



def test_forest_plot_row_on_the_shared_scale():
    from noegletal.figures.units import forest_axis_svg, forest_domain, forest_svg

    meta = {"unit": "pct", "decimals": 0}
    # 700 of 1.000 (70 pct.): Wilson 67,09–72,76; the unrounded national 74 pct.
    row = {"value": 70.0, "numerator": 700.0, "denominator": 1000.0, "ci95_low": 67.09, "ci95_high": 72.76}
    other = {"value": 90.0, "numerator": 1800.0, "denominator": 2000.0, "ci95_low": 88.6, "ci95_high": 91.2}
    domain = forest_domain([row, other], 74.0)
    assert domain == pytest.approx((67.09 - 0.9644, 91.2 + 0.9644))  # 4 % of 67,09–91,2 at both ends
    svg = forest_svg(row, domain, 74.0, "#E69F00", meta)

    def x(v):  # the SVG's 220 px less 4 px at each end
        return round(4 + (v - domain[0]) / (domain[1] - domain[0]) * 212, 1)

    assert f"<line x1='{x(74.0)}' x2='{x(74.0)}' y1='0' y2='18' stroke='#333333' stroke-dasharray='3,2'/>" in svg
    assert f"<line x1='{x(67.09)}' x2='{x(72.76)}' y1='9.0' y2='9.0' stroke='#E69F00'" in svg
    assert f"<circle cx='{x(70.0)}' cy='9.0' r='4.5' fill='#E69F00'/>" in svg
    assert "<title>70 pct., 95 %: 67,1–72,8 pct.; hele landet 74,0 pct.</title>" in svg
    # a dot at the mart's unrounded value: 1.445 of 2.000 is 72,25 pct., published as 72
    rounded = {"value": 72.0, "unrounded_value": 72.25, "ci95_low": 70.2, "ci95_high": 74.2}
    assert f"<circle cx='{x(72.25)}'" in forest_svg(rounded, domain, 74.0, "#E69F00", meta)
    # no interval: the dot only
    bare = forest_svg({"value": 80.0}, domain, None, "#E69F00", meta)
    assert "<line" not in bare and f"<circle cx='{x(80.0)}'" in bare and "intet interval" in bare
    axis = forest_axis_svg(domain, 74.0, meta)
    assert ">66</text>" in axis and ">92 pct.</text>" in axis and f"x1='{x(74.0)}'" in axis
