-- mart_indicator_level including embargoed values (preparation mode; is_embargoed marks them).
{{ config(alias='mart_indicator_level') }}
{{ select_audience(ref('int_indicator_levels_compared'), 'fortrolig') }}
