-- One row per indicator, period with unit values and point of the funnel plot (public values):
-- a denominator and the 95 % and 99.8 % control limits there (int_unit_funnel_curves_computed).
select indicator_id, period, denominator, funnel95_low, funnel95_high, funnel998_low, funnel998_high
from {{ ref('int_unit_funnel_curves_computed') }}
where audience = 'offentlig'
