-- One row per audience, indicator and region (incl. hele_landet) with a forecast: the method that
-- forecasts the series best on its own history, the rule behind "when is the target met".
-- Every earlier forecast of the series (int_trend_forecasts_computed, every origin and step)
-- whose outcome is known and comparable (same series segment as the origin, not provisional, not
-- suspended) is scored against it, as is the naive forecast "as last time" (the origin's value):
-- the damped trend is chosen ('dæmpet trend') when its mean absolute error is lower than the last
-- value's on at least var('forecast_min_backtest') forecasts; otherwise the last value ('seneste
-- værdi'), and the page and the board item say the target year cannot be forecast.
{%- set min_backtest = var('forecast_min_backtest', 4) %}
with

forecasts as (

    select audience, indicator_id, region_id, origin_period, origin_value, forecast_period, forecast
    from {{ ref('int_trend_forecasts_computed') }}

),

current_values as (

    select audience, indicator_id, region_id, period, value, is_provisional, is_suspended, series_segment
    from {{ ref('int_indicator_values_current_flagged') }}

),

scored as (

    select
        forecasts.audience,
        forecasts.indicator_id,
        forecasts.region_id,
        abs(forecasts.forecast - outcome.value) as trend_error,
        abs(forecasts.origin_value - outcome.value) as naive_error
    from forecasts
    inner join current_values as origin
        on forecasts.audience = origin.audience
        and forecasts.indicator_id = origin.indicator_id
        and forecasts.region_id = origin.region_id
        and forecasts.origin_period = origin.period
    inner join current_values as outcome
        on forecasts.audience = outcome.audience
        and forecasts.indicator_id = outcome.indicator_id
        and forecasts.region_id = outcome.region_id
        and forecasts.forecast_period = outcome.period
    where outcome.value is not null
        and not outcome.is_provisional
        and not outcome.is_suspended
        and outcome.series_segment = origin.series_segment

),

series as (

    select distinct audience, indicator_id, region_id from forecasts

),

backtested as (

    select
        audience,
        indicator_id,
        region_id,
        count(*) as n_backtest_forecasts,
        avg(trend_error) as backtest_mae_trend,
        avg(naive_error) as backtest_mae_naive
    from scored
    group by audience, indicator_id, region_id

)

select
    series.audience,
    series.indicator_id,
    series.region_id,
    coalesce(backtested.n_backtest_forecasts, 0) as n_backtest_forecasts,
    backtested.backtest_mae_trend,
    backtested.backtest_mae_naive,
    case
        when backtested.n_backtest_forecasts >= {{ min_backtest }}
            and backtested.backtest_mae_trend < backtested.backtest_mae_naive
            then 'dæmpet trend'
        else 'seneste værdi'
    end as forecast_method
from series
left join backtested
    on series.audience = backtested.audience
    and series.indicator_id = backtested.indicator_id
    and series.region_id = backtested.region_id
