-- Every loaded value with its source file, once per audience, ranked newest vintage first per key:
-- vintage_rank = 1 is the current value, higher ranks are the history it replaced. Units below the
-- regions (unit_id not null) are keys of their own; region-level models take unit_id is null.
--   offentlig: only vintages published by the as-of date (the public view; embargo enforced here)
--   fortrolig: every vintage, for the secretariat's preparation mode
with

values_loaded as (

    select * from {{ ref('stg_warehouse__indicator_values') }}

),

load_log as (

    select * from {{ ref('stg_warehouse__load_log') }}

),

vintages as (

    select
        values_loaded.*,
        load_log.source_file,
        load_log.source_sha256,
        load_log.loaded_at,
        -- a file without a publication date counts as published when it was loaded
        coalesce(values_loaded.published_at, cast(load_log.loaded_at as date)) as vintage_date

    from values_loaded
    inner join load_log on values_loaded.load_id = load_log.load_id

),

audiences as (

    select 'offentlig' as audience
    union all
    select 'fortrolig' as audience

),

visible as (

    select
        vintages.*,
        audiences.audience,
        vintages.vintage_date > {{ as_of_date() }} as is_embargoed

    from vintages
    cross join audiences
    where audiences.audience = 'fortrolig' or vintages.vintage_date <= {{ as_of_date() }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by audience, indicator_id, region_id, unit_id, period
            order by vintage_date desc, load_id desc
        ) as vintage_rank

    from visible

)

select * from ranked
