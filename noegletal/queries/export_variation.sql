-- National value, best and worst regions and the regional variation for every indicator and period.
select
    indicator_id,
    period,
    period_start,
    national_value,
    best_value,
    worst_value,
    variation,
    best_regions,
    worst_regions,
    n_regions
from mart_regional_variation
order by indicator_id, period_start
