-- The current level of one indicator in one period, one row per region and hele landet in the
-- fixed order (a region without a value is kept, with nulls): everything mart_indicator_level
-- derives (year ago, change and its assessment, distance to the best now and a year ago,
-- normalised distance, rank, the revision the board saw, suspension note), the source of the value
-- and, where numerator and denominator are known, the 95 % interval and the classifications
-- (mart_region_comparison). Read by the indicator page, the Data page and the chart packs.
select
    dim_region.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    dim_region.is_region,
    level.indicator_id,
    level.period,
    level.period_start,
    level.value,
    level.numerator,
    level.denominator,
    level.suppression_reason,
    level.is_embargoed,
    level.is_provisional,
    level.is_suspended,
    level.is_synthetic,
    level.published_at,
    level.comparison_period,
    level.value_year_ago,
    level.change_since_year_ago,
    level.change_assessment,
    level.previous_period,
    level.value_previous_period,
    level.change_since_previous_period,
    level.is_previous_across_series_break,
    level.best_value,
    level.distance_to_best,
    level.distance_to_best_year_ago,
    level.distance_change,
    level.movement,
    level.distance_to_best_normalised,
    level.is_best,
    level.rank,
    level.previously_published_value,
    level.previously_published_at,
    level.suspension_note_da,
    level.is_significantly_worse_and_worsening,
    level.value_decimals,
    fct.source_file,
    fct.source_sha256,
    fct.source_row,
    fct.loaded_at,
    comparison.national_value,
    comparison.ci95_low,
    comparison.ci95_high,
    comparison.significance_vs_national,
    comparison.significance_vs_best,
    comparison.trend
from dim_region as dim_region
left join mart_indicator_level as level
    on level.region_id = dim_region.region_id
    and level.indicator_id = $indicator_id
    and level.period = $period
left join fct_indicator_value as fct
    on fct.region_id = dim_region.region_id
    and fct.indicator_id = $indicator_id
    and fct.period = $period
left join mart_region_comparison as comparison
    on comparison.region_id = dim_region.region_id
    and comparison.indicator_id = $indicator_id
    and comparison.period = $period
order by dim_region.sort_order
