-- One row per audience, indicator, region (the five regions and hele_landet) and period: every
-- number the indicator page, the Region page, the overview's matrix and the chart packs show about
-- one region's level, each derived once here. mart_indicator_level is its public part.
--
-- Rules (docs in _intermediate__models.yml, unit tests beside it):
-- * year ago / period before: the same quarter a year earlier (the year before for annual
--   indicators) / the adjacent period; never across a series break (then the change is empty and
--   change_assessment says 'ikke sammenlignelig');
-- * value_decimals: the decimals the period's values are shown with (int_display_decimals_chosen);
-- * changes are between the values as shown (rounded to value_decimals);
-- * distance_to_best_normalised: distance / the largest distance of the five regions (0 = best,
--   1 = furthest; 0 for all when the regions are equal); is_best and rank over the five regions;
-- * previously_published_value: the value shown at the latest board presentation when it differs
--   from today's as shown (rounded); with no value shown then (or no presentation), the previous
--   vintage's;
-- * attention_group: the Region page's grouping, most in need of attention first.
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

distances as (

    select * from {{ ref('int_distances_to_best_computed') }}

),

indicators as (

    select indicator_id, direction, decimals, suspension_label_da from {{ ref('indicators') }}

),

regions as (

    select region_id, is_region from {{ ref('regions') }}

),

suspensions as (

    select * from {{ ref('indicator_suspensions') }}

),

display as (

    select audience, indicator_id, period, value_decimals from {{ ref('int_display_decimals_chosen') }}

),

comparisons as (

    select audience, indicator_id, region_id, period, significance_vs_national, significance_vs_best, trend,
        is_significantly_worse_and_worsening
    from {{ ref('int_regions_compared') }}

),

vintages as (

    select audience, indicator_id, region_id, period, value, vintage_date, vintage_rank
    from {{ ref('int_indicator_values_ranked_by_vintage') }}
    where unit_id is null  -- the regions' own figures

),

latest_presentation as (

    select max(presented_on) as presented_on from {{ ref('stg_warehouse__presentations') }}

),

-- the figure the board saw at the latest presentation (int_figures_shown_at_presentations: the
-- recorded figures, else the vintage current then; none before the first presentation)
shown_at_presentation as (

    select
        shown.audience,
        shown.indicator_id,
        shown.region_id,
        shown.period,
        shown.value,
        shown.published_at as vintage_date,
        1 as newest_first
    from {{ ref('int_figures_shown_at_presentations') }} as shown
    inner join latest_presentation on shown.presented_on = latest_presentation.presented_on

),

previous_vintage as (

    select audience, indicator_id, region_id, period, value, vintage_date
    from vintages
    where vintage_rank = 2

),

-- the suspension notes of every suspended indicator and period (one per period in the seed)
suspension_notes as (

    select
        periods.indicator_id,
        periods.period,
        min(suspensions.note_da) as note_da
    from (select distinct indicator_id, period from current_values where is_suspended) as periods
    inner join suspensions
        on suspensions.indicator_id = periods.indicator_id
        -- codes of one frequency sort as text (2020K1 < 2020K4 < 2021K1)
        and periods.period between suspensions.period_from and suspensions.period_to
    group by periods.indicator_id, periods.period

),

