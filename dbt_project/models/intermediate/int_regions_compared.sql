-- One row per audience, indicator, region (the five regions) and period: the region's value with
-- its confidence intervals, classified against the national value and against the best region's
-- value (its 95 % interval against the other value taken as a point, respecting direction), the
-- recent trend, and the flag for "signifikant dårligere og forværret". See docs/methods.md.
-- The reference values are unrounded where numerator and denominator are known: the published
-- national value is rounded (9 pct. for 8,53 pct.), and intervals from exact counts compared with
-- a rounded value would call most regions "better" than the country they make up.
with

intervals as (

    select * from {{ ref('int_values_with_confidence_intervals') }} where unit_id is null

),

regions as (

    select region_id from {{ ref('regions') }} where is_region

),

national as (

    select audience, indicator_id, period, value as national_value, reference_value as national_reference_value
    from intervals
    where region_id = 'hele_landet'

),

extremes as (

    select audience, indicator_id, period, best_value from {{ ref('int_regional_extremes_computed') }}

),

trends as (

    select * from {{ ref('int_region_trends_tested') }}

),

indicators as (

    select indicator_id, direction from {{ ref('indicators') }}

),

best_reference as (

    -- the best region's unrounded value; among regions tied on the published best value, the best
    select
        intervals.audience,
        intervals.indicator_id,
        intervals.period,
        case
            when max(indicators.direction) = 'higher_is_better' then max(intervals.reference_value)
            else min(intervals.reference_value)
        end as best_reference_value
    from intervals
    inner join regions on intervals.region_id = regions.region_id
    inner join indicators on intervals.indicator_id = indicators.indicator_id
    inner join extremes
        on intervals.audience = extremes.audience
        and intervals.indicator_id = extremes.indicator_id
        and intervals.period = extremes.period
        and intervals.value = extremes.best_value
    group by intervals.audience, intervals.indicator_id, intervals.period

),

compared as (

    select
        intervals.audience,
        intervals.indicator_id,
        intervals.region_id,
        intervals.period,
        intervals.period_start,
        intervals.series_segment,
        intervals.value,
        intervals.numerator,
        intervals.denominator,
        national.national_value,
        national.national_reference_value,
        extremes.best_value,
        best_reference.best_reference_value,
        intervals.ci_method,
        intervals.ci95_low,
        intervals.ci95_high,
        intervals.ci998_low,
        intervals.ci998_high,
        {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'national.national_reference_value', 'indicators.direction') }}
            as significance_vs_national,
        -- The best region (or one tied with it on the published value) is not different from
        -- itself; no region is "better than the best" (a published value at the best, rounded,
        -- may hide a slightly better unrounded one): it counts as not different.
        case
            when intervals.value = extremes.best_value then
                case when intervals.ci95_low is not null then 'ikke signifikant forskellig' end
            when {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'best_reference.best_reference_value', 'indicators.direction') }}
                = 'signifikant bedre' then 'ikke signifikant forskellig'
            else {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'best_reference.best_reference_value', 'indicators.direction') }}
        end as significance_vs_best,
        trends.trend_n_periods,
        trends.trend_slope_per_year,
        trends.trend_t_statistic,
        trends.trend,
        indicators.direction

    from intervals
    inner join regions on intervals.region_id = regions.region_id
    inner join indicators on intervals.indicator_id = indicators.indicator_id
    left join national
        on intervals.audience = national.audience
        and intervals.indicator_id = national.indicator_id
        and intervals.period = national.period
    left join extremes
        on intervals.audience = extremes.audience
        and intervals.indicator_id = extremes.indicator_id
        and intervals.period = extremes.period
    left join best_reference
        on intervals.audience = best_reference.audience
        and intervals.indicator_id = best_reference.indicator_id
        and intervals.period = best_reference.period
    left join trends
        on intervals.audience = trends.audience
        and intervals.indicator_id = trends.indicator_id
        and intervals.region_id = trends.region_id
        and intervals.period = trends.period

)

select
    audience,
    indicator_id,
    region_id,
    period,
    period_start,
    series_segment,
    value,
    numerator,
    denominator,
    national_value,
    national_reference_value,
    best_value,
    best_reference_value,
    ci_method,
    ci95_low,
    ci95_high,
    ci998_low,
    ci998_high,
    significance_vs_national,
    significance_vs_best,
    trend_n_periods,
    trend_slope_per_year,
    trend_t_statistic,
    trend,
    coalesce(
        significance_vs_national = 'signifikant dårligere'
        and (
            (trend = 'stigende' and direction = 'lower_is_better')
            or (trend = 'faldende' and direction = 'higher_is_better')
        ),
        false
    ) as is_significantly_worse_and_worsening

from compared
