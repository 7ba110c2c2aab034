-- Every current value, of the regions (unit_id null) and of the units below them, with its 95 %
-- and 99.8 % confidence interval where numerator and denominator are known: Wilson's score
-- interval for proportions (pct), Byar's approximation to the exact Poisson interval for rates
-- (pr. 1.000, pr. 100.000). Other units (days, indices, years) get no interval. See docs/methods.md.
-- `reference_value` is what other values are compared against: the unrounded numerator /
-- denominator x scale where an interval is defined, else the value as published (rounded).
with

region_values as (

    select
        audience, indicator_id, region_id,
        cast(null as {{ dbt.type_string() }}) as unit_id,
        period, period_start, series_segment, value, numerator, denominator
    from {{ ref('int_indicator_values_current_flagged') }}

),

unit_values as (

    select
        audience, indicator_id, region_id, unit_id,
        period, period_start, series_segment, value, numerator, denominator
    from {{ ref('int_unit_values_current_flagged') }}

),

all_values as (

    select * from region_values
    union all
    select * from unit_values

),

indicators as (

    select indicator_id, unit from {{ ref('indicators') }}

),

prepared as (

    select
        all_values.*,
        case when all_values.value is not null then {{ ci_method('indicators.unit', 'all_values.numerator', 'all_values.denominator') }} end as ci_method,
        {{ value_scale('indicators.unit') }} as scale

    from all_values
    inner join indicators on all_values.indicator_id = indicators.indicator_id

)

select
    audience,
    indicator_id,
    region_id,
    unit_id,
    period,
    period_start,
    series_segment,
    value,
    numerator,
    denominator,
    ci_method,
    case when ci_method is not null then numerator / denominator * scale else value end as reference_value,
    {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_95(), -1) }} as ci95_low,
    {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_95(), 1) }} as ci95_high,
    {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_998(), -1) }} as ci998_low,
    {{ confidence_bound('ci_method', 'numerator', 'denominator', 'scale', z_998(), 1) }} as ci998_high

from prepared
