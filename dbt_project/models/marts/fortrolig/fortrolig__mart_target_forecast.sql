-- mart_target_forecast including embargoed values (preparation mode).
{{ config(alias='mart_target_forecast') }}
{{ select_audience(ref('int_target_forecasts_summarised'), 'fortrolig') }}
