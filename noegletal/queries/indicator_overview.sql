-- The board overview: per indicator of the catalog (in the appendix's order) the period shown for
-- the chosen quarter $period ('' = each indicator's latest period; mart_period_shown), with the
-- national value, change since a year earlier, variation, best/worst and target status.
-- An indicator without data in range is kept, with nulls.
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
    overview.period,
    overview.period_start,
    overview.national_value,
    overview.national_suppression_reason,
    overview.national_is_provisional,
    overview.comparison_period,
    overview.national_value_year_ago,
    overview.national_change,
    overview.change_assessment,
    overview.best_value,
    overview.worst_value,
    overview.variation,
    overview.best_regions,
    overview.worst_regions,
    overview.n_regions,
    overview.target_status,
    overview.has_provisional,
    overview.has_suspended,
    overview.is_embargoed,
    overview.embargo_published_at,
    overview.series_embargo_published_at,
    overview.latest_published_at,
    overview.value_decimals
from dim_indicator as dim_indicator
left join mart_period_shown as shown
    on shown.indicator_id = dim_indicator.indicator_id
    and shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
left join mart_indicator_overview as overview
    on overview.indicator_id = shown.indicator_id
    and overview.period = shown.period
order by dim_indicator.goal_area, dim_indicator.sort_order
