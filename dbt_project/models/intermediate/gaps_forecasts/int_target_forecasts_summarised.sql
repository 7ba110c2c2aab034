-- The forecasts of every series of an indicator with a target from every usable period (one row
-- per audience, indicator, region incl. hele_landet, origin and step ahead), with what each says
-- about the target: when the point forecast first meets it, and how likely the last period of the
-- horizon meets it. A pack or page for a chosen quarter reads the latest origin up to it;
-- `is_latest` marks the forecast from the latest data.
-- The method is the series' own (int_forecast_methods_chosen): where the damped trend does not
-- beat the last value on the series' history, the forecast is the last value (flat), and the
-- target year cannot be forecast: target_status 'kan ikke fremskrives' (unless already met),
-- no expected period and no probability.
with

trend_forecasts as (

    select * from {{ ref('int_trend_forecasts_computed') }} where target is not null

),

methods as (

    select * from {{ ref('int_forecast_methods_chosen') }}

),

forecasts as (

    select
        trend_forecasts.audience,
        trend_forecasts.indicator_id,
        trend_forecasts.region_id,
        trend_forecasts.origin_period,
        trend_forecasts.origin_value,
        trend_forecasts.fit_from_period,
        trend_forecasts.n_points,
        trend_forecasts.residual_sd,
        trend_forecasts.degrees_of_freedom,
        trend_forecasts.step,
        trend_forecasts.forecast_period,
        trend_forecasts.prediction_se,
        trend_forecasts.target,
        trend_forecasts.direction,
        methods.forecast_method,
        methods.backtest_mae_trend,
        methods.backtest_mae_naive,
        methods.forecast_method = 'dæmpet trend' as is_trend,
        case when methods.forecast_method = 'dæmpet trend' then trend_forecasts.slope else 0.0 end as slope,
        case when methods.forecast_method = 'dæmpet trend' then trend_forecasts.forecast else trend_forecasts.origin_value end as forecast,
        {% for name, sign, t in [('pi80_low', '-', 't80'), ('pi80_high', '+', 't80'), ('pi95_low', '-', 't95'), ('pi95_high', '+', 't95')] -%}
        case
            when methods.forecast_method = 'dæmpet trend' then trend_forecasts.{{ name }}
            when trend_forecasts.unit = 'pct' then greatest(0.0, least(100.0,
                trend_forecasts.origin_value {{ sign }} trend_forecasts.{{ t }} * trend_forecasts.prediction_se))
            else trend_forecasts.origin_value {{ sign }} trend_forecasts.{{ t }} * trend_forecasts.prediction_se
        end as {{ name }},
        {% endfor -%}
        case
            when methods.forecast_method = 'dæmpet trend' then trend_forecasts.forecast_meets_target
            when trend_forecasts.direction = 'higher_is_better' then trend_forecasts.origin_value >= trend_forecasts.target
            else trend_forecasts.origin_value <= trend_forecasts.target
        end as forecast_meets_target,
        case when methods.forecast_method = 'dæmpet trend' then trend_forecasts.probability_target_met end
            as probability_target_met
    from trend_forecasts
    inner join methods
        on trend_forecasts.audience = methods.audience
        and trend_forecasts.indicator_id = methods.indicator_id
        and trend_forecasts.region_id = methods.region_id

),

latest as (

    -- period codes of one frequency sort as text
    select audience, indicator_id, region_id, max(origin_period) as origin_period
    from forecasts
    group by audience, indicator_id, region_id

),

series as (

    select
        forecasts.*,
        latest.origin_period is not null as is_latest
    from forecasts
    left join latest
        on forecasts.audience = latest.audience
        and forecasts.indicator_id = latest.indicator_id
        and forecasts.region_id = latest.region_id
        and forecasts.origin_period = latest.origin_period

),

judged as (

    select
        audience,
        indicator_id,
        region_id,
        origin_period,
        max(case
            when direction = 'higher_is_better' then case when origin_value >= target then 1 else 0 end
            else case when origin_value <= target then 1 else 0 end
        end) = 1 as target_already_met,
        max(case
            when direction = 'higher_is_better' then case when slope > 0 then 1 else 0 end
            else case when slope < 0 then 1 else 0 end
        end) = 1 as trend_towards_target,
        min(case when forecast_meets_target then forecast_period end) as first_period_meeting_target,
        max(case when is_trend then 1 else 0 end) = 1 as is_trend,
        max(step) as horizon
    from series
    group by audience, indicator_id, region_id, origin_period

),

summarised as (

    select
        judged.*,
        case
            when judged.is_trend and not judged.target_already_met and judged.trend_towards_target
                then judged.first_period_meeting_target
        end as expected_period_reached,
        case
            when judged.target_already_met then 'nået'
            when not judged.is_trend then 'kan ikke fremskrives'
            when not judged.trend_towards_target then 'udviklingen går væk fra målet'
            when judged.first_period_meeting_target is not null then 'nås inden for horisonten'
            else 'nås ikke inden for horisonten'
        end as target_status
    from judged

)

select
    series.audience,
    series.indicator_id,
    series.region_id,
    series.origin_period as fitted_to_period,
    series.is_latest,
    series.fit_from_period,
    series.n_points,
    series.origin_value as latest_value,
    series.slope as slope_per_period,
    series.residual_sd,
    series.degrees_of_freedom,
    series.target,
    series.direction,
    series.forecast_method,
    series.backtest_mae_trend,
    series.backtest_mae_naive,
    summarised.target_status,
    summarised.expected_period_reached,
    horizon_end.forecast_period as horizon_end_period,
    horizon_end.probability_target_met as probability_target_met_by_horizon,
    series.step,
    series.forecast_period,
    series.forecast,
    series.prediction_se,
    series.pi80_low,
    series.pi80_high,
    series.pi95_low,
    series.pi95_high,
    series.forecast_meets_target,
    series.probability_target_met

from series
inner join summarised
    on series.audience = summarised.audience
    and series.indicator_id = summarised.indicator_id
    and series.region_id = summarised.region_id
    and series.origin_period = summarised.origin_period
inner join series as horizon_end
    on series.audience = horizon_end.audience
    and series.indicator_id = horizon_end.indicator_id
    and series.region_id = horizon_end.region_id
    and series.origin_period = horizon_end.origin_period
    and horizon_end.step = summarised.horizon
