-- One row per audience, indicator, region and period: the recent trend over the last five
-- comparable periods up to and including the period (same series segment, so never across a
-- series break; suppressed values are skipped). Least-squares slope per year of the published
-- values on time, with a two-sided t-test of slope = 0 (df = 3, critical value 3.182 for
-- p < 0.05). Fewer than five comparable periods give no trend. See docs/methods.md.
with

region_values as (

    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        current_values.period,
        current_values.series_segment,
        current_values.value,
        -- the start of the period in years (2023K2 = 2023.25), so quarters and years share one axis
        cast(current_values.period_year as {{ type_double() }})
            + cast(coalesce(current_values.period_quarter, 1) - 1 as {{ type_double() }}) / 4.0 as period_time,
        row_number() over (
            partition by current_values.audience, current_values.indicator_id, current_values.region_id,
                current_values.series_segment
            order by current_values.period_start
        ) as position

    from {{ ref('int_indicator_values_current_flagged') }} as current_values
    where current_values.value is not null

),

windows as (

    select
        region_values.audience,
        region_values.indicator_id,
        region_values.region_id,
        region_values.period,
        count(*) as trend_n_periods,
        regr_slope(earlier.value, earlier.period_time) as slope,
        regr_sxx(earlier.value, earlier.period_time) as sxx,
        regr_sxy(earlier.value, earlier.period_time) as sxy,
        regr_syy(earlier.value, earlier.period_time) as syy

    from region_values
    inner join region_values as earlier
        on region_values.audience = earlier.audience
        and region_values.indicator_id = earlier.indicator_id
        and region_values.region_id = earlier.region_id
        and region_values.series_segment = earlier.series_segment
        and earlier.position between region_values.position - 4 and region_values.position
    group by region_values.audience, region_values.indicator_id, region_values.region_id, region_values.period

),

tested as (

    select
        windows.*,
        -- residual sum of squares of the fitted line (never below zero, whatever the float noise)
        greatest(syy - sxy * sxy / sxx, 0.0) as sse

    from windows
    where trend_n_periods = 5 and sxx > 0

),

classified as (

    select
        tested.*,
        -- |t| > t_crit  <=>  slope^2 * sxx * (n - 2) > t_crit^2 * sse (no division by a zero sse);
        -- a slope below 1e-9 per year is float noise, not a trend
        abs(slope) > 1e-9
            and slope * slope * sxx * (trend_n_periods - 2) > {{ t_crit_df3() }} * {{ t_crit_df3() }} * sse
            as is_significant

    from tested

)

select
    audience,
    indicator_id,
    region_id,
    period,
    trend_n_periods,
    slope as trend_slope_per_year,
    case when sse > 0 then slope / sqrt(sse / (trend_n_periods - 2) / sxx) end as trend_t_statistic,
    case
        when is_significant and slope > 0 then 'stigende'
        when is_significant and slope < 0 then 'faldende'
        else 'ingen signifikant ændring'
    end as trend

from classified
