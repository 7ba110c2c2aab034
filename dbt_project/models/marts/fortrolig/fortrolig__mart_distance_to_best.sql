-- mart_distance_to_best including embargoed values (deprecated in 0.2.0, as the public view).
{{ config(alias='mart_distance_to_best', materialized='view') }}
{{ mart_distance_to_best_0_1(ref('fortrolig__mart_indicator_level')) }}
