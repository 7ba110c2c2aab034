-- One row per audience, board presentation and indicator with new figures since it: its place in
-- the board item's Resumé ("Tallene viser bl.a., at ..."), which leads with what matters. The rule
-- (documented in _presentations_intermediate__models.yml), first group first:
--   1 'gået den forkerte vej'    the national figure moved the undesired way since the figure the
--                                board saw (int_changes_since_presentations)
--   2 'signifikant forværring'   a region is significantly worse than the country and getting
--                                significantly worse (int_regions_compared), in its latest period
--   3 'måltal ikke nået'         the national figure does not meet the indicator's target
--   4 'øvrige'                   the other updated indicators
-- and within a group the appendix's order (goal area, then the catalogue's sort order).
with

changes as (

    select * from {{ ref('int_changes_since_presentations') }} where has_new_figures

),

regions_compared as (

    select audience, indicator_id, region_id, period, is_significantly_worse_and_worsening
    from {{ ref('int_regions_compared') }}

),

overview as (

    select audience, indicator_id, period, target_status from {{ ref('int_indicator_overview_summarised') }}

),

indicators as (

    select indicator_id, goal_area, sort_order from {{ ref('indicators') }}

),

per_indicator as (

    select
        changes.audience,
        changes.presented_on,
        changes.indicator_id,
        max(case when changes.region_id = 'hele_landet' then changes.period end) as national_period,
        max(case when changes.region_id = 'hele_landet' and changes.change_assessment = 'uønsket' then 1 else 0 end)
            = 1 as has_gone_the_wrong_way,
        max(case when regions_compared.is_significantly_worse_and_worsening then 1 else 0 end)
            = 1 as has_region_worse_and_worsening
    from changes
    left join regions_compared
        on changes.audience = regions_compared.audience
        and changes.indicator_id = regions_compared.indicator_id
        and changes.region_id = regions_compared.region_id
        and changes.period = regions_compared.period
    group by changes.audience, changes.presented_on, changes.indicator_id

),

grouped as (

    select
        per_indicator.*,
        coalesce(overview.target_status = 'ikke nået', false) as misses_target,
        case
            when per_indicator.has_gone_the_wrong_way then 1
            when per_indicator.has_region_worse_and_worsening then 2
            when overview.target_status = 'ikke nået' then 3
            else 4
        end as priority_group,
        indicators.goal_area,
        indicators.sort_order
    from per_indicator
    inner join indicators on per_indicator.indicator_id = indicators.indicator_id
    left join overview
        on per_indicator.audience = overview.audience
        and per_indicator.indicator_id = overview.indicator_id
        and per_indicator.national_period = overview.period

)

select
    audience,
    presented_on,
    indicator_id,
    priority_group,
    case priority_group
        when 1 then 'gået den forkerte vej'
        when 2 then 'signifikant forværring'
        when 3 then 'måltal ikke nået'
        else 'øvrige'
    end as priority_reason,
    has_gone_the_wrong_way,
    has_region_worse_and_worsening,
    misses_target,
    cast(row_number() over (
        partition by audience, presented_on order by priority_group, goal_area, sort_order, indicator_id
    ) as {{ dbt.type_int() }}) as resume_rank
from grouped
