-- Best and worst value over the five regions (never the national value) per audience, indicator
-- and period, respecting each indicator's desired direction. Suppressed values take no part.
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }} where value is not null

),

indicators as (

    select indicator_id, direction from {{ ref('indicators') }}

),

regions as (

    select region_id from {{ ref('regions') }} where is_region

),

regional as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.period,
        max(current_values.value) as max_value,
        min(current_values.value) as min_value,
        count(*) as n_regions

    from current_values
    inner join regions on current_values.region_id = regions.region_id
    group by current_values.audience, current_values.indicator_id, current_values.period

),

extremes as (

    select
        regional.audience,
        regional.indicator_id,
        regional.period,
        regional.n_regions,
        case when indicators.direction = 'higher_is_better' then regional.max_value else regional.min_value end as best_value,
        case when indicators.direction = 'higher_is_better' then regional.min_value else regional.max_value end as worst_value,
        regional.max_value - regional.min_value as variation

    from regional
    inner join indicators on regional.indicator_id = indicators.indicator_id

)

select * from extremes
