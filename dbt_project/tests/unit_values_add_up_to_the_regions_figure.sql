-- Where a region's units of one type (its municipalities, or its hospitals, or its sub-groups)
-- together cover the region - every unit of that type the seeds list for the region has a value
-- with numerator and denominator - their sums must give the region's published figure:
-- sum(numerator) / sum(denominator) x scale within rounding (half a unit of the indicator's last
-- decimal). Returns the (indicator, region, unit type, period) that do not add up. Checked on the
-- newest vintage of everything loaded (audience 'fortrolig'), so an embargo cannot make a
-- region's older figure meet its units' newer ones. Units of ratios only (pct, pr. 1.000,
-- pr. 100.000, dage); see docs/methods.md.
{{ config(severity='error') }}

with

units_per_region as (

    select region_id, unit_type, count(*) as n_units
    from {{ ref('int_units_unioned') }}
    group by region_id, unit_type

),

unit_sums as (

    select
        indicator_id,
        region_id,
        unit_type,
        period,
        count(*) as n_units_with_value,
        count(numerator) as n_numerators,
        count(denominator) as n_denominators,
        sum(numerator) as sum_numerator,
        sum(denominator) as sum_denominator

    from {{ ref('int_unit_values_current_flagged') }}
    where audience = 'fortrolig' and value is not null
    group by indicator_id, region_id, unit_type, period

),

region_figures as (

    select indicator_id, region_id, period, value as region_value
    from {{ ref('int_indicator_values_current_flagged') }}
    where audience = 'fortrolig' and value is not null

),

indicators as (

    select indicator_id, unit, decimals from {{ ref('indicators') }}

),

compared as (

    select
        unit_sums.indicator_id,
        unit_sums.region_id,
        unit_sums.unit_type,
        unit_sums.period,
        unit_sums.n_units_with_value,
        unit_sums.sum_numerator,
        unit_sums.sum_denominator,
        region_figures.region_value,
        unit_sums.sum_numerator / unit_sums.sum_denominator * {{ value_scale('indicators.unit') }} as units_value,
        0.5 / power(10.0, indicators.decimals) as tolerance

    from unit_sums
    inner join units_per_region
        on unit_sums.region_id = units_per_region.region_id
        and unit_sums.unit_type = units_per_region.unit_type
    inner join region_figures
        on unit_sums.indicator_id = region_figures.indicator_id
        and unit_sums.region_id = region_figures.region_id
        and unit_sums.period = region_figures.period
    inner join indicators on unit_sums.indicator_id = indicators.indicator_id
    where unit_sums.n_units_with_value = units_per_region.n_units
      and unit_sums.n_numerators = unit_sums.n_units_with_value
      and unit_sums.n_denominators = unit_sums.n_units_with_value
      and unit_sums.sum_denominator > 0
      and {{ value_scale('indicators.unit') }} is not null

)

select *
from compared
where abs(units_value - region_value) > tolerance + 1e-9
