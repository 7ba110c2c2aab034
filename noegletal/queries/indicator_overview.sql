-- The board overview: per indicator of the catalog (in the appendix's order) its latest period
-- ending by the end of the chosen quarter $period ('' = each indicator's latest period), with
-- the national value, change since a year earlier, variation, best/worst and target status.
-- An indicator without data in range is kept, with nulls.
with

cutoff as (

    select max(next_period_start) as next_period_start
    from mart_indicator_overview
    where period = $period

),

ranked as (

    select
        overview.*,
        row_number() over (partition by overview.indicator_id order by overview.period_start desc) as recency
    from mart_indicator_overview as overview
    where $period = ''
        or overview.next_period_start <= (select next_period_start from cutoff)

),

chosen as (

    select * from ranked where recency = 1

)

select
    dim_indicator.indicator_id,
    dim_indicator.goal_area,
    dim_indicator.goal_area_title_da,
    dim_indicator.sort_order,
    dim_indicator.name_da,
    dim_indicator.unit,
    dim_indicator.decimals,
    dim_indicator.direction,
    dim_indicator.frequency,
    dim_indicator.target,
    dim_indicator.volume_label_da,
    chosen.period,
    chosen.period_start,
    chosen.national_value,
    chosen.national_suppression_reason,
    chosen.national_is_provisional,
    chosen.comparison_period,
    chosen.national_value_year_ago,
    chosen.national_change,
    chosen.change_assessment,
    chosen.best_value,
    chosen.worst_value,
    chosen.variation,
    chosen.best_regions,
    chosen.worst_regions,
    chosen.n_regions,
    chosen.target_status,
    chosen.has_provisional,
    chosen.has_suspended,
    chosen.is_embargoed,
    chosen.embargo_published_at,
    chosen.latest_published_at
from dim_indicator as dim_indicator
left join chosen on chosen.indicator_id = dim_indicator.indicator_id
order by dim_indicator.goal_area, dim_indicator.sort_order
