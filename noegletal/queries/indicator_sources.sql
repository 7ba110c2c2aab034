-- The files the indicator's current values come from: one row per file, for traceability.
with

ranked as (

    select
        source_file,
        source_sha256,
        loaded_at,
        period,
        published_at,
        is_synthetic,
        row_number() over (partition by source_file, source_sha256, loaded_at order by period_start) as oldest_first,
        row_number() over (partition by source_file, source_sha256, loaded_at order by period_start desc) as newest_first
    from fct_indicator_value
    where indicator_id = $indicator_id

)

select
    source_file,
    source_sha256,
    loaded_at,
    count(*) as n_values,
    max(case when oldest_first = 1 then period end) as first_period,
    max(case when newest_first = 1 then period end) as last_period,
    max(published_at) as published_at,
    bool_or(is_synthetic) as is_synthetic
from ranked
group by source_file, source_sha256, loaded_at
order by loaded_at, source_file
