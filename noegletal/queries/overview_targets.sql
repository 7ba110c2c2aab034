-- Target attainment (mart_target_attainment) of every region and hele landet in the period shown
-- for the chosen quarter $period ('' = latest; mart_period_shown), indicators with a target: met
-- or not per region, and how many regions meet it.
select
    attainment.indicator_id,
    attainment.region_id,
    attainment.period,
    attainment.value,
    attainment.target,
    attainment.target_met,
    attainment.n_regions_meeting_target,
    attainment.n_regions_assessed,
    attainment.value_decimals
from mart_target_attainment as attainment
inner join mart_period_shown as shown
    on shown.indicator_id = attainment.indicator_id
    and shown.period = attainment.period
    and shown.as_of_quarter = case when $period = '' then 'seneste' else $period end
order by attainment.indicator_id, attainment.region_id
