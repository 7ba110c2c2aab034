-- Best and worst regions and the variation between them, per period, for one indicator.
select
    indicator_id,
    period,
    period_start,
    best_value,
    worst_value,
    variation,
    best_regions,
    worst_regions,
    n_regions,
    value_decimals,
    variation_decimals
from mart_regional_variation
where indicator_id = $indicator_id
order by period_start
