-- One row per audience, indicator, region (the five regions and hele_landet) and period: the distance to
-- the best region now and in the comparison period a year earlier, and whether the region is
-- catching up ("henter ind") or falling behind ("lægger afstand").
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

indicators as (

    select indicator_id, direction from {{ ref('indicators') }}

),

extremes as (

    select audience, indicator_id, period, best_value from {{ ref('int_regional_extremes_computed') }}

),

distances as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        current_values.period,
        current_values.period_start,
        current_values.series_segment,
        current_values.value,
        extremes.best_value,
        case
            when indicators.direction = 'higher_is_better' then extremes.best_value - current_values.value
            else current_values.value - extremes.best_value
        end as distance_to_best,
        -- same quarter a year earlier, or the previous year for annual indicators
        {{ dbt.concat([
            "cast(current_values.period_year - 1 as " ~ dbt.type_string() ~ ")",
            "coalesce('K' || cast(current_values.period_quarter as " ~ dbt.type_string() ~ "), '')",
        ]) }} as comparison_period

    from current_values
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    left join extremes
        on current_values.audience = extremes.audience
        and current_values.indicator_id = extremes.indicator_id
        and current_values.period = extremes.period

),

compared as (

    select
        distances.audience,
        distances.indicator_id,
        distances.region_id,
        distances.period,
        distances.period_start,
        distances.value,
        distances.best_value,
        distances.distance_to_best,
        distances.comparison_period,
        year_ago.distance_to_best as distance_to_best_year_ago,
        distances.distance_to_best - year_ago.distance_to_best as distance_change

    from distances
    -- no comparison across a series break: the year-ago value must lie in the same segment
    left join distances as year_ago
        on distances.audience = year_ago.audience
        and distances.indicator_id = year_ago.indicator_id
        and distances.region_id = year_ago.region_id
        and distances.comparison_period = year_ago.period
        and distances.series_segment = year_ago.series_segment

)

select
    *,
    case
        when distance_change is null then null
        -- float noise from subtracting decimals is not movement
        when abs(distance_change) < 1e-9 then 'uændret'
        when distance_change < 0 then 'henter ind'
        else 'lægger afstand'
    end as movement

from compared
