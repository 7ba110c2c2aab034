-- The current vintage of every unit value (municipality, hospital, sub-group) per audience, with
-- the unit's name and type and the same caveat flags as the regions' values.
with

ranked as (

    select * from {{ ref('int_indicator_values_ranked_by_vintage') }} where vintage_rank = 1 and unit_id is not null

),

indicators as (

    select indicator_id, series_break from {{ ref('indicators') }}

),

suspensions as (

    select * from {{ ref('indicator_suspensions') }}

),

units as (

    select unit_id, name_da, unit_type from {{ ref('int_units_unioned') }}

)

select
    ranked.audience,
    ranked.indicator_id,
    ranked.unit_id,
    units.name_da as unit_name_da,
    units.unit_type,
    ranked.region_id,
    ranked.period,
    ranked.period_start,
    ranked.period_year,
    ranked.period_quarter,
    ranked.value,
    ranked.numerator,
    ranked.denominator,
    ranked.suppression_reason,
    ranked.is_provisional,
    ranked.is_synthetic,
    ranked.is_embargoed,
    {{ caveat_flags('ranked', 'indicators', 'suspensions') }},
    ranked.vintage_date as published_at,
    ranked.load_id,
    ranked.source_file,
    ranked.source_sha256,
    ranked.source_row,
    ranked.loaded_at

from ranked
inner join indicators on ranked.indicator_id = indicators.indicator_id
inner join units on ranked.unit_id = units.unit_id
