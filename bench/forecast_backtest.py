"""Backtest of the forecast behind mart_target_forecast: how often does the 80 % prediction
interval hold what came, and is the forecast better than the naive forecast "as last time"?

For every series long enough (every indicator, the five regions and hele_landet), the dbt model
`int_trend_forecasts_computed` forecasts from every usable origin period; this script takes the
forecast STEPS periods ahead (default 4: a year for quarterly indicators, four years for annual
ones) wherever the outcome is known, comparable (same series segment, not suspended, not
provisional) and compares, in the same run:

  * coverage: the share of outcomes inside the 80 % interval (goal 70-90 %),
  * the mean absolute error of the damped trend against the naive last-value forecast's,
  * the mean absolute error of the chosen forecast (int_forecast_methods_chosen: per series the
    damped trend where it beat the last value on the series' history, else the last value). The
    choice is made on the same history it is scored on (in sample), so "chosen <= naive" holds
    per series by construction; the trend's own ratio says how much the choice saves.

    .venv/bin/python bench/forecast_backtest.py [--db PATH] [--steps 4]

The warehouse is copied and only the forecast view is rebuilt there (with a horizon of at least
STEPS years); without --db a demo warehouse is generated first (untimed). The SQL scored is the
model's own: nothing of the method is re-implemented here.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCORE_SQL = """
with forecasts as (
    select f.*, i.frequency, m.forecast_method
    from intermediate.int_trend_forecasts_computed as f
    inner join lookup.indicators as i on f.indicator_id = i.indicator_id
    inner join intermediate.int_forecast_methods_chosen as m
        on f.audience = m.audience and f.indicator_id = m.indicator_id and f.region_id = m.region_id
    where f.audience = 'offentlig' and f.step = ?
),
scored as (
    select
        forecasts.frequency,
        forecasts.indicator_id,
        forecasts.region_id,
        outcome.value as outcome,
        forecasts.forecast,
        forecasts.origin_value as naive,
        case when forecasts.forecast_method = 'dæmpet trend' then forecasts.forecast
             else forecasts.origin_value end as chosen,
        forecasts.pi80_low,
        forecasts.pi80_high
    from forecasts
    inner join fct_indicator_value as origin
        on forecasts.indicator_id = origin.indicator_id
        and forecasts.region_id = origin.region_id
        and forecasts.origin_period = origin.period
    inner join fct_indicator_value as outcome
        on forecasts.indicator_id = outcome.indicator_id
        and forecasts.region_id = outcome.region_id
        and forecasts.forecast_period = outcome.period
    where outcome.value is not null
      and not outcome.is_provisional
      and not outcome.is_suspended
      and outcome.series_segment = origin.series_segment
)
select
    coalesce(frequency, 'alle') as frequency,
    count(*) as n_forecasts,
    count(distinct indicator_id || '/' || region_id) as n_series,
    avg(case when outcome between pi80_low and pi80_high then 1.0 else 0.0 end) as coverage80,
    avg(abs(forecast - outcome)) as mae_trend,
    avg(abs(naive - outcome)) as mae_naive,
    avg(abs(chosen - outcome)) as mae_chosen,
    avg(case when chosen <> naive then 1.0 else 0.0 end) as share_trend,
    -- errors relative to each outcome, so that series in different units can be pooled
    avg(abs(forecast - outcome) / nullif(abs(outcome), 0)) as mape_trend,
    avg(abs(naive - outcome) / nullif(abs(outcome), 0)) as mape_naive
from scored
group by rollup (frequency)
order by grouping(frequency), frequency
"""


def demo_warehouse(tmp: Path) -> Path:
    db = tmp / "bench_backtest.duckdb"
    subprocess.run(
        [str(Path(sys.executable).parent / "noegletal"), "demo", "--db", str(db), "--no-serve",
         "--out", str(tmp / "demo")],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--max-points", type=int, default=None, help="try another window (var forecast_max_points)")
    parser.add_argument("--min-points", type=int, default=None, help="try another minimum (var forecast_min_points)")
    args = parser.parse_args()

    from noegletal.dbt_runner import run_dbt
    from noegletal.warehouse import connect

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        source = args.db or demo_warehouse(tmp)
        db = tmp / "backtest.duckdb"
        shutil.copy(source, db)
        # every indicator, not only those with a target (the build forecasts only what a mart shows)
        horizon = {"forecast_horizon_quarters": max(8, args.steps), "forecast_horizon_years": max(3, args.steps),
                   "forecast_all_indicators": True}
        if args.max_points:
            horizon["forecast_max_points"] = args.max_points
        if args.min_points:
            horizon["forecast_min_points"] = args.min_points
        run_dbt(["run", "--select", "int_trend_forecasts_computed", "int_forecast_methods_chosen",
                 "--vars", json.dumps(horizon)], db=db, quiet=True)

        start = time.perf_counter()
        with connect(db, read_only=True) as con:
            rows = con.execute(SCORE_SQL, [args.steps]).fetchall()
        seconds = time.perf_counter() - start

    window = f"window {args.max_points or 'default'}, minimum {args.min_points or 'default'}"
    print(f"trend forecast {args.steps} periods ahead ({window}), every usable origin (scored in {seconds:.1f} s)")
    print(f"{'frequency':<10} {'series':>6} {'forecasts':>9} {'80 % covered':>13} {'MAE trend':>10} "
          f"{'MAE naive':>10} {'ratio':>6} {'MAE chosen':>11} {'ratio':>6} {'trend used':>11} "
          f"{'rel. MAE trend':>15} {'rel. MAE naive':>15}")
    for frequency, n, n_series, coverage, mae_trend, mae_naive, mae_chosen, share_trend, mape_trend, mape_naive in rows:
        print(f"{frequency:<10} {n_series:>6} {n:>9} {coverage:>12.1%} {mae_trend:>10.3f} {mae_naive:>10.3f} "
              f"{mae_trend / mae_naive:>6.2f} {mae_chosen:>11.3f} {mae_chosen / mae_naive:>6.2f} {share_trend:>10.1%} "
              f"{mape_trend:>14.2%} {mape_naive:>14.2%}")
    overall = rows[-1]
    goal = "within" if 0.70 <= overall[3] <= 0.90 else "OUTSIDE"
    verdict = "<=" if overall[6] <= overall[5] + 1e-12 else "> (the choice does not earn its place)"
    print(f"coverage of the 80 % interval: {overall[3]:.1%} ({goal} the goal 70-90 %); "
          f"MAE damped trend / naive = {overall[4] / overall[5]:.2f}; "
          f"MAE chosen / naive = {overall[6] / overall[5]:.2f} (chosen {verdict} naive)")


if __name__ == "__main__":
    main()
