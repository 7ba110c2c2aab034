-- The funnel plot's control-limit curves of one indicator and period (mart_unit_funnel_curve): the
-- 95 % and 99.8 % limits around the national value at every drawn denominator, smallest first.
select denominator, funnel95_low, funnel95_high, funnel998_low, funnel998_high
from mart_unit_funnel_curve
where indicator_id = $indicator_id and period = $period
order by denominator
