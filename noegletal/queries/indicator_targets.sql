-- Target attainment (mart_target_attainment) of every region and hele landet for one indicator
-- and period: met or not, and how many of the five regions meet it. No rows without a target.
select
    indicator_id,
    region_id,
    period,
    value,
    target,
    target_met,
    n_regions_meeting_target,
    n_regions_assessed,
    value_decimals
from mart_target_attainment
where indicator_id = $indicator_id
    and period = $period
order by region_id
