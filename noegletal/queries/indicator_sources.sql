-- The files the indicator's current values come from: one row per file, for traceability.
with

files as (

    select
        source_file,
        source_sha256,
        loaded_at,
        count(*) as n_values,
        min(period_start) as first_start,
        max(period_start) as last_start,
        max(published_at) as published_at,
        max(case when is_synthetic then 1 else 0 end) = 1 as is_synthetic
    from fct_indicator_value
    where indicator_id = $indicator_id
    group by source_file, source_sha256, loaded_at

),

periods as (

    select distinct period, period_start from fct_indicator_value where indicator_id = $indicator_id

)

select
    files.source_file,
    files.source_sha256,
    files.loaded_at,
    files.n_values,
    earliest.period as first_period,
    newest.period as last_period,
    files.published_at,
    files.is_synthetic
from files
inner join periods as earliest on earliest.period_start = files.first_start
inner join periods as newest on newest.period_start = files.last_start
order by files.loaded_at, files.source_file
