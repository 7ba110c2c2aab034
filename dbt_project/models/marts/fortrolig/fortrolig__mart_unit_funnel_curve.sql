-- mart_unit_funnel_curve including embargoed values (preparation mode).
{{ config(alias='mart_unit_funnel_curve') }}
select indicator_id, period, denominator, funnel95_low, funnel95_high, funnel998_low, funnel998_high
from {{ ref('int_unit_funnel_curves_computed') }}
where audience = 'fortrolig'
