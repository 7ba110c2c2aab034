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

numbered as (

    -- per indicator in time order: how many periods up to this one, its first, and when the
    -- period after it ends (a period's end grows with its start: one frequency per indicator)
    select
        periods.*,
        row_number() over (partition by audience, indicator_id order by period_start) as n_periods,
        first_value(period) over (
            partition by audience, indicator_id order by period_start
            rows between unbounded preceding and unbounded following
        ) as first_period,
        lead(next_period_start) over (partition by audience, indicator_id order by period_start)
            as following_period_end
    from periods

),

quarters as (

    select distinct audience, period as as_of_quarter, next_period_start as quarter_end
    from periods
    where frequency = 'quarter'

),

shown as (

    -- the latest period ended by the quarter's end: ended by then, and the one after it not;
    -- one row per quarter and indicator, not every earlier period (the windows above count them)
    select quarters.audience, quarters.as_of_quarter, numbered.indicator_id, numbered.period,
        numbered.period_start, numbered.first_period, numbered.n_periods
    from quarters
    inner join numbered
        on quarters.audience = numbered.audience
        and numbered.next_period_start <= quarters.quarter_end
        and coalesce(numbered.following_period_end, cast('9999-12-31' as date)) > quarters.quarter_end

    union all

    select audience, 'seneste' as as_of_quarter, indicator_id, period, period_start, first_period, n_periods
    from numbered
    where following_period_end is null

)

select
    audience,
    as_of_quarter,
    indicator_id,
    period,
    period_start,
    first_period,
    cast(n_periods as {{ dbt.type_int() }}) as n_periods
from shown
