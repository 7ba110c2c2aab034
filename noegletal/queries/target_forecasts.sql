-- The forecast towards the target of every indicator with one: every region's and the
-- country's series, from every origin period, every step ahead, by the series' own method
-- (forecast_method: 'dæmpet trend', or 'seneste værdi' when the target year cannot be forecast).
select
    indicator_id,
    region_id,
    fitted_to_period,
    is_latest,
    fit_from_period,
    n_points,
    latest_value,
    slope_per_period,
    target,
    forecast_method,
    target_status,
    expected_period_reached,
    horizon_end_period,
    probability_target_met_by_horizon,
    step,
    forecast_period,
    forecast,
    pi80_low,
    pi80_high,
    pi95_low,
    pi95_high
from mart_target_forecast
order by indicator_id, region_id, fitted_to_period, step
