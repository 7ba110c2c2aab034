-- mart_period_shown including embargoed periods (preparation mode).
{{ config(alias='mart_period_shown') }}
{{ select_audience(ref('int_periods_shown_by_quarter'), 'fortrolig') }}
