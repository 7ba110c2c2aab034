-- Current values of one indicator and period that were revised since first publication: the
-- value first published ("tidligere opgjort til 79 pct.") and the current one.
select
    region_id,
    period,
    value,
    previous_value,
    previous_published_at,
    published_at
from (
    select
        region_id,
        period,
        value,
        previous_value,
        previous_published_at,
        published_at,
        row_number() over (partition by region_id order by previous_load_id) as revision_number
    from mart_revisions
    where indicator_id = $indicator_id
        and period = $period
        and is_current
) as revisions
where revision_number = 1
order by region_id
