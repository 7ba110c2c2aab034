-- mart_indicator_updated including embargoed values (preparation mode).
{{ config(alias='mart_indicator_updated') }}
{{ select_audience(ref('int_indicators_updated_since_presentations'), 'fortrolig') }}