levels as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        regions.is_region,
        current_values.period,
        current_values.period_start,
        current_values.value,
        current_values.numerator,
        current_values.denominator,
        current_values.suppression_reason,
        current_values.is_provisional,
        current_values.is_suspended,
        current_values.is_embargoed,
        current_values.is_synthetic,
        current_values.published_at,
        current_values.series_segment,
        indicators.direction,
        coalesce(display.value_decimals, indicators.decimals) as decimals,

        distances.comparison_period,
        case when year_ago.series_segment = current_values.series_segment then year_ago.value end as value_year_ago,
        year_ago.value is not null and year_ago.series_segment <> current_values.series_segment
            as is_year_ago_across_series_break,

        case
            when current_values.period_quarter is null
                then {{ period_code('current_values.period_year - 1', 'null') }}
            when current_values.period_quarter = 1
                then {{ period_code('current_values.period_year - 1', '4') }}
            else {{ period_code('current_values.period_year', 'current_values.period_quarter - 1') }}
        end as previous_period,

        distances.best_value,
        distances.distance_to_best,
        distances.distance_to_best_year_ago,
        distances.distance_change,
        distances.movement,
        comparisons.is_significantly_worse_and_worsening,
        comparisons.significance_vs_national = 'signifikant dårligere' as is_significantly_worse,
        -- a gap to the best that is more than chance is never "tæt på bedste", however narrow the spread
        coalesce(comparisons.significance_vs_best = 'signifikant dårligere', false) as is_significantly_worse_than_best,
        -- the region's own recent trend goes the wrong way (mart_region_comparison's trend test)
        case
            when comparisons.trend = 'stigende' then indicators.direction = 'lower_is_better'
            when comparisons.trend = 'faldende' then indicators.direction = 'higher_is_better'
            else false
        end as is_trend_worsening,

        case
            when shown_at_presentation.value is not null then shown_at_presentation.value
            else previous_vintage.value
        end as earlier_value,
        case
            when shown_at_presentation.value is not null then shown_at_presentation.vintage_date
            else previous_vintage.vintage_date
        end as earlier_published_at,

        case
            when current_values.is_suspended
                then coalesce(
                    suspension_notes.note_da,
                    {{ dbt.concat(["coalesce(indicators.suspension_label_da, 'Rettigheden')", "' var suspenderet i perioden.'"]) }}
                )
        end as suspension_note_da

    from current_values
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    inner join regions on current_values.region_id = regions.region_id
    left join distances
        on current_values.audience = distances.audience
        and current_values.indicator_id = distances.indicator_id
        and current_values.region_id = distances.region_id
        and current_values.period = distances.period
    left join current_values as year_ago
        on current_values.audience = year_ago.audience
        and current_values.indicator_id = year_ago.indicator_id
        and current_values.region_id = year_ago.region_id
        and year_ago.period = distances.comparison_period
    left join comparisons
        on current_values.audience = comparisons.audience
        and current_values.indicator_id = comparisons.indicator_id
        and current_values.region_id = comparisons.region_id
        and current_values.period = comparisons.period
    left join shown_at_presentation
        on current_values.audience = shown_at_presentation.audience
        and current_values.indicator_id = shown_at_presentation.indicator_id
        and current_values.region_id = shown_at_presentation.region_id
        and current_values.period = shown_at_presentation.period
        and shown_at_presentation.newest_first = 1
    left join previous_vintage
        on current_values.audience = previous_vintage.audience
        and current_values.indicator_id = previous_vintage.indicator_id
        and current_values.region_id = previous_vintage.region_id
        and current_values.period = previous_vintage.period
    left join suspension_notes
        on current_values.indicator_id = suspension_notes.indicator_id
        and current_values.period = suspension_notes.period
    left join display
        on current_values.audience = display.audience
        and current_values.indicator_id = display.indicator_id
        and current_values.period = display.period

),

with_previous as (

    select
        levels.*,
        case when before.series_segment = levels.series_segment then before.value end as value_previous_period,
        before.value is not null and before.series_segment <> levels.series_segment
            as is_previous_across_series_break,
        max(case when levels.is_region then levels.distance_to_best end) over (
            partition by levels.audience, levels.indicator_id, levels.period
        ) as largest_distance,
        case
            when levels.is_region and levels.value is not null then rank() over (
                partition by levels.audience, levels.indicator_id, levels.period, levels.is_region,
                    case when levels.value is null then 0 else 1 end
                order by case when levels.direction = 'higher_is_better' then -levels.value else levels.value end
            )
        end as region_rank

    from levels
    left join current_values as before
        on levels.audience = before.audience
        and levels.indicator_id = before.indicator_id
        and levels.region_id = before.region_id
        and levels.previous_period = before.period

),

