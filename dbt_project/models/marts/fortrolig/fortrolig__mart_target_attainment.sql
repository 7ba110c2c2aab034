-- mart_target_attainment including embargoed values (preparation mode).
{{ config(alias='mart_target_attainment') }}
{{ select_audience(ref('int_region_targets_assessed'), 'fortrolig') }}
