-- One row per audience, indicator with a target, region (the five and hele landet) and period:
-- whether the value meets the target the regions have agreed (respecting the indicator's
-- direction), and on the period's rows how many of the five regions meet it and how many have a
-- value to judge ("0 af 5 regioner når 90 pct."). A suppressed or missing value is not judged.
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

indicators as (

    select indicator_id, direction, target from {{ ref('indicators') }} where target is not null

),

regions as (

    select region_id, is_region from {{ ref('regions') }}

),

display as (

    select audience, indicator_id, period, value_decimals from {{ ref('int_display_decimals_chosen') }}

),

assessed as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        current_values.period,
        current_values.value,
        indicators.target,
        regions.is_region,
        -- on the exact value, never the rounded: 89.6 does not meet 90 (shown "89,6", value_decimals)
        case
            when current_values.value is null then null
            else {{ target_met('current_values.value', 'indicators.target', 'indicators.direction') }}
        end as target_met,
        display.value_decimals
    from current_values
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    inner join regions on current_values.region_id = regions.region_id
    left join display
        on current_values.audience = display.audience
        and current_values.indicator_id = display.indicator_id
        and current_values.period = display.period

),

counted as (

    select
        audience,
        indicator_id,
        period,
        cast(sum(case when target_met then 1 else 0 end) as {{ dbt.type_int() }}) as n_regions_meeting_target,
        cast(sum(case when target_met is not null then 1 else 0 end) as {{ dbt.type_int() }}) as n_regions_assessed
    from assessed
    where is_region
    group by audience, indicator_id, period

)

select
    assessed.audience,
    assessed.indicator_id,
    assessed.region_id,
    assessed.period,
    assessed.value,
    assessed.target,
    assessed.target_met,
    -- a period with only the country's figure has no region to count: 0 of 0, not unknown
    coalesce(counted.n_regions_meeting_target, 0) as n_regions_meeting_target,
    coalesce(counted.n_regions_assessed, 0) as n_regions_assessed,
    assessed.value_decimals
from assessed
left join counted
    on assessed.audience = counted.audience
    and assessed.indicator_id = counted.indicator_id
    and assessed.period = counted.period
