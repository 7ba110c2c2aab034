-- One row per audience, board presentation, indicator, region and period: the figure the board
-- saw. The one definition of "what the board saw", read by "since the meeting"
-- (int_changes_since_presentations), "opdateret" (int_indicators_updated_since_presentations) and
-- the revision note on the indicator page (int_indicator_levels_compared):
-- * a presentation recorded with its figures (`noegletal present` keeps the public marts' figures,
--   raw.presentation_figures): those figures, whatever was loaded or revised afterwards
--   (is_recorded); both audiences compare with them, as the board saw the public figures;
-- * a presentation without (recorded before the figures were kept): the vintage current on the
--   day, inferred from publication dates.
-- Several presentations on one day: the last recorded.
with

presentations as (

    select presented_on, max(presentation_id) as presentation_id
    from {{ ref('stg_warehouse__presentations') }}
    group by presented_on

),

snapshots as (

    select presentations.presented_on, figures.*
    from {{ ref('stg_warehouse__presentation_figures') }} as figures
    inner join presentations on figures.presentation_id = presentations.presentation_id

),

recorded as (

    select distinct presented_on from snapshots

),

audiences as (

    select 'offentlig' as audience
    union all
    select 'fortrolig' as audience

),

from_snapshot as (

    select
        audiences.audience,
        snapshots.presented_on,
        snapshots.indicator_id,
        snapshots.region_id,
        snapshots.period,
        snapshots.period_start,
        snapshots.value,
        snapshots.is_provisional,
        snapshots.published_at,
        true as is_recorded
    from snapshots
    cross join audiences

),

vintages as (

    select * from {{ ref('int_indicator_values_ranked_by_vintage') }} where unit_id is null

),

known_then as (

    -- every vintage published by the day of a presentation without recorded figures
    select
        vintages.audience,
        presentations.presented_on,
        vintages.indicator_id,
        vintages.region_id,
        vintages.period,
        vintages.period_start,
        vintages.value,
        vintages.is_provisional,
        vintages.vintage_date as published_at,
        row_number() over (
            partition by vintages.audience, presentations.presented_on, vintages.indicator_id,
                vintages.region_id, vintages.period
            order by vintages.vintage_date desc, vintages.load_id desc
        ) as newest
    from vintages
    inner join presentations on vintages.vintage_date <= presentations.presented_on
    left join recorded on presentations.presented_on = recorded.presented_on
    where recorded.presented_on is null

)

select * from from_snapshot

union all

select
    audience,
    presented_on,
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    is_provisional,
    published_at,
    false as is_recorded
from known_then
where newest = 1
