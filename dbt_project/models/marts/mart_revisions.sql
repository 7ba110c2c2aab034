-- Every key whose published value changed from one vintage to the next ("tidligere opgjort til
-- 79 pct."): the old and new value, their publication dates and files.
with

history as (

    select * from {{ ref('fct_indicator_value_history') }}

),

with_previous as (

    select
        history.*,
        lead(value) over vintage as previous_value,
        lead(published_at) over vintage as previous_published_at,
        lead(source_file) over vintage as previous_source_file,
        lead(is_provisional) over vintage as previous_is_provisional,
        lead(load_id) over vintage as previous_load_id

    from history
    window vintage as (partition by indicator_id, region_id, period order by vintage_rank)

)

select
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
    published_at,
    previous_source_file,
    source_file,
    previous_load_id,
    load_id,
    is_current

from with_previous
where previous_load_id is not null
  and value is distinct from previous_value
