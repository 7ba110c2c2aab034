-- The current level of one indicator in one period: every region and hele landet (a region
-- without a value is kept, with nulls), its volume, and its value a year earlier in the same
-- series segment (no comparison across a series break); where numerator and denominator are
-- known, the region's 95 % interval and its classification against the national value.
select
    dim_region.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    dim_region.is_region,
    current_value.period,
    current_value.value,
    current_value.numerator,
    current_value.denominator,
    current_value.suppression_reason,
    current_value.is_embargoed,
    current_value.is_provisional,
    current_value.is_suspended,
    current_value.is_synthetic,
    current_value.published_at,
    current_value.source_file,
    current_value.source_sha256,
    current_value.source_row,
    current_value.loaded_at,
    distance.comparison_period,
    year_ago.value as value_year_ago,
    current_value.value - year_ago.value as value_change,
    comparison.ci95_low,
    comparison.ci95_high,
    comparison.significance_vs_national
from dim_region as dim_region
left join fct_indicator_value as current_value
    on current_value.region_id = dim_region.region_id
    and current_value.indicator_id = $indicator_id
    and current_value.period = $period
left join mart_distance_to_best as distance
    on distance.region_id = dim_region.region_id
    and distance.indicator_id = $indicator_id
    and distance.period = $period
left join fct_indicator_value as year_ago
    on year_ago.region_id = dim_region.region_id
    and year_ago.indicator_id = $indicator_id
    and year_ago.period = distance.comparison_period
    and year_ago.series_segment = current_value.series_segment
left join mart_region_comparison as comparison
    on comparison.region_id = dim_region.region_id
    and comparison.indicator_id = $indicator_id
    and comparison.period = $period
order by dim_region.sort_order
