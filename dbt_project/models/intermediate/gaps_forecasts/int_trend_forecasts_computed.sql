-- Linear-trend forecasts of every region's (and the country's) series, from every possible origin:
-- one row per audience, indicator, region, origin period and step ahead. mart_target_forecast keeps
-- the latest origin of the indicators with a target; bench/forecast_backtest.py scores the earlier
-- origins against what came. See docs/methods.md ("Fremskrivning").
--
-- The trend is fitted to the latest comparable stretch up to the origin: at most
-- var('forecast_max_points') periods, never across a series break (series_segment) nor across or
-- within a suspension of the patient right, and never a provisional value (they are revised,
-- usually downwards); at least var('forecast_min_points') periods. The method is the drift
-- method (a random walk with drift; Hyndman & Athanasopoulos, Forecasting: Principles and
-- Practice, 3rd ed., 5.2 and 5.5): the line continues from the latest value with the stretch's
-- average change per period, and its prediction interval widens with the horizon,
--   y_h = y_n + b h,  b = (y_n - y_1) / (t_n - t_1),
--   se_h = s sqrt(h (1 + h / (n - 1))),  s^2 = sum((dy_i - b dt_i)^2) / (n - 2),
-- with Student's t (n - 2 degrees of freedom). A least-squares line through the stretch was tried
-- first: its 80 % interval held only 54 % of the outcomes four periods ahead in the backtest
-- (bench/forecast_backtest.py), the drift method's about 80 %.
-- The drift is damped (Gardner & McKenzie; FPP 8.2): step h adds b (phi + phi^2 + ... + phi^h),
-- phi = var('forecast_damping'), so a trend is not carried on for years at full speed. Whether
-- the damped trend or the last value forecasts a series better is decided per series by its own
-- backtest (int_forecast_methods_chosen).
--
-- Only the indicators with a target are forecast unless var('forecast_all_indicators') is true
-- (the backtest sets it): the others feed no mart, and forecasting every series from every origin
-- was the largest query of a build (most of a 100 x build, issue 22).
{%- set max_points = var('forecast_max_points', 8) %}
{%- set min_points = var('forecast_min_points', 4) %}
{%- set horizon_quarters = var('forecast_horizon_quarters', 8) %}
{%- set horizon_years = var('forecast_horizon_years', 3) %}
{%- set damping = var('forecast_damping', 0.8) %}
{%- set all_indicators = var('forecast_all_indicators', false) %}
with

current_values as (

    select * from {{ ref('int_indicator_values_current_flagged') }}

),

indicators as (

    select indicator_id, unit, direction, frequency, target from {{ ref('indicators') }}

),

timed as (

    -- a period index that counts periods (quarters or years), and the number of suspended periods
    -- so far: a stretch is a run of periods with the same segment and no suspension in between
    select
        current_values.audience,
        current_values.indicator_id,
        current_values.region_id,
        current_values.period,
        current_values.value,
        current_values.is_provisional,
        current_values.is_suspended,
        current_values.series_segment,
        indicators.frequency,
        {{ period_index('indicators.frequency', 'current_values.period_year', 'current_values.period_quarter') }} as time_index,
        sum(case when current_values.is_suspended then 1 else 0 end) over (
            partition by current_values.audience, current_values.indicator_id, current_values.region_id
            order by current_values.period_start
            rows between unbounded preceding and current row
        ) as suspensions_so_far
    from current_values
    inner join indicators on current_values.indicator_id = indicators.indicator_id
    where current_values.value is not null
        {%- if not all_indicators %} and indicators.target is not null{% endif %}

),

usable as (

    select
        timed.*,
        row_number() over (
            partition by audience, indicator_id, region_id, series_segment, suspensions_so_far
            order by time_index
        ) as stretch_position
    from timed
    where not is_suspended and not is_provisional

),

windows as (

    -- every usable period as an origin, with the points of its stretch it is fitted on
    select
        origin.audience,
        origin.indicator_id,
        origin.region_id,
        origin.period as origin_period,
        origin.time_index as origin_time,
        origin.frequency,
        origin.value as origin_value,
        point.period as point_period,
        point.stretch_position,
        cast(point.time_index - origin.time_index as {{ dbt.type_float() }}) as x,
        point.value as y
    from usable as origin
    inner join usable as point
        on origin.audience = point.audience
        and origin.indicator_id = point.indicator_id
        and origin.region_id = point.region_id
        and origin.series_segment = point.series_segment
        and origin.suspensions_so_far = point.suspensions_so_far
        and point.stretch_position between origin.stretch_position - {{ max_points - 1 }} and origin.stretch_position

),

ends as (

    -- the stretch's first point in the window, and its size
    select
        audience, indicator_id, region_id, origin_period,
        count(*) as n_points,
        min(stretch_position) as first_position
    from windows
    group by audience, indicator_id, region_id, origin_period
    having count(*) >= {{ min_points }}

),

lines as (

    -- drift: the average change per period from the window's first point to the origin
    select
        ends.audience, ends.indicator_id, ends.region_id, ends.origin_period,
        ends.n_points,
        max(windows.origin_time) as origin_time,
        max(windows.frequency) as frequency,
        max(windows.origin_value) as origin_value,
        max(windows.point_period) as fit_from_period,
        (max(windows.origin_value) - max(windows.y)) / (0.0 - max(windows.x)) as slope
    from ends
    inner join windows
        on ends.audience = windows.audience
        and ends.indicator_id = windows.indicator_id
        and ends.region_id = windows.region_id
        and ends.origin_period = windows.origin_period
        and ends.first_position = windows.stretch_position
    group by ends.audience, ends.indicator_id, ends.region_id, ends.origin_period, ends.n_points

),

