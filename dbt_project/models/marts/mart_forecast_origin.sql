-- One row per indicator with a target, region and period of the indicator: the origin of the
-- forecast a page or pack for that period shows (mart_target_forecast.fitted_to_period; public values).
{{ forecast_origin_per_period(ref('mart_target_forecast'), 'offentlig') }}
