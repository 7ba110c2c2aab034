-- Distance to best of every region and hele landet for the overview's choice of periods: per
-- indicator its latest period ending by the end of the chosen quarter $period ('' = latest), with
-- each region's classification against the national value and the best region.
with

cutoff as (

    select max(next_period_start) as next_period_start
    from mart_indicator_overview
    where period = $period

),

ranked as (

    select
        overview.indicator_id, overview.period,
        row_number() over (partition by overview.indicator_id order by overview.period_start desc) as recency
    from mart_indicator_overview as overview
    where $period = ''
        or overview.next_period_start <= (select next_period_start from cutoff)

),

chosen as (

    select * from ranked where recency = 1

)

select
    distance.indicator_id,
    distance.region_id,
    dim_region.name_da as region_name_da,
    dim_region.short_name_da as region_short_name_da,
    dim_region.sort_order as region_sort_order,
    distance.period,
    distance.value,
    distance.best_value,
    distance.distance_to_best,
    distance.comparison_period,
    distance.distance_to_best_year_ago,
    distance.distance_change,
    distance.movement,
    fct.denominator,
    fct.suppression_reason,
    fct.is_provisional,
    comparison.significance_vs_national,
    comparison.significance_vs_best
from mart_distance_to_best as distance
inner join chosen
    on chosen.indicator_id = distance.indicator_id
    and chosen.period = distance.period
inner join dim_region on dim_region.region_id = distance.region_id
left join fct_indicator_value as fct
    on fct.indicator_id = distance.indicator_id
    and fct.region_id = distance.region_id
    and fct.period = distance.period
left join mart_region_comparison as comparison
    on comparison.indicator_id = distance.indicator_id
    and comparison.region_id = distance.region_id
    and comparison.period = distance.period
order by distance.indicator_id, dim_region.sort_order
