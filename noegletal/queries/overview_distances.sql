-- Every region's and hele landet's level on every indicator in the period shown for the chosen
-- quarter $period ('' = latest; mart_period_shown): value, distance to the best now and a year ago,
-- normalised distance, is_best, attention group (mart_indicator_level), and the classification
-- against the national value and the best region. The overview's matrix and the Region page; the
-- order is the Region page's: most in need of attention first, then furthest from the best.
select
    level.indicator_id,
    level.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    level.period,
    level.value,
    level.best_value,
    level.distance_to_best,
    level.comparison_period,
    level.distance_to_best_year_ago,
    level.distance_change,
    level.movement,
    level.distance_to_best_normalised,
    level.is_best,
    level.rank,
    level.attention_group,
    level.attention_group_da,
    level.is_significantly_worse_and_worsening,
    level.is_catching_up_while_worsening,
    level.denominator,
    level.suppression_reason,
    level.is_provisional,
    level.value_decimals,
    comparison.significance_vs_national,
    comparison.significance_vs_best,
    comparison.trend
from mart_indicator_level as level
inner join mart_period_shown as shown
    on shown.indicator_id = level.indicator_id
    and shown.period = level.period
    and shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
inner join dim_region on dim_region.region_id = level.region_id
left join mart_region_comparison as comparison
    on comparison.indicator_id = level.indicator_id
    and comparison.region_id = level.region_id
    and comparison.period = level.period
order by
    level.attention_group,
    coalesce(level.distance_to_best_normalised, -1) desc,
    level.indicator_id,
    dim_region.sort_order
