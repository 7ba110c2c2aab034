-- The regions flagged significantly worse than the national value and worsening
-- (mart_region_comparison) on each indicator in the period shown for it for the chosen quarter
-- $period ('' = latest; mart_period_shown), in the appendix's order, regions in their fixed order.
-- The board overview lists them first.
select
    comparison.indicator_id,
    dim_indicator.name_da,
    dim_indicator.unit,
    dim_indicator.decimals,
    comparison.region_id,
    dim_region.short_name_da as region_name,
    comparison.period,
    comparison.value,
    comparison.national_value,
    comparison.significance_vs_national,
    comparison.trend,
    comparison.value_decimals
from mart_region_comparison as comparison
inner join mart_period_shown as shown
    on shown.indicator_id = comparison.indicator_id
    and shown.period = comparison.period
    and shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
inner join dim_indicator as dim_indicator on dim_indicator.indicator_id = comparison.indicator_id
inner join dim_region as dim_region on dim_region.region_id = comparison.region_id
where comparison.is_significantly_worse_and_worsening
order by dim_indicator.goal_area, dim_indicator.sort_order, dim_region.sort_order
