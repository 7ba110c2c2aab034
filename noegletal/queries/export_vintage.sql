-- The data's vintage for the cover of a chart pack: newest publication and load, embargo dates.
select
    max(published_at) filter (where not is_embargoed) as latest_published_at,
    max(loaded_at) as latest_loaded_at,
    count(distinct source_file) as n_files,
    min(published_at) filter (where is_embargoed) as first_embargo_date,
    max(published_at) filter (where is_embargoed) as last_embargo_date,
    count(*) filter (where is_embargoed) as n_embargoed,
    bool_or(is_synthetic) as has_synthetic
from fct_indicator_value
