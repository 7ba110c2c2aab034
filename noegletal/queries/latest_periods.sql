-- Per indicator with data: the latest period, the first period and how many periods there are.
select
    indicator_id,
    arg_max(period, period_start) as latest_period,
    arg_min(period, period_start) as first_period,
    count(distinct period) as n_periods
from fct_indicator_value
group by indicator_id
order by indicator_id
