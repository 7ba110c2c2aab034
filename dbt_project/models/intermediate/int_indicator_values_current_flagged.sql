-- The current vintage of every key per audience, flagged with the caveats a reader must see:
-- a suspended patient right, and which side of a series break the period lies on.
with

ranked as (

    -- the regions' and the country's own figures; units below the regions are in int_unit_values_current_flagged
    select * from {{ ref('int_indicator_values_ranked_by_vintage') }} where vintage_rank = 1 and unit_id is null

),

indicators as (

    select indicator_id, series_break from {{ ref('indicators') }}

),

suspensions as (

    select * from {{ ref('indicator_suspensions') }}

),

flagged as (

    select
        ranked.audience,
        ranked.indicator_id,
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

)

select * from flagged
