-- The periods with data for one indicator, newest first.
select distinct period, period_start
from fct_indicator_value
where indicator_id = $indicator_id
order by period_start desc
