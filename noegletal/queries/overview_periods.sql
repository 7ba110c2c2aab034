-- The quarters the overview can be shown for, newest first.
select distinct period, period_start
from mart_indicator_overview
where frequency = 'quarter'
order by period_start desc
