{#- mart_forecast_origin for one audience, from that audience's mart_target_forecast: one
    definition for the public mart and its fortrolig copy. -#}

{% macro forecast_origin_per_period(forecasts, audience) -%}
with

origins as (

    select distinct indicator_id, region_id, fitted_to_period
    from {{ forecasts }}

),

periods as (

    select distinct indicator_id, period
    from {{ ref('int_indicator_values_current_flagged') }}
    where audience = '{{ audience }}'

)

-- a page or pack for a period shows the forecast as it stood then: from the latest origin up to
-- the period (period codes of one indicator share a frequency and sort as text)
select
    periods.indicator_id,
    origins.region_id,
    periods.period,
    max(origins.fitted_to_period) as fitted_to_period
from periods
inner join origins
    on periods.indicator_id = origins.indicator_id
    and origins.fitted_to_period <= periods.period
group by periods.indicator_id, origins.region_id, periods.period
{%- endmacro %}
