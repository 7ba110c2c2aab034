-- One row per audience, board presentation, chosen quarter (or 'seneste') and indicator with
-- data: whether the indicator is "opdateret" since the presentation - the appendix's bold "nye
-- tal siden sidste gang, bestyrelsen blev præsenteret" - in the period shown for the quarter.
-- The one definition, read by mart_change_since_presentation (has_new_figures) and, through
-- mart_indicator_updated, by the overview's bold rows and the packs:
-- an indicator is updated when one of its current figures up to the period shown is one the
-- board did not see (int_figures_shown_at_presentations): with recorded figures, a period not
-- among them or a value that differs as shown (a revision, 80 -> 75); without, a figure
-- published after the presentation.
with

presentations as (

    select distinct presented_on from {{ ref('stg_warehouse__presentations') }}

),

shown_then as (

    select * from {{ ref('int_figures_shown_at_presentations') }}

),

recorded as (

    select distinct presented_on from shown_then where is_recorded

),

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

indicators as (

    select indicator_id, decimals from {{ ref('indicators') }}

),

unseen as (

    select
        current_values.audience,
        presentations.presented_on,
        current_values.indicator_id,
        min(current_values.period_start) as first_unseen_period_start
    from current_values
    cross join presentations
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    left join recorded on presentations.presented_on = recorded.presented_on
    left join shown_then
        on current_values.audience = shown_then.audience
        and presentations.presented_on = shown_then.presented_on
        and current_values.indicator_id = shown_then.indicator_id
        and current_values.region_id = shown_then.region_id
        and current_values.period = shown_then.period
        and shown_then.is_recorded
    where case
        when recorded.presented_on is null then current_values.published_at > presentations.presented_on
        when shown_then.period is null then true
        when current_values.value is null and shown_then.value is null then false
        when current_values.value is null or shown_then.value is null then true
        else {{ shown_value('current_values.value', 'indicators.decimals') }}
            <> {{ shown_value('shown_then.value', 'indicators.decimals') }}
    end
    group by current_values.audience, presentations.presented_on, current_values.indicator_id

),

periods_shown as (

    select * from {{ ref('int_periods_shown_by_quarter') }}

)

select
    periods_shown.audience,
    presentations.presented_on,
    periods_shown.as_of_quarter,
    periods_shown.indicator_id,
    periods_shown.period,
    coalesce(unseen.first_unseen_period_start <= periods_shown.period_start, false) as is_updated
from periods_shown
cross join presentations
left join unseen
    on periods_shown.audience = unseen.audience
    and presentations.presented_on = unseen.presented_on
    and periods_shown.indicator_id = unseen.indicator_id
