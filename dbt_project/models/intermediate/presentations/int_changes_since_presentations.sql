-- One row per audience, board presentation, indicator and region (the five and hele landet):
-- the figure the board was shown at the presentation (the newest period it saw,
-- int_figures_shown_at_presentations: the recorded figures, or for an older presentation the
-- vintage current then) beside today's latest figure, the change between them as the tables show
-- them (both rounded to the indicator's decimals), and whether the change is in the desired
-- direction. When the figure the board saw has since been revised (80 shown, now 75 for the same
-- period), the revised value is beside it (value_shown_now, is_shown_value_revised): "vist for
-- bestyrelsen: 80 pct., nu opgjort til 75 pct.". has_new_figures is "opdateret"
-- (int_indicators_updated_since_presentations); on every row of a presentation, how many
-- indicators have new figures and how many of those went the wrong way nationally ("12
-- indikatorer har nye tal ...; 3 er gået den forkerte vej"). No comparison across a series break.
with

shown_at_presentations as (

    select * from {{ ref('int_figures_shown_at_presentations') }}

),

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

presentations as (

    select distinct presented_on from {{ ref('stg_warehouse__presentations') }}

),

updated as (

    select audience, presented_on, indicator_id, is_updated
    from {{ ref('int_indicators_updated_since_presentations') }}
    where as_of_quarter = 'seneste'

),

indicators as (

    select indicator_id, direction, decimals, series_break from {{ ref('indicators') }}

),

newest_shown as (

    -- the newest period the board saw per indicator and region
    select
        shown_at_presentations.*,
        row_number() over (
            partition by audience, presented_on, indicator_id, region_id order by period_start desc
        ) as newest
    from shown_at_presentations

),

shown_then as (

    select
        newest_shown.*,
        current_values.value as value_now,
        current_values.is_provisional as is_provisional_now
    from newest_shown
    left join current_values
        on newest_shown.audience = current_values.audience
        and newest_shown.indicator_id = current_values.indicator_id
        and newest_shown.region_id = current_values.region_id
        and newest_shown.period = current_values.period
    where newest_shown.newest = 1

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
        latest_now.is_provisional,
        latest_now.published_at,
        coalesce(updated.is_updated, false) as has_new_figures,
        shown_then.period as period_shown,
        shown_then.value as value_shown,
        shown_then.is_provisional as value_shown_is_provisional,
        shown_then.published_at as value_shown_published_at,
        shown_then.value_now as value_shown_now,
        shown_then.is_provisional_now as value_shown_now_is_provisional,
        indicators.direction,
        indicators.decimals,
        case
            when indicators.series_break is null or shown_then.period is null then false
            else (latest_now.period >= indicators.series_break) <> (shown_then.period >= indicators.series_break)
        end as crosses_series_break
    from latest_now
    cross join presentations
    inner join indicators on latest_now.indicator_id = indicators.indicator_id
    left join updated
        on latest_now.audience = updated.audience
        and presentations.presented_on = updated.presented_on
        and latest_now.indicator_id = updated.indicator_id
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
        end as change_since_presentation,
        -- a revision the reader cannot see (79.2 to 79.4, both shown as 79) is not one to point out
        coalesce(
            value_shown is not null and value_shown_now is not null
            and {{ shown_value('value_shown_now', 'decimals') }} <> {{ shown_value('value_shown', 'decimals') }},
            false
        ) as is_shown_value_revised
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
        is_provisional,
        published_at,
        has_new_figures,
        period_shown,
        value_shown,
        value_shown_is_provisional,
        value_shown_published_at,
        case when is_shown_value_revised then value_shown_now end as value_shown_now,
        case when is_shown_value_revised then value_shown_now_is_provisional end as value_shown_now_is_provisional,
        is_shown_value_revised,
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