changes as (

    select
        with_previous.*,
        {{ shown_value('value', 'decimals') }} - {{ shown_value('value_year_ago', 'decimals') }} as change_since_year_ago,
        {{ shown_value('value', 'decimals') }} - {{ shown_value('value_previous_period', 'decimals') }}
            as change_since_previous_period,
        case
            when distance_to_best is null then null
            when largest_distance is null or largest_distance < 1e-9 then 0.0
            else distance_to_best / largest_distance
        end as distance_to_best_normalised

    from with_previous

)

select
    audience,
    indicator_id,
    region_id,
    period,
    period_start,
    value,
    numerator,
    denominator,
    suppression_reason,
    is_provisional,
    is_suspended,
    is_embargoed,
    is_synthetic,
    published_at,
    series_segment,
    comparison_period,
    value_year_ago,
    change_since_year_ago,
    case
        when value is null then null
        when is_year_ago_across_series_break then 'ikke sammenlignelig'
        when change_since_year_ago is null then null
        when abs(change_since_year_ago) < 1e-9 then 'uændret'
        when (change_since_year_ago > 0) = (direction = 'higher_is_better') then 'ønsket'
        else 'uønsket'
    end as change_assessment,
    previous_period,
    value_previous_period,
    change_since_previous_period,
    is_previous_across_series_break,
    best_value,
    distance_to_best,
    distance_to_best_year_ago,
    distance_change,
    movement,
    distance_to_best_normalised,
    coalesce(is_region and abs(distance_to_best) < 1e-9, false) as is_best,
    region_rank as rank,
    -- a revision the reader cannot see (79.2 to 79.4, both shown as 79) is not one to point out
    case
        when earlier_value is null then null
        when value is null or {{ shown_value('value', 'decimals') }} <> {{ shown_value('earlier_value', 'decimals') }}
            then earlier_value
    end as previously_published_value,
    case
        when earlier_value is null then null
        when value is null or {{ shown_value('value', 'decimals') }} <> {{ shown_value('earlier_value', 'decimals') }}
            then earlier_published_at
    end as previously_published_at,
    suspension_note_da,
    coalesce(is_significantly_worse_and_worsening, false) as is_significantly_worse_and_worsening,
    -- significant, large gaps first: a region significantly worse than the country comes before
    -- one that is merely far from the best of a narrow spread (or equal to the country)
    case
        when value is null or distance_to_best_normalised is null then 7
        when is_significantly_worse_and_worsening then 1
        when is_significantly_worse then 2
        when (distance_to_best_normalised >= 0.5 or is_significantly_worse_than_best) and movement = 'lægger afstand' then 3
        when distance_to_best_normalised >= 0.5 or is_significantly_worse_than_best then 4
        when movement = 'lægger afstand' then 5
        else 6
    end as attention_group,
    case
        when value is null or distance_to_best_normalised is null then 'ingen data'
        when is_significantly_worse_and_worsening then 'Signifikant dårligere og forværret'
        when is_significantly_worse then 'Signifikant dårligere end landet'
        when distance_to_best_normalised >= 0.5 and movement = 'lægger afstand' then 'Langt fra bedste og lægger afstand'
        when distance_to_best_normalised >= 0.5 then 'Langt fra bedste'
        when is_significantly_worse_than_best and movement = 'lægger afstand'
            then 'Signifikant dårligere end bedste og lægger afstand'
        when is_significantly_worse_than_best then 'Signifikant dårligere end bedste'
        when movement = 'lægger afstand' then 'Lægger afstand'
        else 'Tæt på bedste'
    end as attention_group_da,
    -- "henter ind" while the region's own trend goes the wrong way: the best region fell further
    -- (the Region page explains it rather than leave the two to contradict each other)
    coalesce(movement = 'henter ind' and is_trend_worsening, false) as is_catching_up_while_worsening,
    -- the decimals of value, value_year_ago, the changes and previously_published_value as shown
    decimals as value_decimals

from changes
