-- mart_distance_to_best including embargoed values (deprecated in 0.2.0, as the public view).
{{ config(alias='mart_distance_to_best', materialized='view') }}
select
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    best_value,
    distance_to_best,
    comparison_period,
    distance_to_best_year_ago,
    distance_change,
    movement
from {{ ref('fortrolig__mart_indicator_level') }}
