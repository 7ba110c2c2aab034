-- One row per audience, board presentation, indicator and region (the five and hele landet):
-- the figure the board was shown at the presentation (the newest period published by that day,
-- in the vintage current then) beside today's latest figure, the change between them as the
-- tables show them (both rounded to the indicator's decimals), and whether the change is in the
-- desired direction. An indicator has new figures when any of its current values was published
-- after the presentation (the appendix's "opdateret"); on every row of a presentation, how many
-- indicators have new figures and how many of those went the wrong way nationally ("12
-- indikatorer har nye tal ...; 3 er gået den forkerte vej"). No comparison across a series break.
with

vintages as (

    select * from {{ ref('int_indicator_values_ranked_by_vintage') }} where unit_id is null

),

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

presentations as (

    select presented_on from {{ ref('stg_warehouse__presentations') }}

),

indicators as (

    select indicator_id, direction, decimals, series_break from {{ ref('indicators') }}

),

known_then as (

    -- every vintage published by the presentation day, newest period and newest vintage first
    select
        vintages.audience,
        presentations.presented_on,
        vintages.indicator_id,
        vintages.region_id,
        vintages.period,
        vintages.period_start,
        vintages.value,
        vintages.vintage_date,
        row_number() over (
            partition by vintages.audience, presentations.presented_on, vintages.indicator_id, vintages.region_id
            order by vintages.period_start desc, vintages.vintage_date desc, vintages.load_id desc
        ) as newest
    from vintages
    inner join presentations on vintages.vintage_date <= presentations.presented_on

),

shown_then as (

    select * from known_then where newest = 1

),

latest_published as (

    select audience, indicator_id, max(published_at) as latest_published_at
    from current_values
    group by audience, indicator_id

),

latest_now as (

    select
        current_values.*,
        row_number() over (
            partition by audience, indicator_id, region_id order by period_start desc
        ) as newest
    from current_values

),

now_and_then as (

    select
        latest_now.audience,
        presentations.presented_on,
        latest_now.indicator_id,
        latest_now.region_id,
        latest_now.period,
        latest_now.value,
        latest_now.published_at,
        latest_published.latest_published_at > presentations.presented_on as has_new_figures,
        shown_then.period as period_shown,
        shown_then.value as value_shown,
        shown_then.vintage_date as value_shown_published_at,
        indicators.direction,
        indicators.decimals,
        case
            when indicators.series_break is null or shown_then.period is null then false
            else (latest_now.period >= indicators.series_break) <> (shown_then.period >= indicators.series_break)
        end as crosses_series_break
    from latest_now
    cross join presentations
    inner join indicators on latest_now.indicator_id = indicators.indicator_id
    inner join latest_published
        on latest_now.audience = latest_published.audience
        and latest_now.indicator_id = latest_published.indicator_id
    left join shown_then
        on latest_now.audience = shown_then.audience
        and presentations.presented_on = shown_then.presented_on
        and latest_now.indicator_id = shown_then.indicator_id
        and latest_now.region_id = shown_then.region_id
    where latest_now.newest = 1

),

compared as (

    select
        now_and_then.*,
        case
            when value is null or value_shown is null or crosses_series_break then null
            else {{ shown_value('value', 'decimals') }} - {{ shown_value('value_shown', 'decimals') }}
        end as change_since_presentation
    from now_and_then

),

assessed as (

    select
        audience,
        presented_on,
        indicator_id,
        region_id,
        period,
        value,
        published_at,
        has_new_figures,
        period_shown,
        value_shown,
        value_shown_published_at,
        change_since_presentation,
        case
            when value is null or value_shown is null then null
            when crosses_series_break then 'ikke sammenlignelig'
            when abs(change_since_presentation) < 1e-9 then 'uændret'
            when (change_since_presentation > 0) = (direction = 'higher_is_better') then 'ønsket'
            else 'uønsket'
        end as change_assessment
    from compared

),

counted as (

    select
        audience,
        presented_on,
        -- an indicator with regional figures only has new figures too; the way it went is the country's
        cast(count(distinct case when has_new_figures then indicator_id end) as {{ dbt.type_int() }})
            as n_indicators_with_new_figures,
        cast(sum(
            case when region_id = 'hele_landet' and has_new_figures and change_assessment = 'uønsket' then 1 else 0 end
        ) as {{ dbt.type_int() }}) as n_indicators_gone_the_wrong_way
    from assessed
    group by audience, presented_on

)

select
    assessed.*,
    coalesce(counted.n_indicators_with_new_figures, 0) as n_indicators_with_new_figures,
    coalesce(counted.n_indicators_gone_the_wrong_way, 0) as n_indicators_gone_the_wrong_way
from assessed
left join counted
    on assessed.audience = counted.audience
    and assessed.presented_on = counted.presented_on
