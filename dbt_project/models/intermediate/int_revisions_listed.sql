-- Every key whose value changed from one vintage to the next ("tidligere opgjort til 79 pct."),
-- per audience: the public view sees only vintages published by the as-of date, preparation mode
-- (fortrolig) also an embargoed revision of a published value.
with

vintages as (

    select * from {{ ref('int_indicator_values_ranked_by_vintage') }}
    where unit_id is null  -- the regions' own figures

),

with_previous as (

    select
        vintages.*,
        lead(value) over vintage as previous_value,
        lead(vintage_date) over vintage as previous_published_at,
        lead(source_file) over vintage as previous_source_file,
        lead(is_provisional) over vintage as previous_is_provisional,
        lead(load_id) over vintage as previous_load_id

    from vintages
    window vintage as (partition by audience, indicator_id, region_id, period order by vintage_rank)

)

select
    audience,
    indicator_id,
    region_id,
    period,
    period_start,
    previous_value,
    value,
    value - previous_value as change,
    previous_is_provisional,
    is_provisional,
    previous_published_at,
    vintage_date as published_at,
    is_embargoed,
    previous_source_file,
    source_file,
    previous_load_id,
    load_id,
    vintage_rank = 1 as is_current

from with_previous
where previous_load_id is not null
  and value is distinct from previous_value
