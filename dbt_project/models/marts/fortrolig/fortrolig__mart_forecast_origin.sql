-- mart_forecast_origin including embargoed values (preparation mode).
{{ config(alias='mart_forecast_origin') }}
{{ forecast_origin_per_period(ref('fortrolig__mart_target_forecast'), 'fortrolig') }}
