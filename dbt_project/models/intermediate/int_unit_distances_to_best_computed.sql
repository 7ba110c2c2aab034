-- One row per audience, indicator, unit and period: the distance to the best unit of the same
-- type (municipalities with municipalities, hospitals with hospitals) nationally and within the
-- unit's region, respecting the indicator's direction, with the unit's rank in each.
-- Suppressed values take no part.
with

unit_values as (

    select * from {{ ref('int_unit_values_current_flagged') }} where value is not null

),

indicators as (

    select indicator_id, direction from {{ ref('indicators') }}

),

oriented as (

    select
        unit_values.audience,
        unit_values.indicator_id,
        unit_values.unit_id,
        unit_values.unit_name_da,
        unit_values.unit_type,
        unit_values.region_id,
        unit_values.period,
        unit_values.period_start,
        unit_values.value,
        indicators.direction,
        -- larger is better on this scale, whatever the indicator's direction
        case when indicators.direction = 'higher_is_better' then unit_values.value else -unit_values.value end as goodness

    from unit_values
    inner join indicators on unit_values.indicator_id = indicators.indicator_id

),

ranked as (

    select
        oriented.*,
        max(goodness) over national_group as best_goodness_national,
        max(goodness) over region_group as best_goodness_in_region,
        rank() over (partition by audience, indicator_id, unit_type, period order by goodness desc) as rank_national,
        count(*) over national_group as n_units_national,
        rank() over (partition by audience, indicator_id, unit_type, region_id, period order by goodness desc) as rank_in_region,
        count(*) over region_group as n_units_in_region

    from oriented
    window
        national_group as (partition by audience, indicator_id, unit_type, period),
        region_group as (partition by audience, indicator_id, unit_type, region_id, period)

)

select
    audience,
    indicator_id,
    unit_id,
    unit_name_da,
    unit_type,
    region_id,
    period,
    period_start,
    value,
    case when direction = 'higher_is_better' then best_goodness_national else -best_goodness_national end as best_value_national,
    best_goodness_national - goodness as distance_to_best_national,
    rank_national,
    n_units_national,
    case when direction = 'higher_is_better' then best_goodness_in_region else -best_goodness_in_region end as best_value_in_region,
    best_goodness_in_region - goodness as distance_to_best_in_region,
    rank_in_region,
    n_units_in_region

from ranked
