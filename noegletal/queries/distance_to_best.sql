-- Distance to the best region for one indicator and period: one row per region and hele landet
-- in the fixed order (a region without data is kept, with nulls).
select
    dim_region.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    dim_region.is_region,
    distance.indicator_id,
    distance.period,
    distance.period_start,
    distance.value,
    distance.best_value,
    distance.distance_to_best,
    distance.comparison_period,
    distance.distance_to_best_year_ago,
    distance.distance_change,
    distance.movement
from dim_region as dim_region
left join mart_distance_to_best as distance
    on distance.region_id = dim_region.region_id
    and distance.indicator_id = $indicator_id
    and distance.period = $period
order by dim_region.sort_order
