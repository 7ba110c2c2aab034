-- One row per audience, indicator, period with unit values and point of the funnel plot's control
-- limits: 200 denominators in geometric steps from 0.8 x the smallest to 1.2 x the largest unit
-- denominator (at least 1), and every unit's own denominator, with the 95 % and 99.8 % limits
-- around the national reference value there (macro funnel_limit: the same limits
-- int_unit_values_compared stores at each unit). The figure draws these points; it computes none.
-- Units without funnel limits (days, indices: the macro gives none) have no curve.
with

unit_values as (

    -- an 8-byte float on every engine: a decimal denominator (PostgreSQL, Spark) would put the
    -- curve's points a billionth apart from DuckDB's
    select audience, indicator_id, period, cast(denominator as {{ type_double() }}) as denominator, national_reference_value
    from {{ ref('int_unit_values_compared') }}
    where value is not null and denominator > 0 and national_reference_value is not null

),

indicators as (

    select indicator_id, unit, {{ value_scale('unit') }} as scale
    from {{ ref('indicators') }}
    where {{ value_scale('unit') }} is not null

),

spans as (

    select
        audience,
        indicator_id,
        period,
        max(national_reference_value) as reference_value,
        {{ greatest_of('min(denominator) * cast(0.8 as ' ~ type_double() ~ ')', 'cast(1 as ' ~ type_double() ~ ')') }} as low,
        {{ greatest_of('max(denominator) * cast(1.2 as ' ~ type_double() ~ ')', 'cast(1 as ' ~ type_double() ~ ')') }} as high
    from unit_values
    group by audience, indicator_id, period

),

digits as (

    {%- for d in range(10) %}
    select {{ d }} as digit{% if not loop.last %} union all{% endif %}
    {%- endfor %}

),

steps as (

    -- 0..199
    select tens.digit * 10 + ones.digit as step
    from digits as tens
    cross join digits as ones
    union all
    select 100 + tens.digit * 10 + ones.digit as step
    from digits as tens
    cross join digits as ones

),

points as (

    select
        spans.audience,
        spans.indicator_id,
        spans.period,
        spans.low * power(
            case when spans.high > spans.low then spans.high / spans.low else cast(1.01 as {{ type_double() }}) end,
            cast(steps.step as {{ type_double() }}) / cast(199 as {{ type_double() }})
        ) as denominator
    from spans
    cross join steps

    union

    select distinct audience, indicator_id, period, denominator
    from unit_values

),

limits as (

    select
        points.audience,
        points.indicator_id,
        points.period,
        points.denominator,
        {{ funnel_limit('indicators.unit', 'spans.reference_value', 'points.denominator', 'indicators.scale', z_95(), -1) }} as funnel95_low,
        {{ funnel_limit('indicators.unit', 'spans.reference_value', 'points.denominator', 'indicators.scale', z_95(), 1) }} as funnel95_high,
        {{ funnel_limit('indicators.unit', 'spans.reference_value', 'points.denominator', 'indicators.scale', z_998(), -1) }} as funnel998_low,
        {{ funnel_limit('indicators.unit', 'spans.reference_value', 'points.denominator', 'indicators.scale', z_998(), 1) }} as funnel998_high
    from points
    inner join spans
        on points.audience = spans.audience
        and points.indicator_id = spans.indicator_id
        and points.period = spans.period
    inner join indicators on points.indicator_id = indicators.indicator_id

)

select * from limits where funnel95_low is not null
