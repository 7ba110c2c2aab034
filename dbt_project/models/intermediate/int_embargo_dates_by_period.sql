-- One row per audience, indicator and period: the earliest publication date of an embargoed value
-- in the series up to and including the period (what a chart or pack page for the period shows;
-- the values of every region and hele landet). Empty when none of them is under embargo.
-- mart_indicator_overview.series_embargo_published_at: the pages' FORTROLIGT mark and the pack's
-- cover read it, so both name the same date.
with

per_period as (

    select
        audience,
        indicator_id,
        period,
        period_start,
        min(case when is_embargoed then published_at end) as embargo_published_at
    from {{ ref('int_indicator_values_current_flagged') }}
    group by audience, indicator_id, period, period_start

)

select
    audience,
    indicator_id,
    period,
    min(embargo_published_at) over (
        partition by audience, indicator_id
        order by period_start
        rows between unbounded preceding and current row
    ) as series_embargo_published_at
from per_period