fits as (

    -- the residual spread: each change between consecutive points against the drift, n - 2 df
    -- (n - 1 changes, one parameter)
    select
        lines.audience, lines.indicator_id, lines.region_id, lines.origin_period,
        max(lines.origin_time) as origin_time,
        max(lines.frequency) as frequency,
        max(lines.origin_value) as origin_value,
        max(lines.fit_from_period) as fit_from_period,
        max(lines.n_points) as n_points,
        max(lines.slope) as slope,
        sqrt(sum(
            (later.y - earlier.y - lines.slope * (later.x - earlier.x))
            * (later.y - earlier.y - lines.slope * (later.x - earlier.x))
        ) / (max(lines.n_points) - 2)) as residual_sd
    from lines
    inner join windows as later
        on lines.audience = later.audience
        and lines.indicator_id = later.indicator_id
        and lines.region_id = later.region_id
        and lines.origin_period = later.origin_period
    inner join windows as earlier
        on later.audience = earlier.audience
        and later.indicator_id = earlier.indicator_id
        and later.region_id = earlier.region_id
        and later.origin_period = earlier.origin_period
        and earlier.stretch_position = later.stretch_position - 1
    group by lines.audience, lines.indicator_id, lines.region_id, lines.origin_period

),

steps as (

    {%- for step in range(1, [horizon_quarters, horizon_years] | max + 1) %}
    select {{ step }} as step{% if not loop.last %} union all{% endif %}
    {%- endfor %}

),

forecasts as (

    select
        fits.*,
        steps.step,
        fits.origin_time + steps.step as forecast_time,
        {%- if damping == 1 %}
        fits.origin_value + fits.slope * steps.step as raw_forecast,
        {%- else %}
        fits.origin_value
            + fits.slope * {{ damping }} * (1.0 - power({{ damping }}, steps.step)) / (1.0 - {{ damping }}) as raw_forecast,
        {%- endif %}
        fits.residual_sd * sqrt(steps.step * (1.0 + steps.step / (fits.n_points - 1.0))) as prediction_se,
        fits.n_points - 2 as degrees_of_freedom
    from fits
    cross join steps
    where steps.step <= case when fits.frequency = 'quarter' then {{ horizon_quarters }} else {{ horizon_years }} end

),

labelled as (

    select
        forecasts.*,
        case
            when forecasts.frequency = 'quarter' then {{ dbt.concat([
                "cast(cast(floor(forecasts.forecast_time / 4.0) as " ~ dbt.type_int() ~ ") as " ~ dbt.type_string() ~ ")",
                "'K'",
                "cast(cast(forecasts.forecast_time - 4 * floor(forecasts.forecast_time / 4.0) + 1 as " ~ dbt.type_int() ~ ") as " ~ dbt.type_string() ~ ")",
            ]) }}
            else cast(forecasts.forecast_time as {{ dbt.type_string() }})
        end as forecast_period,
        {{ t_quantile('forecasts.degrees_of_freedom', 80) }} as t80,
        {{ t_quantile('forecasts.degrees_of_freedom', 95) }} as t95,
        indicators.unit,
        indicators.direction,
        indicators.target
    from forecasts
    inner join indicators on forecasts.indicator_id = indicators.indicator_id

),

bounded as (

    -- a percentage cannot leave 0-100: the line and its interval are clipped there
    select
        labelled.*,
        {% for name, expression in [
            ('forecast', 'raw_forecast'),
            ('pi80_low', 'raw_forecast - t80 * prediction_se'),
            ('pi80_high', 'raw_forecast + t80 * prediction_se'),
            ('pi95_low', 'raw_forecast - t95 * prediction_se'),
            ('pi95_high', 'raw_forecast + t95 * prediction_se'),
        ] -%}
        case when unit = 'pct' then greatest(0.0, least(100.0, {{ expression }})) else {{ expression }} end as {{ name }},
        {% endfor -%}
        -- the target's distance in prediction standard errors, on the side of the desired direction
        case
            when target is null or prediction_se <= 0 then null
            when direction = 'higher_is_better' then (raw_forecast - target) / prediction_se
            else (target - raw_forecast) / prediction_se
        end as target_t_statistic
    from labelled

)

select
    audience,
    indicator_id,
    region_id,
    origin_period,
    origin_value,
    fit_from_period,
    n_points,
    slope,
    residual_sd,
    degrees_of_freedom,
    step,
    forecast_period,
    forecast,
    prediction_se,
    t80,
    t95,
    unit,
    pi80_low,
    pi80_high,
    pi95_low,
    pi95_high,
    target,
    direction,
    case
        when target is null then null
        when direction = 'higher_is_better' then raw_forecast >= target
        else raw_forecast <= target
    end as forecast_meets_target,
    -- P(the value of this period meets the target) under the forecast's t distribution
    case
        when target is null then null
        when prediction_se <= 0 then
            case when (direction = 'higher_is_better' and raw_forecast >= target)
                or (direction = 'lower_is_better' and raw_forecast <= target) then 1.0 else 0.0 end
        else {{ t_cdf('target_t_statistic', 'degrees_of_freedom') }}
    end as probability_target_met

from bounded
