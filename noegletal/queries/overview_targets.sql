-- Target attainment (mart_target_attainment) of every region and hele landet for the overview's
-- choice of periods: per indicator with a target its latest period ending by the end of the
-- chosen quarter $period ('' = latest): met or not per region, and how many regions meet it.
with

cutoff as (

    select max(next_period_start) as next_period_start
    from mart_indicator_overview
    where period = $period

),

ranked as (

    select
        overview.indicator_id,
        overview.period,
        row_number() over (partition by overview.indicator_id order by overview.period_start desc) as period_rank
    from mart_indicator_overview as overview
    where $period = ''
        or overview.next_period_start <= (select next_period_start from cutoff)

)

select
    attainment.indicator_id,
    attainment.region_id,
    attainment.period,
    attainment.value,
    attainment.target,
    attainment.target_met,
    attainment.n_regions_meeting_target,
    attainment.n_regions_assessed
from mart_target_attainment as attainment
inner join ranked
    on ranked.indicator_id = attainment.indicator_id
    and ranked.period = attainment.period
    and ranked.period_rank = 1
order by attainment.indicator_id, attainment.region_id
