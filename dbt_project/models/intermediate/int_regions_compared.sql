-- One row per audience, indicator, region (the five regions) and period: the region's value with
-- its confidence intervals, classified against the national value and against the best region's
-- value (its 95 % interval against the other value taken as a point, respecting direction), the
-- recent trend, and the flag for "signifikant dårligere og forværret". See docs/methods.md.
with

intervals as (

    select * from {{ ref('int_values_with_confidence_intervals') }} where unit_id is null

),

regions as (

    select region_id from {{ ref('regions') }} where is_region

),

national as (

    select audience, indicator_id, period, value as national_value
    from {{ ref('int_indicator_values_current_flagged') }}
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
        extremes.best_value,
        intervals.ci_method,
        intervals.ci95_low,
        intervals.ci95_high,
        intervals.ci998_low,
        intervals.ci998_high,
        {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'national.national_value', 'indicators.direction') }}
            as significance_vs_national,
        -- The best region is not different from itself. The interval comes from numerator and
        -- denominator while the best value is published rounded, so a region at (or, through that
        -- rounding, just past) the best value could look "better than the best": it counts as
        -- not different.
        case
            when intervals.value = extremes.best_value then
                case when intervals.ci95_low is not null then 'ikke signifikant forskellig' end
            when {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'extremes.best_value', 'indicators.direction') }}
                = 'signifikant bedre' then 'ikke signifikant forskellig'
            else {{ significance('intervals.ci95_low', 'intervals.ci95_high', 'extremes.best_value', 'indicators.direction') }}
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
    best_value,
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
