-- mart_national_change_contributions including embargoed values (preparation mode).
{{ config(alias='mart_national_change_contributions') }}
{{ select_audience(ref('int_national_change_decomposed'), 'fortrolig') }}
