-- Per indicator with data: the latest period, the first period and how many periods there are.
with

spans as (

    select indicator_id, min(period_start) as first_start, max(period_start) as latest_start, count(distinct period) as n_periods
    from fct_indicator_value
    group by indicator_id

),

periods as (

    select distinct indicator_id, period, period_start from fct_indicator_value

)

select spans.indicator_id, newest.period as latest_period, earliest.period as first_period, spans.n_periods
from spans
inner join periods as newest on newest.indicator_id = spans.indicator_id and newest.period_start = spans.latest_start
inner join periods as earliest on earliest.indicator_id = spans.indicator_id and earliest.period_start = spans.first_start
order by spans.indicator_id
