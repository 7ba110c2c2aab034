-- Per indicator with data: the latest period, the first period and how many periods there are.
with

ranked as (

    select
        indicator_id,
        period,
        row_number() over (partition by indicator_id order by period_start desc) as newest_first,
        row_number() over (partition by indicator_id order by period_start) as oldest_first
    from fct_indicator_value

)

select
    indicator_id,
    max(case when newest_first = 1 then period end) as latest_period,
    max(case when oldest_first = 1 then period end) as first_period,
    count(distinct period) as n_periods
from ranked
group by indicator_id
order by indicator_id
