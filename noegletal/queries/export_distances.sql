-- Distance to the best region for every indicator, region and period (the chart pack's
-- distance-to-best charts), with the region's Danish names.
select
    distance.indicator_id,
    distance.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    distance.period,
    distance.period_start,
    distance.value,
    distance.best_value,
    distance.distance_to_best,
    distance.comparison_period,
    distance.distance_to_best_year_ago,
    distance.distance_change,
    distance.movement
from mart_distance_to_best as distance
inner join dim_region as dim_region on distance.region_id = dim_region.region_id
order by distance.indicator_id, distance.period_start, dim_region.sort_order
