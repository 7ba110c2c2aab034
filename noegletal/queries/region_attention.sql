-- The Region page: one region ($region_id) on every indicator with data, in the period shown for
-- the chosen quarter $period ('' = latest; mart_period_shown): its attention group (with "ingen
-- data" where the region has no value) and counts (mart_region_attention), its level and
-- distance to the best (mart_indicator_level) and its classifications (mart_region_comparison).
-- The order is the page's: most in need of attention first, then furthest from the best.
select
    attention.indicator_id,
    attention.region_id,
    attention.period,
    attention.attention_group,
    attention.attention_group_da,
    attention.is_worse_than_national,
    attention.is_far_from_best,
    attention.is_falling_behind,
    attention.has_value,
    level.value,
    level.suppression_reason,
    level.distance_to_best,
    level.distance_to_best_year_ago,
    level.movement,
    level.distance_to_best_normalised,
    level.is_best,
    level.is_catching_up_while_worsening,
    comparison.significance_vs_national,
    comparison.significance_vs_best,
    comparison.trend
from mart_region_attention as attention
inner join mart_period_shown as shown
    on shown.indicator_id = attention.indicator_id
    and shown.period = attention.period
    and shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
left join mart_indicator_level as level
    on level.indicator_id = attention.indicator_id
    and level.region_id = attention.region_id
    and level.period = attention.period
left join mart_region_comparison as comparison
    on comparison.indicator_id = attention.indicator_id
    and comparison.region_id = attention.region_id
    and comparison.period = attention.period
where attention.region_id = $region_id
order by
    attention.attention_group,
    coalesce(level.distance_to_best_normalised, -1) desc,
    attention.indicator_id
