-- The files the indicator's current values come from: one row per file, for traceability.
select
    source_file,
    source_sha256,
    loaded_at,
    count(*) as n_values,
    arg_min(period, period_start) as first_period,
    arg_max(period, period_start) as last_period,
    max(published_at) as published_at,
    bool_or(is_synthetic) as is_synthetic
from fct_indicator_value
where indicator_id = $indicator_id
group by source_file, source_sha256, loaded_at
order by loaded_at, source_file
