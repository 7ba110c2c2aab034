-- The regions' contributions to the national change, for every indicator, period and comparison.
select
    indicator_id,
    region_id,
    period,
    comparison,
    comparison_period,
    contribution_method,
    contribution,
    national_change,
    national_change_direction,
    is_national_change_visible,
    is_change_shown_alike,
    contribution_share,
    is_main_driver
from mart_national_change_contributions
order by indicator_id, period, comparison, region_id
