-- Per indicator with data: the latest period, the first period and how many periods there are
-- (mart_period_shown with no quarter chosen: the one definition of the latest period), newest first.
select
    indicator_id,
    period as latest_period,
    first_period,
    n_periods
from mart_period_shown
where as_of_quarter = 'seneste'
order by period_start desc, indicator_id
