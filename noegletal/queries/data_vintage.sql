-- The data's vintage (the chart pack's cover): newest publication and load, embargo dates.
select
    max(case when not is_embargoed then published_at end) as latest_published_at,
    max(loaded_at) as latest_loaded_at,
    count(distinct source_file) as n_files,
    min(case when is_embargoed then published_at end) as first_embargo_date,
    max(case when is_embargoed then published_at end) as last_embargo_date,
    sum(case when is_embargoed then 1 else 0 end) as n_embargoed,
    max(case when is_synthetic then 1 else 0 end) = 1 as has_synthetic
from fct_indicator_value
