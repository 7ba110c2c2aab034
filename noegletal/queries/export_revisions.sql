-- Current values that replaced an earlier published value ("tidligere opgjort til 79 pct.").
select
    indicator_id,
    region_id,
    period,
    previous_value,
    value,
    previous_published_at,
    published_at
from mart_revisions
where is_current
order by indicator_id, period_start, region_id
