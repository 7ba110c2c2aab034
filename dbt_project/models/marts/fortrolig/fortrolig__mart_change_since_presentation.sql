-- mart_change_since_presentation including embargoed values (preparation mode).
{{ config(alias='mart_change_since_presentation') }}
{{ select_audience(ref('int_changes_since_presentations'), 'fortrolig') }}
