-- Periods in which the indicator's patient right was suspended.
select indicator_id, period_from, period_to, note_da
from dim_indicator_suspension
where indicator_id = $indicator_id
order by period_from
