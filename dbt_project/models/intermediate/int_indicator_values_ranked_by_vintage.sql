-- Every loaded value with its source file, ranked newest load first per key:
-- vintage_rank = 1 is the current value, higher ranks are the history it replaced.
with

values_loaded as (

    select * from {{ ref('stg_warehouse__indicator_values') }}

),

load_log as (

    select * from {{ ref('stg_warehouse__load_log') }}

),

ranked as (

    select
        values_loaded.*,
        load_log.source_file,
        load_log.source_sha256,
        load_log.loaded_at,
        row_number() over (
            partition by values_loaded.indicator_id, values_loaded.region_id, values_loaded.period
            order by values_loaded.load_id desc
        ) as vintage_rank

    from values_loaded
    inner join load_log on values_loaded.load_id = load_log.load_id

)

select * from ranked
