-- One row per audience, chosen quarter and indicator: the period a page or pack shows for the
-- indicator when a quarter is chosen - its latest period that has ended by the quarter's end (a
-- yearly indicator in 2023K1 shows 2022) - and, under as_of_quarter 'seneste' (no quarter chosen),
-- its latest period of all. The one definition of "seneste tal pr. kvartal". With it the
-- indicator's first period and how many periods it has up to the period shown (the named query
-- latest_periods).
with

periods as (

    select distinct
        current_values.audience,
        current_values.indicator_id,
        current_values.period,
        current_values.period_start,
        cast({{ dbt.dateadd(
            'month',
            "case when indicators.frequency = 'quarter' then 3 else 12 end",
            'current_values.period_start'
        ) }} as date) as next_period_start,
        indicators.frequency
    from {{ ref('int_indicator_values_current_flagged') }} as current_values
    inner join {{ ref('indicators') }} as indicators on current_values.indicator_id = indicators.indicator_id

),

quarters as (

    select distinct audience, period as as_of_quarter, next_period_start as quarter_end
    from periods
    where frequency = 'quarter'

),

candidates as (

    select quarters.audience, quarters.as_of_quarter, periods.indicator_id, periods.period, periods.period_start
    from quarters
    inner join periods
        on quarters.audience = periods.audience
        and periods.next_period_start <= quarters.quarter_end

    union all

    select audience, 'seneste' as as_of_quarter, indicator_id, period, period_start
    from periods

),

ranked as (

    select
        candidates.*,
        row_number() over (
            partition by audience, as_of_quarter, indicator_id order by period_start desc
        ) as newest_first,
        row_number() over (
            partition by audience, as_of_quarter, indicator_id order by period_start
        ) as oldest_first,
        count(*) over (partition by audience, as_of_quarter, indicator_id) as n_periods
    from candidates

),

first_periods as (

    select audience, as_of_quarter, indicator_id, period as first_period
    from ranked
    where oldest_first = 1

)

select
    ranked.audience,
    ranked.as_of_quarter,
    ranked.indicator_id,
    ranked.period,
    ranked.period_start,
    first_periods.first_period,
    cast(ranked.n_periods as {{ dbt.type_int() }}) as n_periods
from ranked
inner join first_periods
    on ranked.audience = first_periods.audience
    and ranked.as_of_quarter = first_periods.as_of_quarter
    and ranked.indicator_id = first_periods.indicator_id
where ranked.newest_first = 1
