-- Where unit data exist: per indicator, period and region, the number of units with a value.
select
    indicator_id,
    period,
    max(period_start) as period_start,
    region_id,
    count(*) as n_units
from mart_unit_value
where value is not null
group by indicator_id, period, region_id
order by indicator_id, period_start desc, region_id
