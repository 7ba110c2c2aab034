-- Every suspension period of a patient right (shaded in the time-series charts).
select indicator_id, period_from, period_to, note_da
from dim_indicator_suspension
order by indicator_id, period_from
