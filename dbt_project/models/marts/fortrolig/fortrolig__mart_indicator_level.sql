-- mart_indicator_level including embargoed values (preparation mode; is_embargoed marks them).
{{ config(alias='mart_indicator_level') }}
{{ indicator_level_with_gaps('fortrolig') }}
